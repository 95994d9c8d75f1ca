using System.Net;
using System.Text;
using AngleSharp.Dom;
using AwesomeAssertions;
using Haven.Core.Audit;
using Haven.Core.Resources;
using Haven.TestSupport;
using Haven.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Haven.Web.Tests.Resources;

/// <summary>CSV import and export of resources over HTTP and from the command line: an export imports back unchanged;
/// rows create and update through the editor's use case after a dry run and a confirmation; every kind of bad row is
/// reported and nothing is written; a confirmation after the data changed writes nothing; editors see and import only
/// their organizations' resources. Both databases.</summary>
public abstract class ResourceCsvTests(HavenFactory site)
{
    private const string Header = "slug,type,title,summary,body,language,published_on,current_as_of,authors,topics,audiences,jurisdictions,status,links";

    private static UploadedFile Csv(string text) => new("file", "resources.csv", "text/csv", Encoding.UTF8.GetBytes(text));

    private static async Task<IDocument> CheckAsync(HttpClient client, UploadedFile file)
    {
        var response = await client.PostMultipartFormAsync("/admin/resources/import", "/admin/resources/import?handler=check", [], file);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return Html.Parse(await response.Content.ReadAsStringAsync());
    }

    private static async Task<HttpResponseMessage> ConfirmAsync(HttpClient client, IDocument dryRun) =>
        await client.PostFormAsync("/admin/resources/import", "/admin/resources/import?handler=apply", new()
        {
            ["hash"] = dryRun.QuerySelector("input[name=hash]")!.GetAttribute("value")!,
            ["fingerprint"] = dryRun.QuerySelector("input[name=fingerprint]")!.GetAttribute("value")!,
        });

    private static Dictionary<string, string> RowResults(IDocument page) =>
        page.QuerySelectorAll("table.import-report tbody tr").ToDictionary(
            tr => tr.QuerySelectorAll("td")[0].TextContent.Trim(), tr => tr.QuerySelectorAll("td")[2].TextContent.Trim());

    private Task<Resource?> FindAsync(string slug) => site.WithDbAsync(db => db.Resources.AsNoTracking()
        .Include(r => r.Authors).ThenInclude(a => a.Organization).Include(r => r.Topics).Include(r => r.Links)
        .FirstOrDefaultAsync(r => r.Slug == slug));

    private static string Row(TestTaxonomy t, string slug, string title, string status = "published", string type = "fact-sheet",
        string authors = "", string topics = "", string date = "2025-01-15", string links = "") =>
        $"{slug},{type},{title},A summary,Body text,en,{date},,{(authors.Length > 0 ? authors : t.Organization.Slug)},{(topics.Length > 0 ? topics : t.Topic.Slug)},,,{status},{links}";

