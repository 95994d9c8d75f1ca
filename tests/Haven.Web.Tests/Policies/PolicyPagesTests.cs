using System.Net;
using System.Xml.Linq;
using AwesomeAssertions;
using Haven.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Haven.Web.Tests.Policies;

/// <summary>The public side of the policy tracker: the changes list and its Atom feed, a jurisdiction's history with
/// sources, the demo banner and the CSV export. Both databases.</summary>
public abstract class PolicyPagesTests(HavenFactory site)
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    [Fact]
    public async Task The_changes_list_shows_newest_first_with_what_each_replaced_and_filters_by_area_and_state()
    {
        var some = new Some();
        var area = await site.CreateAreaAsync(some);
        var cook = await site.CreateCountyAsync(some, "Cook", "IL");
        var harris = await site.CreateCountyAsync(some, "Harris", "TX");
        await TestPolicies.SaveAsync(site, cook.Id, area.Slug, "harsh", "2014-01-01");
        await TestPolicies.SaveAsync(site, cook.Id, area.Slug, "protective", "2019-05-01");
        await TestPolicies.SaveAsync(site, harris.Id, area.Slug, "middle", "2017-02-01");

        var page = await site.CreateClient().GetDocumentAsync($"/policies/changes?area={area.Slug}");
        var items = page.QuerySelectorAll("li.policy-change").Select(li => li.TextContent).ToList();
        items.Should().HaveCount(3);
        items[0].Should().Contain("2019-05-01").And.Contain(cook.Name).And.Contain("protective").And.Contain("(before: harsh)");
        items[1].Should().Contain("2017-02-01").And.Contain(harris.Name);
        items[2].Should().Contain("2014-01-01").And.NotContain("before:");
        page.QuerySelector(".demo-banner").Should().BeNull();

        var texas = await site.CreateClient().GetDocumentAsync($"/policies/changes?area={area.Slug}&state=TX");
        texas.QuerySelectorAll("li.policy-change").Select(li => li.TextContent).Should().ContainSingle().Which.Should().Contain(harris.Name);
    }

    [Fact]
    public async Task The_atom_feed_is_atom_with_permanent_ids_and_updated_times()
    {
        var some = new Some();
        var area = await site.CreateAreaAsync(some);
        var county = await site.CreateCountyAsync(some);
        var first = await TestPolicies.SaveAsync(site, county.Id, area.Slug, "harsh", "2014-01-01");
        var second = await TestPolicies.SaveAsync(site, county.Id, area.Slug, "middle", "2020-01-01");

        var response = await site.CreateClient().GetAsync($"/policies/changes.atom?area={area.Slug}");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/atom+xml");
        var feed = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
        feed.Name.Should().Be(Atom + "feed");
        feed.Element(Atom + "id")!.Value.Should().StartWith("tag:localhost,2026:policy-changes?area=");
        DateTimeOffset.Parse(feed.Element(Atom + "updated")!.Value, System.Globalization.CultureInfo.InvariantCulture).Should().BeAfter(DateTimeOffset.UtcNow.AddDays(-1));
        feed.Element(Atom + "author")!.Element(Atom + "name")!.Value.Should().NotBeEmpty();
        var entries = feed.Elements(Atom + "entry").ToList();
        entries.Select(e => e.Element(Atom + "id")!.Value).Should().Equal(
            $"tag:localhost,2026:policy-record-{second.Id}", $"tag:localhost,2026:policy-record-{first.Id}");
        entries[0].Element(Atom + "title")!.Value.Should().Be($"{county.Name}: {area.Name}: middle");
        entries[0].Element(Atom + "summary")!.Value.Should().Be("From 2020-01-01: middle (before: harsh).");
        entries[0].Element(Atom + "link")!.Attribute("href")!.Value.Should().Be($"http://localhost/jurisdictions/{county.Fips}");
        entries.Should().OnlyContain(e => e.Element(Atom + "updated") != null);
    }

    [Fact]
    public async Task A_jurisdiction_page_shows_its_policies_current_first_then_history_with_sources()
    {
        var some = new Some();
        var area = await site.CreateAreaAsync(some);
        var county = await site.CreateCountyAsync(some);
        await TestPolicies.SaveAsync(site, county.Id, area.Slug, "harsh", "2012-01-01", links: "https://example.org/old-memo Old memo");
        await TestPolicies.SaveAsync(site, county.Id, area.Slug, "middle", "2016-01-01");
        await TestPolicies.SaveAsync(site, county.Id, area.Slug, "protective", "2021-01-01",
            file: ("ordinance.pdf", Haven.Web.Demo.DemoPdf.Render("Ordinance", ["Section 1."])));

        var page = await site.CreateClient().GetDocumentAsync($"/jurisdictions/{county.Fips}");
        page.QuerySelector("h1")!.TextContent.Should().Be(county.Name);
        var history = page.QuerySelectorAll(".policy-area").Single(s => s.QuerySelector("h3")!.TextContent == area.Name);
        var entries = history.QuerySelectorAll("li.policy-current, li.policy-past").ToList();
        entries.Select(e => e.ClassName).Should().Equal("policy-current", "policy-past", "policy-past");
        entries[0].TextContent.Should().Contain("protective").And.Contain("from 2021-01-01").And.Contain("In force");
        entries[1].TextContent.Should().Contain("middle").And.Contain("until 2020-12-31");
        entries[2].TextContent.Should().Contain("harsh").And.Contain("until 2015-12-31");
        entries[2].QuerySelector("a[href='https://example.org/old-memo']")!.TextContent.Should().Be("Old memo");
        var file = entries[0].QuerySelector(".policy-sources a")!.GetAttribute("href")!;
        (await site.CreateClient().GetAsync(file)).StatusCode.Should().Be(HttpStatusCode.OK);
        page.QuerySelector(".demo-banner").Should().BeNull();
        history.QuerySelector("a[href^='/policies?']")!.GetAttribute("href").Should().Be($"/policies?area={area.Slug}&state={county.StateCode}",
            "a county links to its area's map of its state");
        // The resources list is still there.
        page.QuerySelectorAll("h2").Select(h => h.TextContent).Should().Contain("Resources");
    }

    [Fact]
    public async Task Demo_records_carry_a_banner_on_the_changes_list_and_the_jurisdiction_page()
    {
        var some = new Some();
        var area = await site.CreateAreaAsync(some);
        var county = await site.CreateCountyAsync(some);
        var record = await TestPolicies.SaveAsync(site, county.Id, area.Slug, "middle", "2018-01-01");
        await site.WithDbAsync(db => db.PolicyRecords.Where(r => r.Id == record.Id).ExecuteUpdateAsync(u => u.SetProperty(r => r.IsDemo, true)));

        (await site.CreateClient().GetDocumentAsync($"/jurisdictions/{county.Fips}")).QuerySelector(".demo-banner").Should().NotBeNull();
        (await site.CreateClient().GetDocumentAsync($"/policies/changes?area={area.Slug}")).QuerySelector(".demo-banner").Should().NotBeNull();
        (await site.CreateClient().GetDocumentAsync($"/es/policies/changes?area={area.Slug}")).QuerySelector(".demo-banner")!.TextContent
            .Should().Contain("Datos de demostración");
    }

    [Fact]
    public async Task The_export_holds_the_whole_history_in_the_import_columns()
    {
        var some = new Some();
        var area = await site.CreateAreaAsync(some);
        var county = await site.CreateCountyAsync(some);
        await TestPolicies.SaveAsync(site, county.Id, area.Slug, "harsh", "2012-01-01", links: "https://example.org/a Source A");
        await TestPolicies.SaveAsync(site, county.Id, area.Slug, "middle", "2016-01-01");

        var response = await site.CreateClient().GetAsync("/policies/export.csv");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        response.Content.Headers.ContentDisposition!.DispositionType.Should().Be("attachment");
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n");
        lines[0].Should().Be("fips,area,position,effective,end,basis,excerpt,notes,source_url,verified");
        lines.Where(l => l.StartsWith(county.Fips + ",", StringComparison.Ordinal)).Should().Equal(
            $"{county.Fips},{area.Slug},harsh,2012-01-01,2015-12-31,written,,,https://example.org/a,",
            $"{county.Fips},{area.Slug},middle,2016-01-01,,written,,,,");
    }
}

public sealed class PolicyPagesOnSqlite(SqliteSite site) : PolicyPagesTests(site), IClassFixture<SqliteSite>;

public sealed class PolicyPagesOnPostgres(PostgresSite site) : PolicyPagesTests(site), IClassFixture<PostgresSite>;
