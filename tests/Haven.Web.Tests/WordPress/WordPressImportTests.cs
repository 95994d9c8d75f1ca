using System.Net;
using System.Text;
using AwesomeAssertions;
using Haven.Core.Accounts;
using Haven.Core.Comments;
using Haven.Core.Data;
using Haven.Core.Resources;
using Haven.Core.WordPress;
using Haven.TestSupport;
using Haven.Web.WordPress;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Haven.Web.Tests.WordPress;

/// <summary>The WordPress import on a realistic export (sample-export.xml, built from WordPress's WXR 1.2 format): two
/// posts (one a draft with a Spanish address), a page, attachments, categories and tags, custom fields, nested comments
/// in every moderation status, a menu entry, a custom post type, an untitled post and a trashed one. Each test gives
/// the export its own site address, so the import map of one test is not another's.</summary>
public abstract class WordPressImportTests(HavenFactory site)
{
    private static string Sample(string host) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "WordPress", "sample-export.xml")).Replace("coalicion.example.org", host, StringComparison.Ordinal);

    private static MemoryStream Stream(string text) => new(Encoding.UTF8.GetBytes(text));

    private async Task<WordPressImportReport> CheckAsync(string text, int organizationId)
    {
        await using var scope = site.Scope();
        return await scope.ServiceProvider.GetRequiredService<ImportWordPress>().CheckAsync(Stream(text), organizationId);
    }

    private async Task<WordPressImportReport> ImportAsync(string text, int organizationId)
    {
        await using var scope = site.Scope();
        var outcome = await scope.ServiceProvider.GetRequiredService<ImportWordPress>().RunAsync(Actor.System("test"), Stream(text), organizationId);
        outcome.Succeeded.Should().BeTrue(string.Join("; ", outcome.Problems));
        return outcome.Value!;
    }

    private Task<int> CountAsync(int organizationId) => site.WithDbAsync(async db =>
        await db.Posts.CountAsync(p => p.OwnerOrganizationId == organizationId) + await db.Resources.CountAsync(r => r.OwnerOrganizationId == organizationId));

    [Fact]
    public async Task The_dry_run_reports_what_will_be_created_skipped_and_rejected_and_writes_nothing()
    {
        var t = await site.CreateTaxonomyAsync();
        var report = await CheckAsync(Sample($"{t.Some.Token}.example.org"), t.Organization.Id);

        report.FileProblems.Should().BeEmpty();
        report.Count(WordPressOutcome.Create, "post").Should().Be(2);
        report.Count(WordPressOutcome.Create, "resource").Should().Be(1);
        report.Count(WordPressOutcome.Skip).Should().Be(5);
        report.Count(WordPressOutcome.Reject).Should().Be(1);
        Reason(report, 104).Should().Be("attachment_link");
        Reason(report, 105).Should().Be("attachment_alone");
        Reason(report, 106).Should().Be("not_content");
        Reason(report, 107).Should().Be("unknown_type");
        report.Items.Single(i => i.WordPressId == 107).Reasons[0].Arguments.Should().Equal("tribe_events");
        Reason(report, 108).Should().Be("required");
        Reason(report, 109).Should().Be("not_content_status");
        report.CommentCount(WordPressOutcome.Create).Should().Be(5);
        report.Comments.Where(c => c.Outcome == WordPressOutcome.Skip).Select(c => (c.WordPressId, c.Reason!.Code))
            .Should().BeEquivalentTo([(205L, "spam"), (206L, "trash")]);
        report.NewTopics.Should().NotContain("uncategorized");
        (await CountAsync(t.Organization.Id)).Should().Be(0);

        // Custom fields: the public ones with no Haven field are named as not imported, WordPress's own are not mentioned.
        report.Items.Single(i => i.WordPressId == 101).Reasons.Select(r => (r.Code, r.Arguments.FirstOrDefault()?.ToString()))
            .Should().BeEquivalentTo([("featured_image_missing", "999"), ("custom_field_unmapped", "color_de_campaña"), ("custom_field_unmapped", "rank_math_title")]);
        report.Items.Single(i => i.WordPressId == 103).Reasons.Should().BeEmpty("its SEO description becomes the summary");
    }

    private static string Reason(WordPressImportReport report, long id) => report.Items.Single(i => i.WordPressId == id).Reasons[0].Code;

    [Fact]
    public async Task Importing_creates_posts_a_resource_topics_and_threaded_comments_and_a_second_run_creates_nothing()
    {
        var t = await site.CreateTaxonomyAsync();
        var host = $"{t.Some.Token}.example.org";
        var report = await ImportAsync(Sample(host), t.Organization.Id);
        report.Count(WordPressOutcome.Create).Should().Be(3);

        var ids = report.Items.Where(i => i.HavenId is not null).ToDictionary(i => i.WordPressId, i => (int)i.HavenId!.Value);
        var (rightsId, draftId, aboutId) = (ids[101], ids[102], ids[103]);
        await site.WithDbAsync(async db =>
        {
            var rights = await db.Posts.Include(p => p.Topics).SingleAsync(p => p.Id == rightsId);
            rights.Title.Should().Be("Know your rights at the border — conozca sus derechos");
            rights.IsDraft.Should().BeFalse();
            rights.Byline.Should().Be("María José Núñez");
            rights.PublishedOn.Should().Be(new NodaTime.LocalDate(2024, 5, 13));
            rights.Summary.Should().Be("What to say, and what not to sign, when stopped near the border.");
            rights.BodyMarkdown.Should().Contain("## What to say").And.Contain("**right to remain silent**")
                .And.Contain($"[our guide](https://{host}/guia/)").And.Contain("- Ask for a lawyer (¡pida un abogado!)")
                .And.Contain($"![Rights card](https://{host}/wp-content/uploads/2024/05/card.png)")
                .And.NotContain("alert").And.NotContain("[caption");
            rights.BodyMarkdown.Should().Contain($"- [Source document](https://{host}/wp-content/uploads/2024/05/informe.pdf)")
                .And.Contain($"- [episodio-derechos.mp3](https://{host}/wp-content/uploads/2024/05/episodio-derechos.mp3)", "custom fields holding an address become links")
                .And.NotContain("Qué decir en la frontera").And.NotContain("#c0392b");
            rights.BodyHtml.Should().NotContain("<script");
            rights.Topics.Select(x => x.Slug).Should().BeEquivalentTo(["detention", "bail-reform"]);

            var draft = await db.Posts.Include(p => p.Topics).SingleAsync(p => p.Id == draftId);
            draft.IsDraft.Should().BeTrue();
            draft.Slug.Should().StartWith("fianza-lo-que-cambio-en-2024");
            draft.BodyMarkdown.Should().Contain("La reforma de la fianza en Illinois eliminó la fianza en efectivo.\n\nEsto es un borrador");
            draft.Topics.Select(x => x.Slug).Should().BeEquivalentTo(["derechos-de-los-inmigrantes", "citacion"]);
            draft.Topics.Single(x => x.Slug == "citacion").Name.Should().NotBeEmpty();

            var about = await db.Resources.Include(r => r.Links).SingleAsync(r => r.Id == aboutId);
            (about.Type, about.Status, about.OwnerOrganizationId).Should().Be((ResourceType.Explainer, ResourceStatus.Published, t.Organization.Id));
            about.BodyMarkdown.Should().Contain("## Who we are").And.Contain("> Nadie es ilegal.");
            about.Summary.Should().Be("Doce organizaciones en tres estados: quiénes somos.", "Rank Math's description fills an empty excerpt");
            about.Links.Select(l => (l.Url, l.Title)).Should().Equal([($"https://{host}/wp-content/uploads/2024/05/informe.pdf", "Informe anual 2023")]);

            var comments = await db.Comments.Where(c => c.SubjectKind == CommentSubjectKind.Post && c.SubjectId == rightsId).ToListAsync();
            comments.Should().HaveCount(5);
            var top = comments.Single(c => c.AuthorName == "José Pérez");
            (top.Status, top.ParentId, top.Body).Should().Be((CommentStatus.Published, (long?)null, "¡Gracias! Very useful for our clinic in El Paso."));
            comments.Single(c => c.AuthorName == "María José Núñez").ParentId.Should().Be(top.Id);
            var nested = comments.Single(c => c.AuthorName == "Zoë Ångström");
            (nested.ParentId, nested.Body).Should().Be((top.Id, "Could you add one in 中文 too?"), "Haven has one level: a reply to a reply joins the thread");
            comments.Single(c => c.AuthorName == "Pending Person").Status.Should().Be(CommentStatus.Held);
            comments.Single(c => c.AuthorName == "Careful Reader").ParentId.Should().BeNull("it replied to spam, which is not imported");
            comments.Should().NotContain(c => c.AuthorName == "Cheap pills" || c.AuthorName == "Someone");
            (await db.AuditLog.CountAsync(a => a.Action == Haven.Core.Audit.AuditActions.WordPressImported && a.OrganizationId == t.Organization.Id)).Should().Be(1);
            return 0;
        });

        var second = await ImportAsync(Sample(host), t.Organization.Id);
        second.Count(WordPressOutcome.Create).Should().Be(0);
        second.CommentCount(WordPressOutcome.Create).Should().Be(0);
        second.Items.Where(i => i.PostType is "post" or "page" && i.Outcome == WordPressOutcome.Skip && i.Reasons[0].Code == "already_imported")
            .Select(i => i.WordPressId).Should().BeEquivalentTo([101L, 102L, 103L]);
        second.Comments.Count(c => c.Reason?.Code == "already_imported").Should().Be(5);
        (await CountAsync(t.Organization.Id)).Should().Be(3);
        (await site.WithDbAsync(db => db.Comments.CountAsync(c => c.SubjectKind == CommentSubjectKind.Post && c.SubjectId == rightsId))).Should().Be(5);
    }

    [Fact]
    public async Task A_malformed_file_or_one_with_a_DTD_is_refused_whole_naming_the_line()
    {
        var t = await site.CreateTaxonomyAsync();
        var sample = Sample($"{t.Some.Token}.example.org");
        // Cut in the middle of the page: the posts before it are well-formed, and still nothing is taken.
        var cut = sample[..sample.IndexOf("<title><![CDATA[About the coalition", StringComparison.Ordinal)] + "<title>About</ti";
        var report = await CheckAsync(cut, t.Organization.Id);
        report.CanImport.Should().BeFalse();
        report.FileProblems.Single().Code.Should().Be("malformed_xml");
        ((int)report.FileProblems.Single().Arguments[0]).Should().BeGreaterThan(200);

        await using (var scope = site.Scope())
        {
            var outcome = await scope.ServiceProvider.GetRequiredService<ImportWordPress>().RunAsync(Actor.System("test"), Stream(cut), t.Organization.Id);
            outcome.Succeeded.Should().BeFalse();
        }
        (await CountAsync(t.Organization.Id)).Should().Be(0);

        var withDtd = sample.Replace("<rss version", "<!DOCTYPE rss [<!ENTITY boom \"boom\">]>\n<rss version", StringComparison.Ordinal);
        (await CheckAsync(withDtd, t.Organization.Id)).FileProblems.Single().Code.Should().Be("malformed_xml");
        (await CheckAsync("<html><body>not an export</body></html>", t.Organization.Id)).FileProblems.Single().Code.Should().Be("not_wxr");
    }

    [Fact]
    public async Task An_editor_of_another_organization_is_refused()
    {
        var t = await site.CreateTaxonomyAsync();
        await using var scope = site.Scope();
        var editor = new Actor { Name = "editor", UserId = "x", Memberships = new Dictionary<int, MembershipRole> { [t.OtherOrganization.Id] = MembershipRole.Editor } };
        var outcome = await scope.ServiceProvider.GetRequiredService<ImportWordPress>()
            .RunAsync(editor, Stream(Sample($"{t.Some.Token}.example.org")), t.Organization.Id);
        outcome.Problems.Single().Code.Should().Be("not_your_organization");
        (await CountAsync(t.Organization.Id)).Should().Be(0);
    }

    [Fact]
    public async Task The_command_prints_the_dry_run_then_imports()
    {
        var t = await site.CreateTaxonomyAsync();
        var path = Path.Combine(Path.GetTempPath(), $"wxr-{t.Some.Token}.xml");
        await File.WriteAllTextAsync(path, Sample($"{t.Some.Token}.example.org"));
        try
        {
            var (code, output) = await RunAsync(path, "--organization", t.Organization.Slug, "--dry-run");
            code.Should().Be(0);
            output.Should().Contain("2 posts and 1 resources would be created").And.Contain("5 comments would be created")
                .And.Contain("Unknown post type tribe_events").And.Contain("Dry run: nothing was written.");
            (await CountAsync(t.Organization.Id)).Should().Be(0);

            (code, output) = await RunAsync(path, "--organization", t.Organization.Slug);
            code.Should().Be(0);
            output.Should().Contain("2 posts and 1 resources were created");
            (await CountAsync(t.Organization.Id)).Should().Be(3);

            (code, output) = await RunAsync(path, "--organization", t.Organization.Slug);
            output.Should().Contain("0 posts and 0 resources were created").And.Contain("Already imported.");
            (code, _) = await RunAsync(path, "--organization", "no-such-organization");
            code.Should().Be(1);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task An_editor_uploads_an_export_reads_the_dry_run_and_confirms_it()
    {
        var t = await site.CreateTaxonomyAsync();
        var file = new UploadedFile("file", "coalicion.WordPress.2024-06-02.xml", "text/xml", Encoding.UTF8.GetBytes(Sample($"{t.Some.Token}.example.org")));
        var other = await site.MemberClientAsync(t.OtherOrganization.Id);
        var refused = await other.PostMultipartFormAsync("/admin/import/wordpress", "/admin/import/wordpress?handler=check",
            [new("organizationId", t.Organization.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))], file);
        Html.Parse(await refused.Content.ReadAsStringAsync()).QuerySelector("input[name=hash]").Should().BeNull();

        var editor = await site.MemberClientAsync(t.Organization.Id);
        var organization = new KeyValuePair<string, string>("organizationId", t.Organization.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var response = await editor.PostMultipartFormAsync("/admin/import/wordpress", "/admin/import/wordpress?handler=check", [organization], file);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var page = Html.Parse(await response.Content.ReadAsStringAsync());
        page.QuerySelector("[role=status]")!.TextContent.Should().Contain("2 news posts, 1 resources and 5 comments");
        var rows = page.QuerySelectorAll("table.import-report tbody tr").Select(tr => tr.TextContent).ToList();
        rows.Should().HaveCount(9);
        rows.Should().Contain(r => r.Contains("tribe_events", StringComparison.Ordinal) && r.Contains("Unknown post type", StringComparison.Ordinal));
        rows.Should().Contain(r => r.Contains("About the coalition", StringComparison.Ordinal) && r.Contains("Will be created as a resource", StringComparison.Ordinal));
        (await CountAsync(t.Organization.Id)).Should().Be(0);

        var hash = page.QuerySelector("input[name=hash]")!.GetAttribute("value")!;
        var confirmed = await editor.PostFormAsync("/admin/import/wordpress", "/admin/import/wordpress?handler=apply",
            new() { ["hash"] = hash, ["organizationId"] = organization.Value });
        confirmed.StatusCode.Should().Be(HttpStatusCode.OK);
        Html.Parse(await confirmed.Content.ReadAsStringAsync()).QuerySelector("[role=status]")!.TextContent.Should().Contain("2 news posts");
        (await CountAsync(t.Organization.Id)).Should().Be(3);

        var again = await editor.PostFormAsync("/admin/import/wordpress", "/admin/import/wordpress?handler=apply",
            new() { ["hash"] = hash, ["organizationId"] = organization.Value });
        (await again.Content.ReadAsStringAsync()).Should().Contain("no longer waiting for confirmation");
    }

    [Fact]
    public async Task A_pages_attachment_found_in_the_local_uploads_folder_is_attached_and_others_stay_links()
    {
        var t = await site.CreateTaxonomyAsync();
        var host = $"{t.Some.Token}.example.org";
        var uploads = Directory.CreateTempSubdirectory("wp-uploads-");
        try
        {
            Directory.CreateDirectory(Path.Combine(uploads.FullName, "2024", "05"));
            await File.WriteAllBytesAsync(Path.Combine(uploads.FullName, "2024", "05", "informe.pdf"), Haven.Web.Demo.DemoPdf.Render("Informe anual", ["Página uno"]));
            var path = Path.Combine(uploads.FullName, "export.xml");
            await File.WriteAllTextAsync(path, Sample(host));

            var (code, output) = await RunAsync(path, "--organization", t.Organization.Slug, "--uploads", uploads.FullName);
            code.Should().Be(0, output);
            output.Should().Contain("its file is attached to \u201cAbout the coalition\u201d");
            await site.WithDbAsync(async db =>
            {
                var about = await db.Resources.Include(r => r.Links).Include(r => r.Attachments)
                    .SingleAsync(r => r.OwnerOrganizationId == t.Organization.Id && r.Type == ResourceType.Explainer);
                about.Attachments.Select(a => a.FileName).Should().Equal("informe.pdf");
                about.Links.Should().BeEmpty();
                return 0;
            });
        }
        finally
        {
            uploads.Delete(recursive: true);
        }
    }

    /// <summary>The duplicate key the import gives a WordPress comment (see ImportWordPress).</summary>
    private static string Key(string siteUrl, int commentId) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes($"wordpress|{siteUrl}|{commentId}")));

    [Fact]
    public async Task A_failure_while_writing_undoes_the_whole_import_and_its_files_and_a_later_run_imports_everything()
    {
        var t = await site.CreateTaxonomyAsync();
        var host = $"{t.Some.Token}.example.org";
        var text = Sample(host);
        var uploads = Directory.CreateTempSubdirectory("wp-uploads-");
        try
        {
            Directory.CreateDirectory(Path.Combine(uploads.FullName, "2024", "05"));
            await File.WriteAllBytesAsync(Path.Combine(uploads.FullName, "2024", "05", "informe.pdf"), Haven.Web.Demo.DemoPdf.Render("Informe anual", ["Página uno"]));
            var dryRun = await CheckAsync(text, t.Organization.Id);
            dryRun.Comments.Single(c => c.WordPressId == 204).Outcome.Should().Be(WordPressOutcome.Create);

            // Between the dry run and the import, a comment takes the key the import gives WordPress's comment 204 (as a
            // copy restored from an older backup would): the dry run cannot see it, and the database's unique index refuses
            // the import's copy when it is written, after the posts, the page, its file, the topics and four comments.
            var key = Key(dryRun.SiteUrl, 204);
            var blocker = await site.WithDbAsync(async db =>
            {
                var comment = new Comment
                {
                    SubjectKind = CommentSubjectKind.Post, SubjectId = 1, AuthorName = "Restored", Email = "", NormalizedEmail = "", Body = "An older copy",
                    Status = CommentStatus.Held, Language = "en", DuplicateKey = key, CreatedAt = site.Clock.GetCurrentInstant(),
                };
                db.Comments.Add(comment);
                await db.SaveChangesAsync();
                return comment.Id;
            });
            var store = site.Services.GetRequiredService<Haven.Core.Files.IFileStore>();
            var filesBefore = store.ListKeys().ToHashSet();
            var topicsBefore = await site.WithDbAsync(db => db.Topics.CountAsync());
            var auditBefore = await site.WithDbAsync(db => db.AuditLog.CountAsync(a => a.OrganizationId == t.Organization.Id));

            Haven.Core.Shared.Outcome<WordPressImportReport> outcome;
            await using (var scope = site.Scope())
                outcome = await scope.ServiceProvider.GetRequiredService<ImportWordPress>().RunAsync(Actor.System("test"), Stream(text), t.Organization.Id, uploads.FullName);

            outcome.Succeeded.Should().BeFalse();
            outcome.Problems.Select(p => p.Code).Should().Equal("import_failed_at", "import_failed");
            outcome.Problems[0].Arguments.Should().Equal(204L, 57);
            (await CountAsync(t.Organization.Id)).Should().Be(0, "the posts and the page written before the failure are undone");
            (await site.WithDbAsync(db => db.Topics.CountAsync())).Should().Be(topicsBefore);
            (await site.WithDbAsync(db => db.WordPressImports.CountAsync(r => r.SiteUrl == dryRun.SiteUrl))).Should().Be(0);
            var keys = Enumerable.Range(201, 10).Select(id => Key(dryRun.SiteUrl, id)).ToList();
            (await site.WithDbAsync(db => db.Comments.CountAsync(c => keys.Contains(c.DuplicateKey) && c.Id != blocker))).Should().Be(0, "the four comments written before the failure are undone");
            (await site.WithDbAsync(db => db.AuditLog.CountAsync(a => a.OrganizationId == t.Organization.Id)))
                .Should().Be(auditBefore, "the audit entries of the undone saves are undone with them");
            store.ListKeys().Should().BeEquivalentTo(filesBefore, "the page's file stored before the failure is deleted");

            // Once the clash is gone, the same file imports everything.
            await site.WithDbAsync(db => db.Comments.Where(c => c.Id == blocker).ExecuteDeleteAsync());
            var report = await ImportAsync(text, t.Organization.Id);
            report.Count(WordPressOutcome.Create).Should().Be(3);
            report.CommentCount(WordPressOutcome.Create).Should().Be(5);
            (await CountAsync(t.Organization.Id)).Should().Be(3);
        }
        finally
        {
            uploads.Delete(recursive: true);
        }
    }

    private async Task<(int Code, string Output)> RunAsync(params string[] args)
    {
        await using var scope = site.Scope();
        var output = new StringWriter();
        var code = await WordPressImportCommand.RunAsync(scope.ServiceProvider, args, output, output);
        return (code, output.ToString());
    }
}

