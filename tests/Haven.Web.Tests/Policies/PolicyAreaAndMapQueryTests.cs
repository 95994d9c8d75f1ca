using System.Net;
using AwesomeAssertions;
using Haven.Core.Policies;
using Haven.Core.Taxonomy;
using Haven.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Haven.Web.Tests.Policies;

/// <summary>The default areas, the administrators' area editor, and the as-of query the map draws from. Both databases.</summary>
public abstract class PolicyAreaAndMapQueryTests(HavenFactory site)
{
    [Fact]
    public async Task A_new_site_has_the_default_areas_with_their_positions_in_legend_order()
    {
        var areas = await site.WithDbAsync(db => db.PolicyAreas.AsNoTracking().Include(a => a.Positions).ToListAsync());
        var detainers = areas.Single(a => a.Slug == "ice-detainers");
        detainers.Positions.OrderBy(p => p.Order).Select(p => p.Slug).Should().Equal("declines", "judicial-warrant-only", "honors-all");
        areas.Select(a => a.Slug).Should().Contain(["287g", "cite-and-release", "marijuana-possession", "drug-possession-felony-reform",
            "pre-arrest-diversion", "detention-contract", "probation-cooperation"]);
        areas.Single(a => a.Slug == "287g").Positions.Select(p => p.Slug).Should().BeEquivalentTo(
            ["none", "jail-enforcement", "task-force", "warrant-service-officer"]);
    }

    [Fact]
    public async Task An_administrator_defines_an_area_and_its_positions_and_cannot_remove_one_in_use()
    {
        var some = new Some();
        var admin = await site.AdministratorClientAsync();
        var created = await admin.PostFormAsync("/admin/policy-areas/new", "/admin/policy-areas/new", new()
        {
            ["Form.Name"] = $"Language access {some.Token}", ["Form.Slug"] = "", ["Form.Description"] = "Interpreters at the jail.", ["Form.Position"] = "20",
            ["Form.Positions[0].Label"] = "Full access", ["Form.Positions[0].Slug"] = "", ["Form.Positions[0].Order"] = "0",
            ["Form.Positions[1].Label"] = "None", ["Form.Positions[1].Slug"] = "", ["Form.Positions[1].Order"] = "1",
            ["Form.Positions[2].Label"] = "", ["Form.Positions[2].Order"] = "2",
        });
        created.StatusCode.Should().Be(HttpStatusCode.Redirect, await created.Content.ReadAsStringAsync());
        var area = await site.WithDbAsync(db => db.PolicyAreas.AsNoTracking().Include(a => a.Positions).SingleAsync(a => a.Name == $"Language access {some.Token}"));
        area.Slug.Should().Be($"language-access-{some.Token}");
        area.Positions.OrderBy(p => p.Order).Select(p => p.Slug).Should().Equal("full-access", "none");
        (await admin.GetDocumentAsync("/admin/policy-areas")).QuerySelector("table")!.TextContent.Should().Contain("Full access · None");

        var county = await site.CreateCountyAsync(some);
        await TestPolicies.SaveAsync(site, county.Id, area.Slug, "none", "2020-01-01");
        var full = area.Positions.Single(p => p.Slug == "full-access");
        var none = area.Positions.Single(p => p.Slug == "none");
        var refused = await admin.PostFormAsync($"/admin/policy-areas/{area.Id}/edit", $"/admin/policy-areas/{area.Id}/edit", new()
        {
            ["Form.Name"] = area.Name, ["Form.Slug"] = area.Slug, ["Form.Description"] = "", ["Form.Position"] = "20",
            ["Form.Positions[0].Id"] = full.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Form.Positions[0].Label"] = "Full language access", ["Form.Positions[0].Order"] = "0",
            ["Form.Positions[1].Id"] = none.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Form.Positions[1].Label"] = "", ["Form.Positions[1].Order"] = "1",
        });
        refused.StatusCode.Should().Be(HttpStatusCode.OK);
        Html.Parse(await refused.Content.ReadAsStringAsync()).QuerySelector(".problems")!.TextContent
            .Should().Contain("Records use the position “None”: it cannot be removed.");
    }

