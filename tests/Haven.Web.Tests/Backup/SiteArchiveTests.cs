using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AwesomeAssertions;
using Haven.Core.Accounts;
using Haven.Core.Api;
using Haven.Core.Backup;
using Haven.Core.Data;
using Haven.Core.Files;
using Haven.Core.Search;
using Haven.TestSupport;
using Haven.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Haven.Web.Tests.Backup;

/// <summary>Helpers shared by the archive tests: run the commands against a site, read an archive back.</summary>
internal static partial class Archives
{
    public static string NewPath() => Path.Combine(Path.GetTempPath(), "haven-tests", $"site-{Guid.NewGuid():N}.zip");

    public static async Task<(int Code, string Output, string Error)> ExportAsync(HavenFactory site, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using var scope = site.Scope();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await SiteArchiveCommands.ExportAsync(scope.ServiceProvider, path, output, error);
        return (code, output.ToString(), error.ToString());
    }

    public static async Task<(int Code, string Output, string Error)> ImportAsync(HavenFactory site, string path)
    {
        await using var scope = site.Scope();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await SiteArchiveCommands.ImportAsync(scope.ServiceProvider, path, output, error);
        return (code, output.ToString(), error.ToString());
    }

    public static SiteArchiveManifest Manifest(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        using var stream = zip.GetEntry(SiteArchiveFormat.ManifestEntry)!.Open();
        return JsonSerializer.Deserialize<SiteArchiveManifest>(stream, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
    }

    /// <summary>Every table's rows, canonicalized: sorted, and instants cut to PostgreSQL's microseconds.</summary>
    public static Dictionary<string, List<string>> Rows(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        var tables = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var entry in zip.Entries.Where(e => e.FullName.StartsWith(SiteArchiveFormat.DataFolder, StringComparison.Ordinal)))
        {
            using var reader = new StreamReader(entry.Open());
            var rows = new List<string>();
            while (reader.ReadLine() is { Length: > 0 } line)
            {
                var row = JsonNode.Parse(line)!.AsObject();
                foreach (var (name, value) in row.ToList())
                    if (value is JsonValue v && v.TryGetValue<string>(out var text) && Instant().Match(text) is { Success: true } m)
                        row[name] = m.Groups[1].Value + (m.Groups[2].Value.Length > 6 ? m.Groups[2].Value[..6] : m.Groups[2].Value).TrimEnd('0').TrimEnd('.') + "Z";
                rows.Add(row.ToJsonString());
            }
            rows.Sort(StringComparer.Ordinal);
            tables[entry.FullName] = rows;
        }
        return tables;
    }

    public static Dictionary<string, byte[]> Files(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var entry in zip.Entries.Where(e => e.FullName.StartsWith(SiteArchiveFormat.FilesFolder, StringComparison.Ordinal)))
        {
            using var stream = entry.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            files[entry.FullName] = copy.ToArray();
        }
        return files;
    }

    /// <summary>Rewrites one entry of an archive (keeping the manifest as it was).</summary>
    public static void Rewrite(string path, string entryName, Func<string, string> change)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Update);
        var entry = zip.GetEntry(entryName)!;
        string text;
        using (var reader = new StreamReader(entry.Open())) text = reader.ReadToEnd();
        entry.Delete();
        using var writer = new StreamWriter(zip.CreateEntry(entryName).Open(), new UTF8Encoding(false));
        writer.Write(change(text));
    }

    public static async Task<Dictionary<string, long>> CountsAsync(HavenFactory site) =>
        await site.WithDbAsync(async db =>
        {
            var counts = new Dictionary<string, long>(StringComparer.Ordinal);
            var connection = db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync();
            foreach (var table in SiteTables.Of(db).Tables)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = $"SELECT COUNT(*) FROM {table.QuotedName}";
                counts[table.Name] = Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
            }
            await db.Database.CloseConnectionAsync();
            return counts;
        });

    [GeneratedRegex(@"^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(\.\d+)?Z$")]
    private static partial Regex Instant();
}

