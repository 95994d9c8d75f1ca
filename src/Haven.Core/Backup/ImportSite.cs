using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Haven.Core.Data;
using Haven.Core.Files;
using Haven.Core.Shared;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Haven.Core.Backup;

/// <summary>What a restore wrote.</summary>
public sealed record SiteRestoreSummary(long Rows, int Tables, int Files, string SourceProvider, string CreatedAt);

/// <summary>Restores an archive <see cref="ExportSite"/> wrote into an empty site, on either database. Everything is
/// checked before anything is written: the manifest, the schema (the code's latest migration, by name), every entry's
/// length and SHA-256, the row counts, and that the site holds nothing but what start-up seeds itself. Then the
/// seeded rows are replaced by the archive's and every row is inserted, principals first, in one transaction; files
/// are written before the commit and removed again if it fails, so a failure leaves the site as it was.</summary>
public sealed class ImportSite(HavenDbContext db, IFileStore files)
{
    /// <summary>Rows a new site has before anyone uses it: the default policy areas and their positions, the atlas's
    /// jurisdictions, roles, this instance's Data Protection keys and the search change log. A restore replaces
    /// them with the archive's (the archive's keys keep its sign-in cookies and mailed links valid).</summary>
    public static readonly IReadOnlyList<Type> SeededAtStartup =
    [
        typeof(Policies.PolicyArea), typeof(Policies.PolicyPosition), typeof(Taxonomy.Jurisdiction),
        typeof(IdentityRole), typeof(DataProtectionKey), typeof(Search.SearchIndexChange),
    ];

    public async Task<Outcome<SiteArchiveManifest>> CheckAsync(string archivePath, CancellationToken cancellationToken = default)
    {
        var problems = new List<Problem>();
        SiteArchiveManifest? manifest;
        try
        {
            using var zip = ZipFile.OpenRead(archivePath);
            manifest = await ReadManifestAsync(zip, problems, cancellationToken);
            if (manifest is not null)
            {
                await CheckSchemaAsync(manifest, problems, cancellationToken);
                await CheckEntriesAsync(zip, manifest, problems, cancellationToken);
            }
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            return Outcome<SiteArchiveManifest>.Failure(new Problem("archive-unreadable", "The archive cannot be read (it may be truncated or not a Haven archive): {0}", null, e.Message));
        }
        if (problems.Count == 0) await CheckTargetEmptyAsync(problems, cancellationToken);
        return problems.Count > 0 ? Outcome<SiteArchiveManifest>.Failure(problems) : Outcome<SiteArchiveManifest>.Success(manifest!);
    }

