using System.Net;
using AwesomeAssertions;
using Haven.Core.Policies;
using Haven.TestSupport;
using Haven.Web.Demo;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Haven.Web.Tests.Policies;

/// <summary>The policy record editor over HTTP: an organization's editor creates records with sources, a newer one
/// closes the current one, a back-dated overlap is refused with nothing written, and every change is audited.
/// Both databases.</summary>
public abstract class PolicyEditorTests(HavenFactory site)
{
    private static List<KeyValuePair<string, string>> Fields(string fips, PolicyPosition position, string effective, string end = "",
        string links = "", string excerpt = "") =>
    [
        new("Form.Jurisdiction", fips),
        new("Form.PositionId", position.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("Form.EffectiveOn", effective),
        new("Form.EndsOn", end),
        new("Form.Basis", "WrittenPolicy"),
        new("Form.Excerpt", excerpt),
        new("Form.Notes", ""),
        new("Form.VerifiedOn", "2026-01-15"),
        new("Form.Links", links),
    ];

    private async Task<List<PolicyRecord>> RecordsAsync(int jurisdictionId) =>
        await site.WithDbAsync(db => db.PolicyRecords.AsNoTracking().Include(r => r.Sources).Include(r => r.Position)
            .Where(r => r.JurisdictionId == jurisdictionId).OrderBy(r => r.EffectiveOn).ToListAsync());

    [Fact]
    public async Task An_editor_records_a_policy_with_sources_and_a_newer_record_closes_it()
    {
        var some = new Some();
        var t = await site.CreateTaxonomyAsync();
        var county = await site.CreateCountyAsync(some);
        var area = await site.CreateAreaAsync(some);
        var editor = await site.MemberClientAsync(t.Organization.Id);

        var first = await editor.PostMultipartFormAsync("/admin/policies/new", "/admin/policies/new",
            Fields(county.Fips!, area.Positions[2], "2017-03-01", links: "https://example.org/policy.pdf Sheriff's memo", excerpt: "The jail honors every detainer."),
            new UploadedFile("Form.Files", "memo.pdf", "application/pdf", DemoPdf.Render("Memo", ["Detainers are honored."])));
        first.StatusCode.Should().Be(HttpStatusCode.Redirect, await first.Content.ReadAsStringAsync());

        var second = await editor.PostMultipartFormAsync("/admin/policies/new", "/admin/policies/new",
            Fields(county.Fips!, area.Positions[0], "2021-07-01"));
        second.StatusCode.Should().Be(HttpStatusCode.Redirect, await second.Content.ReadAsStringAsync());

        var records = await RecordsAsync(county.Id);
        records.Should().HaveCount(2);
        // The place's page offers signed-in editors a new record for it, the form starting with its FIPS code.
        var link = (await editor.GetDocumentAsync($"/jurisdictions/{county.Fips}")).QuerySelector("a[href^='/admin/policies/new']")!.GetAttribute("href")!;
        (await editor.GetDocumentAsync(link)).QuerySelector("#Jurisdiction")!.GetAttribute("value").Should().Be(county.Fips);
        (await site.CreateClient().GetDocumentAsync($"/jurisdictions/{county.Fips}")).QuerySelector("a[href^='/admin/policies/new']").Should().BeNull();
        records[0].Position!.Slug.Should().Be("harsh");
        records[0].EndsOn.Should().Be(new LocalDate(2021, 6, 30));
        records[0].Sources.Select(s => s.Title).Should().BeEquivalentTo("Sheriff's memo", "memo.pdf");
        records[0].VerifiedOn.Should().Be(new LocalDate(2026, 1, 15));
        records[0].VerifiedByName.Should().Contain("@example.org");
        records[1].EndsOn.Should().BeNull();
        records[1].Position!.Slug.Should().Be("protective");

        var file = records[0].Sources.Single(s => s.IsFile);
        var download = await site.CreateClient().GetAsync(Haven.Web.Policies.PolicyEndpoints.SourcePath(file));
        download.StatusCode.Should().Be(HttpStatusCode.OK);
        download.Content.Headers.ContentType!.MediaType.Should().Be("application/pdf");

        var actions = await site.WithDbAsync(db => db.AuditLog.AsNoTracking()
            .Where(e => e.SubjectType == "policy" && (e.SubjectId == records[0].Id.ToString() || e.SubjectId == records[1].Id.ToString()))
            .Select(e => e.Action).ToListAsync());
        actions.Should().BeEquivalentTo(["policy.created", "policy.created", "policy.closed"]);
    }

    [Fact]
    public async Task A_back_dated_record_overlapping_a_closed_one_is_refused_and_nothing_changes()
    {
        var some = new Some();
        var t = await site.CreateTaxonomyAsync();
        var county = await site.CreateCountyAsync(some);
        var area = await site.CreateAreaAsync(some);
        await TestPolicies.SaveAsync(site, county.Id, area.Slug, "harsh", "2015-01-01");
        await TestPolicies.SaveAsync(site, county.Id, area.Slug, "middle", "2019-01-01");
        var editor = await site.MemberClientAsync(t.Organization.Id);

        var response = await editor.PostMultipartFormAsync("/admin/policies/new", "/admin/policies/new",
            Fields(county.Fips!, area.Positions[0], "2016-06-01", end: "2017-05-31"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var page = Html.Parse(await response.Content.ReadAsStringAsync());
        page.QuerySelector(".problems")!.TextContent.Should().Contain("This period overlaps the record in force from 2015-01-01 to 2018-12-31.");
        (await RecordsAsync(county.Id)).Should().HaveCount(2);
    }

    [Fact]
    public async Task Bad_fields_are_all_reported_at_once()
    {
        var some = new Some();
        var t = await site.CreateTaxonomyAsync();
        var area = await site.CreateAreaAsync(some);
        var editor = await site.MemberClientAsync(t.Organization.Id);

        var response = await editor.PostMultipartFormAsync("/admin/policies/new", "/admin/policies/new",
            Fields("00000", area.Positions[0], "2020-02-30", end: "soon", links: "javascript:alert(1)"));

        var text = Html.Parse(await response.Content.ReadAsStringAsync()).QuerySelector(".problems")!.TextContent;
        text.Should().Contain("No jurisdiction has this FIPS code or address.")
            .And.Contain("Give the effective date as YYYY-MM-DD.")
            .And.Contain("Give the end date as YYYY-MM-DD")
            .And.Contain("Not a web address: javascript:alert(1)");
    }

    [Fact]
    public async Task Editing_a_record_keeps_to_the_period_rules()
    {
        var some = new Some();
        var t = await site.CreateTaxonomyAsync();
        var county = await site.CreateCountyAsync(some);
        var area = await site.CreateAreaAsync(some);
        var old = await TestPolicies.SaveAsync(site, county.Id, area.Slug, "harsh", "2015-01-01");
        await TestPolicies.SaveAsync(site, county.Id, area.Slug, "middle", "2019-01-01");
        var editor = await site.MemberClientAsync(t.Organization.Id);

        // Moving the closed record's end past the next one's start would overlap it.
        var refused = await editor.PostMultipartFormAsync($"/admin/policies/{old.Id}/edit", $"/admin/policies/{old.Id}/edit",
            Fields(county.Fips!, area.Positions[2], "2015-01-01", end: "2019-06-30"));
        refused.StatusCode.Should().Be(HttpStatusCode.OK);
        (await RecordsAsync(county.Id))[0].EndsOn.Should().Be(new LocalDate(2018, 12, 31));

        var saved = await editor.PostMultipartFormAsync($"/admin/policies/{old.Id}/edit", $"/admin/policies/{old.Id}/edit",
            Fields(county.Fips!, area.Positions[1], "2014-01-01", end: "2018-12-31"));
        saved.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var records = await RecordsAsync(county.Id);
        records[0].EffectiveOn.Should().Be(new LocalDate(2014, 1, 1));
        records[0].Position!.Slug.Should().Be("middle");
    }

    [Fact]
    public async Task The_editors_list_shows_the_latest_changes_first_filtered_by_area_and_state()
    {
        var some = new Some();
        var t = await site.CreateTaxonomyAsync();
        var area = await site.CreateAreaAsync(some);
        var illinois = await site.CreateCountyAsync(some, "Lake", "IL");
        var texas = await site.CreateCountyAsync(some, "Travis", "TX");
        await TestPolicies.SaveAsync(site, texas.Id, area.Slug, "middle", "2021-01-01");
        await TestPolicies.SaveAsync(site, illinois.Id, area.Slug, "harsh", "2010-01-01");
        var editor = await site.MemberClientAsync(t.Organization.Id);

        var all = await editor.GetDocumentAsync($"/admin/policies?area={area.Slug}");
        all.QuerySelectorAll("table.admin-table tbody tr").Select(r => r.QuerySelector("td")!.TextContent)
            .Should().Equal(illinois.Name, texas.Name);
        var il = await editor.GetDocumentAsync($"/admin/policies?area={area.Slug}&state=il");
        il.QuerySelectorAll("table.admin-table tbody tr").Select(r => r.QuerySelector("td")!.TextContent).Should().Equal(illinois.Name);
        il.QuerySelector("table.admin-table caption")!.TextContent.Trim().Should().Be("1 record");
        all.QuerySelector("table.admin-table caption")!.TextContent.Trim().Should().Be("2 records, most recently changed first");
    }
}

public sealed class PolicyEditorOnSqlite(SqliteSite site) : PolicyEditorTests(site), IClassFixture<SqliteSite>;

public sealed class PolicyEditorOnPostgres(PostgresSite site) : PolicyEditorTests(site), IClassFixture<PostgresSite>;