    [Fact]
    public async Task An_export_imports_back_unchanged_with_formulas_guarded()
    {
        var t = await site.CreateTaxonomyAsync();
        var first = await site.SaveResourceAsync(t.Resource($"Acuerdos de cooperación {t.Some.Token}", body: "=SUM(A1) is not a formula\n\n- one\n- two, \"quoted\"") with
        {
            Slug = t.Some.Slug("acuerdos"), Language = "es", Summary = "+1 línea\nsegunda línea", CurrentAsOf = "2025-02-01",
            AuthorIds = [t.Organization.Id, t.OtherOrganization.Id], TopicIds = [t.Topic.Id, t.OtherTopic.Id],
            Links = "https://example.org/a Ordinance, section 3 | annex\nhttps://example.org/b",
        });
        var draft = await site.SaveResourceAsync(t.Resource($"Draft {t.Some.Token}") with { Slug = t.Some.Slug("draft") }, SaveAction.SaveDraft);
        // Owned by the other organization and co-authored by ours: in our export, and back unchanged.
        var coauthored = await site.SaveResourceAsync(t.Resource($"Co-authored {t.Some.Token}") with
        {
            Slug = t.Some.Slug("coauthored"), AuthorIds = [t.OtherOrganization.Id, t.Organization.Id],
        });
        var editor = await site.MemberClientAsync(t.Organization.Id);

        var response = await editor.GetAsync("/admin/resources/export.csv");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        var export = await response.Content.ReadAsStringAsync();
        export.Should().StartWith(Header);
        export.Should().Contain("\"'=SUM(A1) is not a formula").And.Contain("\"'+1 línea");
        export.Should().Contain($"{draft.Slug},practice-advisory,Draft {t.Some.Token},").And.Contain(",draft,");
        export.Should().Contain($"{t.Organization.Slug};{t.OtherOrganization.Slug}");
        export.Should().Contain("Ordinance, section 3 | annex | https://example.org/a");

        var page = await CheckAsync(editor, Csv(export));
        var rows = RowResults(page);
        rows.Should().HaveCount(3);
        rows.Values.Should().AllBe("Unchanged.");
        var confirmed = await ConfirmAsync(editor, page);
        confirmed.Headers.Location!.ToString().Should().Be("/admin/resources/import?created=0&updated=0&unchanged=3");
        (await FindAsync(coauthored.Slug))!.Revision.Should().Be(coauthored.Revision);

        // Changing the co-authored one is its owner's business.
        var changed = RowResults(await CheckAsync(editor, Csv(export.Replace($"Co-authored {t.Some.Token}", "Renamed", StringComparison.Ordinal))));
        changed.Values.Should().ContainSingle(v => v.Contains($"The resource {coauthored.Slug} belongs to an organization you do not edit for."));
        (await FindAsync(first.Slug))!.Revision.Should().Be(first.Revision, "an unchanged row saves nothing");
        (await FindAsync(draft.Slug))!.Status.Should().Be(ResourceStatus.Draft);
    }

    [Fact]
    public async Task Rows_create_and_update_only_after_confirmation()
    {
        var t = await site.CreateTaxonomyAsync();
        var existing = await site.SaveResourceAsync(t.Resource($"Old title {t.Some.Token}") with { Slug = t.Some.Slug("existing") });
        var editor = await site.MemberClientAsync(t.Organization.Id);
        var created = t.Some.Slug("created");
        var csv = string.Join("\r\n", Header,
            Row(t, existing.Slug, $"New title {t.Some.Token}", type: "practice-advisory"),
            Row(t, created, $"\"Fresh, \"\"quoted\"\" {t.Some.Token}\"", authors: $"{t.Organization.Slug};{t.OtherOrganization.Slug}",
                topics: $"{t.Topic.Slug};{t.OtherTopic.Slug}", links: "\"Statute | https://example.org/statute\nhttps://example.org/bare\""));

        var page = await CheckAsync(editor, Csv(csv));
        var rows = RowResults(page);
        rows["2"].Should().Be($"Updates “New title {t.Some.Token}”.");
        rows["3"].Should().Be($"Creates “Fresh, \"quoted\" {t.Some.Token}”.");
        (await FindAsync(created)).Should().BeNull("the dry run writes nothing");
        (await FindAsync(existing.Slug))!.Title.Should().Be($"Old title {t.Some.Token}");

        var confirmed = await ConfirmAsync(editor, page);
        confirmed.StatusCode.Should().Be(HttpStatusCode.Redirect, await confirmed.Content.ReadAsStringAsync());
        confirmed.Headers.Location!.ToString().Should().Be("/admin/resources/import?created=1&updated=1&unchanged=0");

        var updated = (await FindAsync(existing.Slug))!;
        updated.Title.Should().Be($"New title {t.Some.Token}");
        updated.Revision.Should().Be(existing.Revision + 1);
        updated.Status.Should().Be(ResourceStatus.Published);
        var fresh = (await FindAsync(created))!;
        fresh.Status.Should().Be(ResourceStatus.Published);
        fresh.Type.Should().Be(ResourceType.FactSheet);
        fresh.OwnerOrganizationId.Should().Be(t.Organization.Id);
        fresh.Authors.OrderBy(a => a.Position).Select(a => a.OrganizationId).Should().Equal(t.Organization.Id, t.OtherOrganization.Id);
        fresh.Topics.Select(x => x.Id).Should().BeEquivalentTo([t.Topic.Id, t.OtherTopic.Id]);
        fresh.Links.OrderBy(l => l.Position).Select(l => (l.Title, l.Url)).Should().Equal(("Statute", "https://example.org/statute"), ("example.org", "https://example.org/bare"));
        (await site.WithDbAsync(db => db.ResourceRevisions.CountAsync(r => r.ResourceId == fresh.Id))).Should().Be(1);
        (await site.WithDbAsync(db => db.SearchIndexChanges.CountAsync(c => c.ResourceId == fresh.Id))).Should().BeGreaterThan(0);
        (await site.WithDbAsync(db => db.AuditLog.CountAsync(e => e.Action == AuditActions.ResourcesImported && e.Summary.Contains("1 created, 1 updated")))).Should().BeGreaterThan(0);

        // The same file again: nothing left to change.
        var again = RowResults(await CheckAsync(editor, Csv(csv)));
        again.Values.Should().AllBe("Unchanged.");
    }