public sealed class WordPressImportOnSqlite(SqliteSite site) : WordPressImportTests(site), IClassFixture<SqliteSite>;

public sealed class WordPressImportOnPostgres(PostgresSite site) : WordPressImportTests(site), IClassFixture<PostgresSite>;

/// <summary>`haven import wordpress` as an administrator runs it: the real executable on a SQLite site of its own.</summary>
public sealed class WordPressImportCommandLineTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "haven-wp-cli-" + Guid.NewGuid().ToString("N"));

    private async Task<(int Code, string Output)> RunAsync(params string[] args)
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "haven.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["Haven__DataPath"] = _data;
        start.Environment["Haven__LoadDemoContent"] = "false";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, output + error);
    }

    [Fact]
    public async Task The_executable_reports_a_dry_run_imports_and_refuses_a_broken_file()
    {
        (await RunAsync("migrate")).Code.Should().Be(0);
        // The test's own view of the database stays open while the executable runs (disposing it deletes the folder).
        await using var site = new CommandLineSite(_data);
        await site.WithDbAsync(async db =>
        {
            db.Organizations.Add(new Haven.Core.Organizations.Organization { Slug = "coalicion", Name = "Coalición" });
            return await db.SaveChangesAsync();
        });
        var export = Path.Combine(AppContext.BaseDirectory, "WordPress", "sample-export.xml");

        var (code, output) = await RunAsync("import", "wordpress", export, "--organization", "coalicion", "--dry-run");
        code.Should().Be(0, output);
        output.Should().Contain("2 posts and 1 resources would be created");
        (code, output) = await RunAsync("import", "wordpress", export, "--organization", "coalicion");
        code.Should().Be(0, output);
        output.Should().Contain("2 posts and 1 resources were created");
        (await site.WithDbAsync(db => db.Posts.CountAsync(p => p.OwnerOrganization.Slug == "coalicion"))).Should().Be(2);

        var broken = Path.Combine(_data, "broken.xml");
        await File.WriteAllTextAsync(broken, (await File.ReadAllTextAsync(export))[..5000]);
        (code, output) = await RunAsync("import", "wordpress", broken, "--organization", "coalicion");
        code.Should().Be(1);
        output.Should().Contain("not well-formed XML").And.Contain("Nothing was imported.");
        (await RunAsync("import", "wordpress", export)).Code.Should().Be(2);
    }

    private sealed class CommandLineSite(string dataPath) : HavenFactory(Haven.Web.Hosting.DatabaseProvider.Sqlite, dataPath);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_data)) Directory.Delete(_data, recursive: true);
    }
}