    [Fact]
    public async Task The_as_of_query_gives_each_state_and_county_its_position_on_a_date()
    {
        var some = new Some();
        var area = await site.CreateAreaAsync(some);
        var a = await site.CreateCountyAsync(some);
        var b = await site.CreateCountyAsync(some);
        var city = new Jurisdiction { Slug = some.Slug("city"), Name = "City", Kind = JurisdictionKind.City, Fips = null };
        await site.WithDbAsync(async db => { db.Jurisdictions.Add(city); return await db.SaveChangesAsync(); });
        await TestPolicies.SaveAsync(site, a.Id, area.Slug, "harsh", "2012-01-01");
        await TestPolicies.SaveAsync(site, a.Id, area.Slug, "protective", "2019-07-01");
        await TestPolicies.SaveAsync(site, b.Id, area.Slug, "middle", "2015-01-01", end: "2016-12-31");
        await TestPolicies.SaveAsync(site, city.Id, area.Slug, "middle", "2015-01-01");

        async Task<Dictionary<string, string>> AsOf(LocalDate date)
        {
            await using var scope = site.Scope();
            var positions = await scope.ServiceProvider.GetRequiredService<PolicyQueries>().AsOfAsync(area.Id, date);
            return positions.ToDictionary(p => p.Fips, p => $"{p.PositionSlug}/{p.Order}");
        }

        (await AsOf(new LocalDate(2011, 1, 1))).Should().BeEmpty();
        (await AsOf(new LocalDate(2016, 12, 31))).Should().Equal(new Dictionary<string, string> { [a.Fips!] = "harsh/2", [b.Fips!] = "middle/1" });
        (await AsOf(new LocalDate(2019, 6, 30))).Should().Equal(new Dictionary<string, string> { [a.Fips!] = "harsh/2" });
        (await AsOf(new LocalDate(2019, 7, 1))).Should().Equal(new Dictionary<string, string> { [a.Fips!] = "protective/0" });
    }

    [Fact]
    public async Task Simultaneous_saves_for_one_place_never_leave_overlapping_periods()
    {
        var some = new Some();
        var area = await site.CreateAreaAsync(some);
        var county = await site.CreateCountyAsync(some);
        var saves = Enumerable.Range(0, 12).Select(async i =>
        {
            try
            {
                await TestPolicies.SaveAsync(site, county.Id, area.Slug, i % 2 == 0 ? "harsh" : "middle", $"{2000 + i}-01-01");
                return true;
            }
            catch (InvalidOperationException)
            {
                return false; // refused: it started before a record saved first
            }
        });
        var results = await Task.WhenAll(saves);

        results.Should().Contain(true);
        var periods = await site.WithDbAsync(db => db.PolicyRecords.AsNoTracking().Where(r => r.JurisdictionId == county.Id)
            .Select(r => new PolicyPeriod(r.Id, r.EffectiveOn, r.EndsOn)).ToListAsync());
        periods.Should().HaveCount(results.Count(r => r));
        foreach (var p in periods)
            periods.Where(o => o.Id != p.Id).Should().NotContain(o => o.Overlaps(p));
        periods.Count(p => p.End == null).Should().Be(1);
    }
}

public sealed class PolicyAreaAndMapQueryOnSqlite(SqliteSite site) : PolicyAreaAndMapQueryTests(site), IClassFixture<SqliteSite>;

public sealed class PolicyAreaAndMapQueryOnPostgres(PostgresSite site) : PolicyAreaAndMapQueryTests(site), IClassFixture<PostgresSite>;

/// <summary>The demo installation: plausible histories for a few dozen counties, each record marked as demo data,
/// and the banner where they show. Both databases.</summary>
public abstract class DemoPolicyTests(HavenFactory site)
{
    [Fact]
    public async Task Demo_records_cover_dozens_of_counties_keep_the_period_rules_and_show_the_banner()
    {
        var records = await site.WithDbAsync(db => db.PolicyRecords.AsNoTracking().Include(r => r.Jurisdiction).ToListAsync());
        records.Should().NotBeEmpty().And.OnlyContain(r => r.IsDemo);
        records.Where(r => r.Jurisdiction!.Kind == JurisdictionKind.County).Select(r => r.JurisdictionId).Distinct().Count().Should().BeGreaterThanOrEqualTo(30);
        foreach (var history in records.GroupBy(r => (r.JurisdictionId, r.AreaId)))
        {
            var periods = history.Select(PolicyPeriods.Of).ToList();
            foreach (var p in periods)
                periods.Where(o => o.Id != p.Id).Should().NotContain(o => o.Overlaps(p), "demo periods keep the rules");
            history.Count(r => r.EndsOn == null).Should().Be(1);
        }

        var page = await site.CreateClient().GetDocumentAsync("/jurisdictions/17031");
        page.QuerySelector(".demo-banner").Should().NotBeNull();
        page.QuerySelectorAll(".policy-area").Should().NotBeEmpty();
        (await site.CreateClient().GetDocumentAsync("/policies/changes")).QuerySelector(".demo-banner").Should().NotBeNull();
    }
}

public sealed class DemoPolicyOnSqlite(SqliteDemoSite site) : DemoPolicyTests(site), IClassFixture<SqliteDemoSite>;

public sealed class DemoPolicyOnPostgres(PostgresDemoSite site) : DemoPolicyTests(site), IClassFixture<PostgresDemoSite>;