    [Fact]
    public async Task The_dry_run_rejects_each_bad_row_with_every_reason_and_writes_nothing()
    {
        var t = await site.CreateTaxonomyAsync();
        var theirs = await site.SaveResourceAsync(t.Resource($"Theirs {t.Some.Token}") with { Slug = t.Some.Slug("theirs"), AuthorIds = [t.OtherOrganization.Id] });
        var editor = await site.MemberClientAsync(t.Organization.Id);
        var good = t.Some.Slug("good");

        var page = await CheckAsync(editor, Csv(string.Join("\n", Header,
            Row(t, good, "Good"),                                                             // 2: good
            Row(t, t.Some.Slug("a"), "Typed", type: "pamphlet"),                             // 3: unknown type
            Row(t, t.Some.Slug("b"), "Org", authors: $"nobody-{t.Some.Token}"),               // 4: unknown organization
            Row(t, t.Some.Slug("c"), "Topic", topics: $"nothing-{t.Some.Token}"),             // 5: unknown topic
            Row(t, t.Some.Slug("d"), "Dated", date: "15/01/2025"),                           // 6: bad date
            Row(t, t.Some.Slug("e"), ""),                                                     // 7: missing title
            Row(t, theirs.Slug, "Mine now"),                                                  // 8: owned by another organization
            Row(t, good, "Twice"),                                                            // 9: duplicate slug in the file
            Row(t, t.Some.Slug("f"), "Theirs first", authors: t.OtherOrganization.Slug),      // 10: a new resource for another organization
            Row(t, t.Some.Slug("g"), "Status", status: "archived"),                          // 11: bad status
            Row(t, t.Some.Slug("h"), "Link", links: "Home | not a link"),                   // 12: bad link
            Row(t, t.Some.Slug("i"), "Many", type: "pamphlet", date: "soon") + ",extra")));  // 13: several problems, one cell too many

        var rows = RowResults(page);
        rows.Should().HaveCount(12);
        rows["2"].Should().Be("Creates “Good”.");
        rows["3"].Should().Contain("No resource type is called “pamphlet”.");
        rows["4"].Should().Contain($"No organization is called nobody-{t.Some.Token}.");
        rows["5"].Should().Contain($"No topic is called nothing-{t.Some.Token}.");
        rows["6"].Should().Contain("The date “15/01/2025” is not a date (YYYY-MM-DD).");
        rows["7"].Should().Contain("The title is missing.");
        rows["8"].Should().Contain($"The resource {theirs.Slug} belongs to an organization you do not edit for.");
        rows["9"].Should().Contain($"The slug {good} is already on line 2 of the file.");
        rows["10"].Should().Contain("The first author must be an organization you edit for");
        rows["11"].Should().Contain("The status must be “draft” or “published”.");
        rows["12"].Should().Contain("Not a web address: not a link");
        rows["13"].Should().Contain("The row has 15 cells; the header has 14.").And.Contain("No resource type is called “pamphlet”.")
            .And.Contain("The date “soon” is not a date (YYYY-MM-DD).");
        page.QuerySelector("input[name=hash]").Should().BeNull("a file with problems cannot be confirmed");
        page.Body!.TextContent.Should().Contain("Nothing was written.");
        (await FindAsync(good)).Should().BeNull();
        (await FindAsync(theirs.Slug))!.Title.Should().Be($"Theirs {t.Some.Token}");
    }