    public async Task<Outcome<SiteRestoreSummary>> RestoreAsync(string archivePath, CancellationToken cancellationToken = default)
    {
        var check = await CheckAsync(archivePath, cancellationToken);
        if (!check.Succeeded) return Outcome<SiteRestoreSummary>.Failure(check.Problems);
        var manifest = check.Value!;
        var tables = SiteTables.Of(db).Tables.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var written = new List<string>();
        long rows = 0;
        using var zip = ZipFile.OpenRead(archivePath);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            var connection = db.Database.GetDbConnection();
            var dbTransaction = transaction.GetDbTransaction();
            var isSqlite = db.Database.ProviderName?.Contains("Sqlite", StringComparison.OrdinalIgnoreCase) == true;
            if (isSqlite) await ExecuteAsync("PRAGMA defer_foreign_keys = ON");
            // The seeded rows go first (dependents before principals), then the archive's rows come in, principals first.
            foreach (var table in SiteTables.Of(db).Tables.Reverse())
                await ExecuteAsync($"DELETE FROM {table.QuotedName}");
            foreach (var archived in manifest.Tables)
            {
                var table = tables[archived.Name];
                var columns = archived.Columns.Select(c => table.Column(c)!).ToList();
                var sql = $"INSERT INTO {table.QuotedName} ({string.Join(", ", columns.Select(c => c.QuotedName))}) " +
                    $"VALUES ({string.Join(", ", columns.Select((_, i) => "@p" + i))})";
                using var reader = new StreamReader(zip.GetEntry(archived.Entry)!.Open());
                while (await reader.ReadLineAsync(cancellationToken) is { } line)
                {
                    if (line.Length == 0) continue;
                    using var row = JsonDocument.Parse(line);
                    await using var command = connection.CreateCommand();
                    command.Transaction = dbTransaction;
#pragma warning disable CA2100 // identifiers come from the EF model and are delimited by the provider
                    command.CommandText = sql;
#pragma warning restore CA2100
                    for (var i = 0; i < columns.Count; i++)
                    {
                        var element = row.RootElement.GetProperty(columns[i].Name);
                        var value = element.ValueKind == JsonValueKind.Null ? null : element.Deserialize(columns[i].ModelType, SiteArchiveFormat.Values);
                        command.Parameters.Add(columns[i].Parameter(command, "@p" + i, value));
                    }
                    await command.ExecuteNonQueryAsync(cancellationToken);
                    rows++;
                }
            }
            if (db.Database.ProviderName?.Contains("Npgsql", StringComparison.OrdinalIgnoreCase) == true)
            {
                // Rows came with their ids: move each identity sequence past the largest.
                foreach (var table in tables.Values)
                    foreach (var column in table.Columns.Where(c => c.IsGeneratedKey))
                        await ExecuteAsync($"SELECT setval(pg_get_serial_sequence('{table.QuotedName.Replace("'", "''", StringComparison.Ordinal)}', '{column.Name.Replace("'", "''", StringComparison.Ordinal)}'), " +
                            $"COALESCE((SELECT MAX({column.QuotedName}) FROM {table.QuotedName}), 0) + 1, false)");
            }

            foreach (var entry in zip.Entries.Where(e => e.FullName.StartsWith(SiteArchiveFormat.FilesFolder, StringComparison.Ordinal) && !e.FullName.EndsWith('/')))
            {
                var key = entry.FullName[SiteArchiveFormat.FilesFolder.Length..];
                using (var existing = files.OpenRead(key))
                    if (existing is null) written.Add(key);
                await using var content = entry.Open();
                await files.SaveAsync(key, content, cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
        }
        catch
        {
            await transaction.RollbackAsync(CancellationToken.None);
            foreach (var key in written) files.Delete(key);
            throw;
        }
        return Outcome<SiteRestoreSummary>.Success(new SiteRestoreSummary(rows, manifest.Tables.Count, written.Count, manifest.SourceProvider, manifest.CreatedAt));

        async Task ExecuteAsync(string sql)
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.Transaction = transaction.GetDbTransaction();
#pragma warning disable CA2100 // identifiers come from the EF model and are delimited by the provider
            command.CommandText = sql;
#pragma warning restore CA2100
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static async Task<SiteArchiveManifest?> ReadManifestAsync(ZipArchive zip, List<Problem> problems, CancellationToken cancellationToken)
    {
        var entry = zip.GetEntry(SiteArchiveFormat.ManifestEntry);
        if (entry is null)
        {
            problems.Add(new Problem("archive-no-manifest", "The archive has no manifest: it is not a Haven site archive, or it is incomplete."));
            return null;
        }
        SiteArchiveManifest? manifest;
        try
        {
            await using var stream = entry.Open();
            manifest = await JsonSerializer.DeserializeAsync<SiteArchiveManifest>(stream, SiteArchiveFormat.ManifestJson, cancellationToken);
        }
        catch (JsonException)
        {
            manifest = null;
        }
        if (manifest is null)
        {
            problems.Add(new Problem("archive-bad-manifest", "The archive's manifest cannot be read."));
            return null;
        }
        if (manifest.FormatVersion != SiteArchiveFormat.Version)
        {
            problems.Add(new Problem("archive-format", "The archive's format version is {0}; this version of Haven reads version {1}.", null, manifest.FormatVersion, SiteArchiveFormat.Version));
            return null;
        }
        return manifest;
    }

    private async Task CheckSchemaAsync(SiteArchiveManifest manifest, List<Problem> problems, CancellationToken cancellationToken)
    {
        var known = db.Database.GetMigrations().Select(SiteArchiveFormat.MigrationName).ToList();
        var archived = SiteArchiveFormat.MigrationName(manifest.SchemaMigration);
        if (!known.Contains(archived, StringComparer.Ordinal))
        {
            problems.Add(new Problem("archive-schema-newer", "The archive was made by a newer version of Haven (schema {0}); upgrade this site before restoring it.", null, manifest.SchemaMigration));
            return;
        }
        if (known[^1] != archived)
        {
            problems.Add(new Problem("archive-schema-older", "The archive was made by an older version of Haven (schema {0}); restore it with that version, then upgrade.", null, manifest.SchemaMigration));
            return;
        }
        if ((await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
        {
            problems.Add(new Problem("archive-target-not-migrated", "This site's database is not up to date: run `haven migrate` first."));
            return;
        }
        var tables = SiteTables.Of(db).Tables.ToDictionary(t => t.Name, StringComparer.Ordinal);
        foreach (var table in manifest.Tables)
        {
            if (!tables.TryGetValue(table.Name, out var known2))
                problems.Add(new Problem("archive-unknown-table", "The archive has a table this site does not know: {0}.", null, table.Name));
            else if (table.Columns.FirstOrDefault(c => known2.Column(c) is null) is { } column)
                problems.Add(new Problem("archive-unknown-column", "The archive has a column this site does not know: {0}.{1}.", null, table.Name, column));
        }
        foreach (var missing in tables.Keys.Except(manifest.Tables.Select(t => t.Name), StringComparer.Ordinal))
            problems.Add(new Problem("archive-missing-table", "The archive lacks the table {0}.", null, missing));
    }

    private static async Task CheckEntriesAsync(ZipArchive zip, SiteArchiveManifest manifest, List<Problem> problems, CancellationToken cancellationToken)
    {
        var listed = manifest.Entries.ToDictionary(e => e.Name, StringComparer.Ordinal);
        foreach (var extra in zip.Entries.Select(e => e.FullName)
                     .Where(n => n != SiteArchiveFormat.ManifestEntry && !n.EndsWith('/') && !listed.ContainsKey(n)))
            problems.Add(new Problem("archive-unlisted-entry", "The archive holds {0}, which its manifest does not list.", null, extra));
        foreach (var file in manifest.Entries.Where(e => e.Name.StartsWith(SiteArchiveFormat.FilesFolder, StringComparison.Ordinal)))
        {
            var key = file.Name[SiteArchiveFormat.FilesFolder.Length..];
            if (key.Length == 0 || key.Contains("..", StringComparison.Ordinal) || key.StartsWith('/') || key.Contains('\\', StringComparison.Ordinal))
                problems.Add(new Problem("archive-bad-file-name", "The archive holds a file outside the files folder: {0}.", null, file.Name));
        }
        var rowsByEntry = manifest.Tables.ToDictionary(t => t.Entry, t => t.Rows, StringComparer.Ordinal);
        foreach (var expected in manifest.Entries)
        {
            var entry = zip.GetEntry(expected.Name);
            if (entry is null)
            {
                problems.Add(new Problem("archive-missing-entry", "The archive lacks {0}, which its manifest lists.", null, expected.Name));
                continue;
            }
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long length = 0, lines = 0;
            var buffer = new byte[81920];
            await using (var stream = entry.Open())
            {
                int read;
                while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    length += read;
                    lines += buffer.AsSpan(0, read).Count((byte)'\n');
                }
            }
            if (length != expected.Length || SiteArchiveFormat.Hex(hash.GetHashAndReset()) != expected.Sha256)
                problems.Add(new Problem("archive-checksum", "{0} does not match its SHA-256 in the manifest: the archive was changed or damaged.", null, expected.Name));
            else if (rowsByEntry.TryGetValue(expected.Name, out var rows) && rows != lines)
                problems.Add(new Problem("archive-row-count", "{0} holds {1} rows; the manifest says {2}.", null, expected.Name, lines, rows));
        }
        foreach (var table in manifest.Tables.Where(t => !listed.ContainsKey(t.Entry)))
            problems.Add(new Problem("archive-missing-entry", "The archive lacks {0}, which its manifest lists.", null, table.Entry));
    }

    private async Task CheckTargetEmptyAsync(List<Problem> problems, CancellationToken cancellationToken)
    {
        var seeded = SeededAtStartup.Select(t => db.Model.FindEntityType(t)?.GetTableName()).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var occupied = new List<string>();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            foreach (var table in SiteTables.Of(db).Tables.Where(t => !seeded.Contains(t.Name)))
            {
                await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // identifiers come from the EF model and are delimited by the provider
                command.CommandText = $"SELECT COUNT(*) FROM {table.QuotedName}";
#pragma warning restore CA2100
                if (Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) > 0)
                    occupied.Add(table.Name);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        if (occupied.Count > 0)
            problems.Add(new Problem("archive-target-not-empty", "This site already holds content ({0}): a site archive is restored only into a new, empty site.", null, string.Join(", ", occupied)));
    }
}