/// <summary>The round trip of the issue: SQLite → PostgreSQL → SQLite loses nothing.</summary>
public sealed class SiteArchiveRoundTripTests
{
    [Fact]
    public async Task A_site_goes_from_sqlite_to_postgres_and_back_without_losing_anything()
    {
        var first = Archives.NewPath();
        var second = Archives.NewPath();
        var third = Archives.NewPath();
        string email;
        string token;
        try
        {
            await using (var source = new SqliteDemoSite())
            {
                var t = await source.CreateTaxonomyAsync();
                token = t.Some.Token;
                var resource = await source.SaveResourceAsync(t.Resource($"Archived report {token} über café"));
                await source.AttachPdfAsync(resource.Id, "report.pdf", "A page about detainers");
                email = await source.CreateMemberAsync(t.Organization.Id, MembershipRole.Lead);
                await source.CreateAdministratorAsync();
                using (await source.SignedInClientAsync(email)) { } // the Data Protection keys
                var meeting = await source.CreateEventAsync(t.Some, $"Archived meeting {token}", source.Clock.GetCurrentInstant() + NodaTime.Duration.FromDays(7));
                await using (var scope = source.Scope())
                {
                    var register = scope.ServiceProvider.GetRequiredService<Haven.Core.Events.RegisterForEvent>();
                    foreach (var (name, language) in new[] { ("Ana", "es"), ("Bo", "en") })
                        (await register.RunAsync(new Haven.Core.Events.RegistrationRequest
                        {
                            EventId = meeting.Id, Name = $"{name} Núñez", Email = $"{name.ToLowerInvariant()}-{token}@example.org", Language = language,
                        })).Succeeded.Should().BeTrue();
                    await scope.ServiceProvider.GetRequiredService<HavenDbContext>().Resources.Where(r => r.Id == resource.Id)
                        .ExecuteUpdateAsync(u => u.SetProperty(r => r.CommentsEnabled, true));
                    var comment = await scope.ServiceProvider.GetRequiredService<Haven.Core.Comments.PostComment>().RunAsync(new Haven.Core.Comments.CommentRequest
                    {
                        SubjectKind = Haven.Core.Comments.CommentSubjectKind.Resource, SubjectId = resource.Id,
                        Name = "Reader", Email = $"reader-{token}@example.org", Body = "Thank you — ¡gracias!",
                    });
                    comment.Succeeded.Should().BeTrue(string.Join("; ", comment.Problems));
                }
                await source.WithDbAsync(async db =>
                {
                    // A confirmed reader, one of their private links and one item already sent to them.
                    var now = source.Clock.GetCurrentInstant();
                    var reader = new Haven.Core.Subscriptions.Subscription
                    {
                        Email = $"lectora-{token}@example.org", Language = "es", Frequency = Haven.Core.Subscriptions.SubscriptionFrequency.Weekly,
                        ContentKinds = "Resource", Topics = t.Topic.Slug, CreatedAt = now, ConfirmedAt = now, LastDigestAt = now,
                    };
                    reader.Links.Add(new Haven.Core.Subscriptions.SubscriptionLink { TokenHash = Haven.Core.Shared.SecretTokens.Hash("archived-" + token), CreatedAt = now });
                    db.Subscriptions.Add(reader);
                    await db.SaveChangesAsync();
                    db.SubscriptionDeliveries.Add(new Haven.Core.Subscriptions.SubscriptionDelivery
                    {
                        SubscriptionId = reader.Id, ItemKind = Haven.Core.Subscriptions.ItemKind.Resource, ItemId = resource.Id, SentAt = now,
                    });
                    return await db.SaveChangesAsync();
                });
                await using (var scope = source.Scope())
                {
                    var created = await scope.ServiceProvider.GetRequiredService<ManageApiTokens>()
                        .CreateAsync(Actor.System("test"), t.Organization.Id, "Backup test", 30);
                    created.Succeeded.Should().BeTrue();
                }
                var exported = await Archives.ExportAsync(source, first);
                exported.Code.Should().Be(0, exported.Error);
            }
            // Every kind of content, except the Identity tables Haven does not use.
            // (Not arranged yet: CampaignBills, CommentWordLists, EndorsementLinks, EventMaterials, EventReminders,
            // Invitations, WordPressImports; the table walk treats them like every other table.)
            string[] unused = ["AspNetRoleClaims", "AspNetUserClaims", "AspNetUserLogins", "CampaignBills", "CommentWordLists",
                "EndorsementLinks", "EventMaterials", "EventReminders", "Invitations", "WordPressImports"];
            string.Join(", ", Archives.Manifest(first).Tables.Where(t => t.Rows == 0 && !unused.Contains(t.Name)).Select(t => t.Name))
                .Should().BeEmpty("the source holds every kind of content");
            if (!OperatingSystem.IsWindows())
                File.GetUnixFileMode(first).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);

            await using (var postgres = new PostgresSite())
            {
                var imported = await Archives.ImportAsync(postgres, first);
                imported.Code.Should().Be(0, imported.Error);
                (await Archives.ExportAsync(postgres, second)).Code.Should().Be(0);
            }
            await using var sqlite = new SqliteSite();
            var back = await Archives.ImportAsync(sqlite, second);
            back.Code.Should().Be(0, back.Error);
            (await Archives.ExportAsync(sqlite, third)).Code.Should().Be(0);

            var before = Archives.Rows(first);
            var after = Archives.Rows(third);
            after.Keys.Should().BeEquivalentTo(before.Keys);
            foreach (var (table, rows) in before)
                after[table].Should().Equal(rows, $"{table} must come back row by row");
            before.Values.Sum(r => r.Count).Should().BeGreaterThan(100);
            var files = Archives.Files(first);
            files.Should().NotBeEmpty();
            var filesAfter = Archives.Files(third);
            filesAfter.Keys.Should().BeEquivalentTo(files.Keys);
            foreach (var (name, bytes) in files) filesAfter[name].Should().Equal(bytes);

            // The restored site works: the old password signs in, and the library finds the resource.
            await using var restarted = new HavenFactory(sqlite);
            using var client = await restarted.SignedInClientAsync(email);
            (await client.GetAsync("/admin")).StatusCode.Should().NotBe(HttpStatusCode.Found);
            using var reader = restarted.CreateClient();
            (await reader.GetStringAsync($"/resources?q={token}")).Should().Contain($"Archived report {token}");
            await using var scope2 = sqlite.Scope();
            var search = scope2.ServiceProvider.GetRequiredService<IResourceSearch>();
            search.Should().NotBeNull();
        }
        finally
        {
            foreach (var path in new[] { first, second, third }) File.Delete(path);
        }
    }
}

