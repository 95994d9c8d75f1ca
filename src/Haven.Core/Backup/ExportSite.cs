using System.Data;
using System.Data.Common;
using System.IO.Compression;
using System.Text.Json;
using Haven.Core.Data;
using Haven.Core.Files;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using NodaTime;
using NodaTime.Text;

namespace Haven.Core.Backup;

/// <summary>Writes the whole site, every table's rows and every stored file, to one zip archive (see
/// <see cref="SiteArchiveFormat"/>), streamed: rows are read and written one at a time (only a table that refers to
/// itself is held in memory, to put parents first), files are copied through. The rows come from one transaction,
/// so they are consistent with each other.</summary>
public sealed class ExportSite(HavenDbContext db, IFileStore files, IClock clock)
{
    public async Task<SiteArchiveManifest> WriteAsync(Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        var tables = SiteTables.Of(db);
        var manifest = new SiteArchiveManifest
        {
            FormatVersion = SiteArchiveFormat.Version,
            SchemaMigration = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).LastOrDefault() ?? "",
            SourceProvider = db.Database.ProviderName ?? "",
            CreatedAt = InstantPattern.ExtendedIso.Format(clock.GetCurrentInstant()),
        };
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        await using (var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken))
        {
            var connection = db.Database.GetDbConnection();
            foreach (var table in tables.Tables)
            {
                var entryName = SiteArchiveFormat.DataFolder + table.Name + ".jsonl";
                var entry = zip.CreateEntry(entryName, CompressionLevel.Optimal);
                long rows;
                string sha;
                long length;
                await using (var entryStream = await entry.OpenAsync(cancellationToken))
                await using (var hashing = new HashingStream(entryStream))
                {
                    rows = await WriteRowsAsync(connection, transaction.GetDbTransaction(), table, hashing, cancellationToken);
                    sha = hashing.Sha256();
                    length = hashing.Written;
                }
                manifest.Tables.Add(new SiteArchiveTable
                {
                    Name = table.Name, Schema = table.Schema, EntityTypes = [.. table.EntityTypes],
                    Columns = [.. table.Columns.Select(c => c.Name)], Rows = rows, Entry = entryName,
                });
                manifest.Entries.Add(new SiteArchiveEntry { Name = entryName, Length = length, Sha256 = sha });
            }
            await transaction.CommitAsync(cancellationToken);
        }

        foreach (var key in files.ListKeys().Order(StringComparer.Ordinal))
        {
            await using var source = files.OpenRead(key);
            if (source is null) continue; // removed meanwhile
            var entryName = SiteArchiveFormat.FilesFolder + key;
            var entry = zip.CreateEntry(entryName, CompressionLevel.Optimal);
            await using var entryStream = await entry.OpenAsync(cancellationToken);
            await using var hashing = new HashingStream(entryStream);
            await source.CopyToAsync(hashing, cancellationToken);
            manifest.Entries.Add(new SiteArchiveEntry { Name = entryName, Length = hashing.Written, Sha256 = hashing.Sha256() });
        }

        var manifestEntry = zip.CreateEntry(SiteArchiveFormat.ManifestEntry, CompressionLevel.Optimal);
        await using (var manifestStream = await manifestEntry.OpenAsync(cancellationToken))
            await JsonSerializer.SerializeAsync(manifestStream, manifest, SiteArchiveFormat.ManifestJson, cancellationToken);
        return manifest;
    }

    private static async Task<long> WriteRowsAsync(DbConnection connection, DbTransaction transaction, SiteTable table, Stream output, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
#pragma warning disable CA2100 // identifiers come from the EF model and are delimited by the provider
        command.CommandText = table.SelectSql();
#pragma warning restore CA2100
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var buffered = table.SelfReferences.Count > 0 ? new List<(string Key, List<string> Parents, byte[] Line)>() : null;
        long rows = 0;
        var newline = "\n"u8.ToArray();
        while (await reader.ReadAsync(cancellationToken))
        {
            var values = new Dictionary<string, object?>(StringComparer.Ordinal);
            using var line = new MemoryStream();
            await using (var writer = new Utf8JsonWriter(line))
            {
                writer.WriteStartObject();
                for (var i = 0; i < table.Columns.Count; i++)
                {
                    var column = table.Columns[i];
                    var value = column.Read(reader, i);
                    values[column.Name] = value;
                    writer.WritePropertyName(column.Name);
                    if (value is null) writer.WriteNullValue();
                    else JsonSerializer.Serialize(writer, value, column.ModelType, SiteArchiveFormat.Values);
                }
                writer.WriteEndObject();
            }
            line.Write(newline);
            rows++;
            if (buffered is null)
            {
                line.Position = 0;
                await line.CopyToAsync(output, cancellationToken);
            }
            else
            {
                var key = KeyOf(values, table.KeyColumns);
                var parents = table.SelfReferences
                    .Select(r => r.Columns.Any(c => values[c] is null) ? null : KeyOf(values, r.Columns))
                    .OfType<string>().ToList();
                buffered.Add((key, parents, line.ToArray()));
            }
        }
        if (buffered is not null)
            foreach (var line in ParentsFirst(buffered)) await output.WriteAsync(line, cancellationToken);
        return rows;
    }

    private static string KeyOf(Dictionary<string, object?> values, IEnumerable<string> columns) =>
        string.Join("\u001f", columns.Select(c => JsonSerializer.Serialize(values[c], SiteArchiveFormat.Values)));

    /// <summary>Rows ordered so that a row's parent (same table) comes before it; rows in a cycle keep their order.</summary>
    private static IEnumerable<byte[]> ParentsFirst(List<(string Key, List<string> Parents, byte[] Line)> rows)
    {
        var byKey = rows.GroupBy(r => r.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var done = new HashSet<string>(StringComparer.Ordinal);
        var visiting = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<byte[]>(rows.Count);
        void Visit((string Key, List<string> Parents, byte[] Line) row)
        {
            if (done.Contains(row.Key) || !visiting.Add(row.Key)) return;
            foreach (var parent in row.Parents)
                if (parent != row.Key && byKey.TryGetValue(parent, out var p)) Visit(p);
            done.Add(row.Key);
            result.Add(row.Line);
        }
        foreach (var row in rows) Visit(row);
        return result;
    }
}