    [Fact]
    public async Task Wrong_encoding_and_wrong_columns_are_refused_whole()
    {
        var t = await site.CreateTaxonomyAsync();
        var editor = await site.MemberClientAsync(t.Organization.Id);
        var latin1 = Encoding.Latin1.GetBytes($"{Header}\n{Row(t, t.Some.Slug("latin"), "Política")}\n");

        var page = await CheckAsync(editor, new UploadedFile("file", "resources.csv", "text/csv", latin1));
        page.QuerySelector(".problems")!.TextContent.Should().Contain("The file is not UTF-8 text");
        page.QuerySelector("input[name=hash]").Should().BeNull();

        page = await CheckAsync(editor, Csv("slug,type,title,summary,body,language,published_on,current_as_of,authors,topics,audiences,status,links,notes\nx,report,T,,,en,,,o,,,draft,,n\n"));
        page.QuerySelector(".problems")!.TextContent.Should().Contain("Columns are missing: jurisdictions.").And.Contain("Unknown columns: notes.");
        page.QuerySelector("input[name=hash]").Should().BeNull();
        (await FindAsync(t.Some.Slug("latin"))).Should().BeNull();
    }

    [Fact]
    public async Task A_confirmation_after_the_data_changed_writes_nothing()
    {
        var t = await site.CreateTaxonomyAsync();
        var existing = await site.SaveResourceAsync(t.Resource($"Before {t.Some.Token}") with { Slug = t.Some.Slug("existing") });
        var editor = await site.MemberClientAsync(t.Organization.Id);
        var created = t.Some.Slug("created");
        var page = await CheckAsync(editor, Csv(string.Join("\n", Header, Row(t, created, "New"), Row(t, existing.Slug, "Imported title"))));
        RowResults(page)["3"].Should().StartWith("Updates");

        // Someone saves the resource between the dry run and the confirmation.
        await site.SaveResourceAsync(t.Resource($"Edited meanwhile {t.Some.Token}") with { Slug = existing.Slug }, SaveAction.Publish, existing.Id, existing.Revision);
        var refused = await ConfirmAsync(editor, page);
        refused.StatusCode.Should().Be(HttpStatusCode.OK);
        Html.Parse(await refused.Content.ReadAsStringAsync()).QuerySelector(".problems")!.TextContent.Should().Contain("Resources changed since the dry run");
        (await FindAsync(created)).Should().BeNull("the row before the changed one is not written either");
        (await FindAsync(existing.Slug))!.Title.Should().Be($"Edited meanwhile {t.Some.Token}");

        // Another organization takes the new slug meanwhile: the file is no longer valid, and nothing is written.
        var page2 = await CheckAsync(editor, Csv(string.Join("\n", Header, Row(t, t.Some.Slug("second"), "Second"), Row(t, created, "New"))));
        await site.SaveResourceAsync(t.Resource($"Taken {t.Some.Token}") with { Slug = created, AuthorIds = [t.OtherOrganization.Id] });
        var refused2 = await ConfirmAsync(editor, page2);
        var text = Html.Parse(await refused2.Content.ReadAsStringAsync()).Body!.TextContent;
        text.Should().Contain("The file has problems: nothing was imported.").And.Contain($"The resource {created} belongs to an organization you do not edit for.");
        (await FindAsync(t.Some.Slug("second"))).Should().BeNull();
    }