/// <summary>The manifest and the refusals, on each database.</summary>
public abstract class SiteArchiveTests(HavenFactory site)
{
    protected abstract HavenFactory NewEmptySite();

    private async Task<string> ExportWithContentAsync()
    {
        var t = await site.CreateTaxonomyAsync();
        await site.SaveResourceAsync(t.Resource($"Refusal test {t.Some.Token}"));
        var path = Archives.NewPath();
        (await Archives.ExportAsync(site, path)).Code.Should().Be(0);
        return path;
    }

    [Fact]
    public async Task Every_entity_type_of_the_model_is_in_the_manifest()
    {
        var path = await ExportWithContentAsync();
        try
        {
            var manifest = Archives.Manifest(path);
            var listed = manifest.Tables.SelectMany(t => t.EntityTypes).ToHashSet();
            var model = await site.WithDbAsync(db => Task.FromResult(db.Model.GetEntityTypes()
                .Where(e => e.GetTableName() is not null).Select(e => e.Name).ToList()));
            model.Should().NotBeEmpty();
            listed.Should().Contain(model);
            manifest.FormatVersion.Should().Be(SiteArchiveFormat.Version);
            manifest.SchemaMigration.Should().NotBeEmpty();
            manifest.Entries.Should().OnlyContain(e => e.Sha256.Length == 64);
            manifest.Tables.Single(t => t.Name == "Resources").Rows.Should().BeGreaterThan(0);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public async Task A_site_with_content_is_not_restored_over()
    {
        var path = await ExportWithContentAsync();
        try
        {
            var before = await Archives.CountsAsync(site);
            var refused = await Archives.ImportAsync(site, path);
            refused.Code.Should().Be(1);
            refused.Error.Should().Contain("already holds content").And.Contain("Nothing was restored");
            (await Archives.CountsAsync(site)).Should().Equal(before);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public async Task Damaged_or_newer_archives_are_refused_and_change_nothing()
    {
        var path = await ExportWithContentAsync();
        var tampered = Archives.NewPath();
        var truncated = Archives.NewPath();
        var newer = Archives.NewPath();
        try
        {
            File.Copy(path, tampered);
            Archives.Rewrite(tampered, "data/Resources.jsonl", text => text.Replace("Refusal test", "Refusal tost", StringComparison.Ordinal));
            var bytes = await File.ReadAllBytesAsync(path);
            await File.WriteAllBytesAsync(truncated, bytes[..(bytes.Length / 2)]);
            File.Copy(path, newer);
            Archives.Rewrite(newer, SiteArchiveFormat.ManifestEntry, text => Regex.Replace(text, "\"schemaMigration\": \"[^\"]*\"", "\"schemaMigration\": \"29990101000000_FromTheFuture\""));

            await using var target = NewEmptySite();
            var before = await Archives.CountsAsync(target);
            var filesBefore = target.Services.GetRequiredService<IFileStore>().ListKeys().ToList();

            var a = await Archives.ImportAsync(target, tampered);
            a.Code.Should().Be(1);
            a.Error.Should().Contain("data/Resources.jsonl does not match its SHA-256");
            var b = await Archives.ImportAsync(target, truncated);
            b.Code.Should().Be(1);
            b.Error.Should().Contain("cannot be read");
            var c = await Archives.ImportAsync(target, newer);
            c.Code.Should().Be(1);
            c.Error.Should().Contain("newer version of Haven");

            (await Archives.CountsAsync(target)).Should().Equal(before);
            target.Services.GetRequiredService<IFileStore>().ListKeys().Should().BeEquivalentTo(filesBefore);

            // The same archive, undamaged, restores into it.
            var ok = await Archives.ImportAsync(target, path);
            ok.Code.Should().Be(0, ok.Error);
            (await target.WithDbAsync(db => db.Resources.CountAsync())).Should().Be(await site.WithDbAsync(db => db.Resources.CountAsync()));
        }
        finally
        {
            foreach (var p in new[] { path, tampered, truncated, newer }) File.Delete(p);
        }
    }
}

public sealed class SiteArchiveOnSqlite(SqliteSite site) : SiteArchiveTests(site), IClassFixture<SqliteSite>
{
    protected override HavenFactory NewEmptySite() => new SqliteSite();
}

public sealed class SiteArchiveOnPostgres(PostgresSite site) : SiteArchiveTests(site), IClassFixture<PostgresSite>
{
    protected override HavenFactory NewEmptySite() => new PostgresSite();
}