    [Fact]
    public async Task Editors_export_only_their_organizations_resources_and_moderators_neither_export_nor_import()
    {
        var t = await site.CreateTaxonomyAsync();
        var ours = await site.SaveResourceAsync(t.Resource($"Ours {t.Some.Token}") with { Slug = t.Some.Slug("ours") }, SaveAction.SaveDraft);
        var theirs = await site.SaveResourceAsync(t.Resource($"Theirs {t.Some.Token}") with { Slug = t.Some.Slug("theirs"), AuthorIds = [t.OtherOrganization.Id] });

        var editor = await site.MemberClientAsync(t.Organization.Id);
        Html.Parse(await editor.GetStringAsync("/admin/resources")).QuerySelector("a[href='/admin/resources/import']").Should().NotBeNull();
        var ourExport = await editor.GetStringAsync("/admin/resources/export.csv");
        ourExport.Should().Contain(ours.Slug).And.NotContain(theirs.Slug);
        var theirExport = await (await site.MemberClientAsync(t.OtherOrganization.Id)).GetStringAsync("/admin/resources/export.csv");
        theirExport.Should().Contain(theirs.Slug).And.NotContain(ours.Slug);
        var everything = await (await site.AdministratorClientAsync()).GetStringAsync("/admin/resources/export.csv");
        everything.Should().Contain(ours.Slug).And.Contain(theirs.Slug);

        var moderator = await site.SignedInClientAsync(await site.CreateModeratorAsync());
        Html.Parse(await moderator.GetStringAsync("/admin/resources")).QuerySelector("a[href='/admin/resources/import']").Should().BeNull();
        foreach (var path in new[] { "/admin/resources/export.csv", "/admin/resources/import" })
        {
            var refused = await moderator.GetAsync(path);
            refused.StatusCode.Should().Be(HttpStatusCode.Found);
            refused.Headers.Location!.ToString().Should().Contain("/account/denied");
        }
    }

    [Fact]
    public async Task The_commands_export_everything_and_import_it_back_with_a_dry_run_first()
    {
        var t = await site.CreateTaxonomyAsync();
        var existing = await site.SaveResourceAsync(t.Resource($"Command line {t.Some.Token}") with { Slug = t.Some.Slug("cli") });
        var path = Path.Combine(Path.GetTempPath(), $"haven-resources-{t.Some.Token}.csv");
        try
        {
            await using (var scope = site.Scope())
            {
                var db = scope.ServiceProvider.GetRequiredService<Haven.Core.Data.HavenDbContext>();
                (await ResourceCsvCommands.ExportAsync(db, path)).Should().Be(0);
            }
            var export = await File.ReadAllTextAsync(path);
            export.Should().Contain(existing.Slug);

            // The whole site's export imports back: every row unchanged.
            await using (var scope = site.Scope())
                (await ResourceCsvCommands.ImportAsync(scope.ServiceProvider, path, dryRun: false)).Should().Be(0);
            (await FindAsync(existing.Slug))!.Revision.Should().Be(existing.Revision);

            var line = export.Split('\n').Single(l => l.StartsWith(existing.Slug + ",", StringComparison.Ordinal));
            await File.WriteAllTextAsync(path, Header + "\n" + line.Replace($"Command line {t.Some.Token}", $"Changed {t.Some.Token}", StringComparison.Ordinal) + "\n");
            await using (var scope = site.Scope())
                (await ResourceCsvCommands.ImportAsync(scope.ServiceProvider, path, dryRun: true)).Should().Be(0);
            (await FindAsync(existing.Slug))!.Title.Should().Be($"Command line {t.Some.Token}", "a dry run writes nothing");
            await using (var scope = site.Scope())
                (await ResourceCsvCommands.ImportAsync(scope.ServiceProvider, path, dryRun: false)).Should().Be(0);
            (await FindAsync(existing.Slug))!.Title.Should().Be($"Changed {t.Some.Token}");

            await File.WriteAllTextAsync(path, Header + "\n" + Row(t, t.Some.Slug("bad"), "Bad", type: "pamphlet") + "\n");
            await using (var scope = site.Scope())
                (await ResourceCsvCommands.ImportAsync(scope.ServiceProvider, path, dryRun: false)).Should().Be(1);
        }
        finally
        {
            File.Delete(path);
        }
    }
}

public sealed class ResourceCsvOnSqlite(SqliteSite site) : ResourceCsvTests(site), IClassFixture<SqliteSite>;

public sealed class ResourceCsvOnPostgres(PostgresSite site) : ResourceCsvTests(site), IClassFixture<PostgresSite>;
