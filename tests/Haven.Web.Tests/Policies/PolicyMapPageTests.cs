using System.Net;
using AwesomeAssertions;
using Haven.Core.Taxonomy;
using Haven.TestSupport;

namespace Haven.Web.Tests.Policies;

/// <summary>The policy map page: one area's positions on a chosen date, drawn as SVG whose regions link to their
/// jurisdictions and name their position, with the same data as a table; zoom to a state; bad input explained.
/// Real FIPS codes (the atlas draws only real places). Both databases.</summary>
public abstract class PolicyMapPageTests(HavenFactory site)
{
    private async Task<Jurisdiction> PlaceAsync(Some some, string fips, JurisdictionKind kind, string stateCode)
    {
        // Real codes are unique: a place another test of this site made is reused.
        var existing = await site.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstOrDefaultAsync(db.Jurisdictions, j => j.Fips == fips));
        if (existing is not null) return existing;
        var place = new Jurisdiction { Slug = some.Slug($"place-{fips}"), Name = $"Place {fips}", Kind = kind, Fips = fips, StateCode = stateCode };
        await site.WithDbAsync(async db => { db.Jurisdictions.Add(place); return await db.SaveChangesAsync(); });
        return place;
    }

    private static string Title(AngleSharp.Dom.IDocument page, string fips) =>
        page.QuerySelector($"svg a[href='/jurisdictions/{fips}'] title")?.TextContent ?? "";

    [Fact]
    public async Task The_map_shows_each_countys_position_on_the_chosen_date_with_the_same_rows_in_the_table()
    {
        var some = new Some();
        var area = await site.CreateAreaAsync(some);
        var cook = await PlaceAsync(some, "17031", JurisdictionKind.County, "IL");
        var losAngeles = await PlaceAsync(some, "06037", JurisdictionKind.County, "CA");
        await TestPolicies.SaveAsync(site, cook.Id, area.Slug, "harsh", "2012-01-01");
        await TestPolicies.SaveAsync(site, cook.Id, area.Slug, "protective", "2019-07-01");
        await TestPolicies.SaveAsync(site, losAngeles.Id, area.Slug, "middle", "2015-01-01", end: "2016-12-31");

        var past = await site.CreateClient().GetDocumentAsync($"/policies?area={area.Slug}&date=2016-06-01");
        Title(past, "17031").Should().Be("Cook County, Illinois: harsh");
        Title(past, "06037").Should().Be("Los Angeles County, California: middle");
        Title(past, "48201").Should().Be("Harris County, Texas: No record", "every county is drawn, with or without a record");
        past.QuerySelectorAll("svg a").Length.Should().BeGreaterThan(3000);
        var rows = past.QuerySelectorAll(".policy-map-table tbody tr").Select(r => r.TextContent.Trim()).ToList();
        rows.Should().HaveCount(2);
        rows[0].Should().Contain("Los Angeles County, California").And.Contain("middle").And.Contain("2015-01-01");
        rows[1].Should().Contain("Cook County, Illinois").And.Contain("harsh").And.Contain("2012-01-01");
        past.QuerySelector("input[name=date]")!.GetAttribute("value").Should().Be("2016-06-01");

        var today = await site.CreateClient().GetDocumentAsync($"/policies?area={area.Slug}");
        Title(today, "17031").Should().Be("Cook County, Illinois: protective");
        Title(today, "06037").Should().Be("Los Angeles County, California: No record", "its record ended in 2016");
        today.QuerySelectorAll(".policy-map-table tbody tr").Should().ContainSingle();
    }

    [Fact]
    public async Task States_have_their_own_map_and_a_state_can_be_drawn_alone()
    {
        var some = new Some();
        var area = await site.CreateAreaAsync(some);
        var illinois = await PlaceAsync(some, "17", JurisdictionKind.State, "IL");
        var cook = await PlaceAsync(some, "17031", JurisdictionKind.County, "IL");
        await TestPolicies.SaveAsync(site, illinois.Id, area.Slug, "protective", "2018-01-01");
        await TestPolicies.SaveAsync(site, cook.Id, area.Slug, "middle", "2018-01-01");

        var states = await site.CreateClient().GetDocumentAsync($"/policies?area={area.Slug}&level=states");
        Title(states, "17").Should().Be("Illinois: protective");
        states.QuerySelector("svg a[href='/jurisdictions/17031']").Should().BeNull("the state map draws states only");

        var zoomed = await site.CreateClient().GetDocumentAsync($"/policies?area={area.Slug}&state=IL");
        Title(zoomed, "17031").Should().Be("Cook County, Illinois: middle");
        zoomed.QuerySelectorAll("svg a").Length.Should().Be(102, "Illinois has 102 counties");
        zoomed.QuerySelector("svg a[href='/jurisdictions/06037']").Should().BeNull();
    }

    [Fact]
    public async Task The_county_map_page_is_sent_compressed_to_browsers_that_accept_it_under_a_megabyte()
    {
        var some = new Some();
        var area = await site.CreateAreaAsync(some);
        var plain = await site.CreateClient().GetByteArrayAsync($"/policies?area={area.Slug}&date=2020-01-01");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/policies?area={area.Slug}&date=2020-01-01");
        request.Headers.AcceptEncoding.ParseAdd("br");
        using var response = await site.CreateClient().SendAsync(request);

        response.Content.Headers.ContentEncoding.Should().Equal("br");
        var compressed = await response.Content.ReadAsByteArrayAsync();
        compressed.Length.Should().BeLessThan(1_000_000).And.BeLessThan(plain.Length / 3);
        using var brotli = new System.IO.Compression.BrotliStream(new MemoryStream(compressed), System.IO.Compression.CompressionMode.Decompress);
        using var text = new StreamReader(brotli);
        var html = await text.ReadToEndAsync();
        html.Should().Contain("<svg").And.Contain("/jurisdictions/17031");
    }

    [Fact]
    public async Task A_malformed_date_is_explained_and_the_map_shows_today_and_an_unknown_area_is_not_found()
    {
        var some = new Some();
        var area = await site.CreateAreaAsync(some);

        var response = await site.CreateClient().GetAsync($"/policies?area={area.Slug}&date=last-tuesday");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var page = Html.Parse(await response.Content.ReadAsStringAsync());
        page.QuerySelector("#date-error")!.TextContent.Should().Contain("year-month-day");
        page.QuerySelector("svg").Should().NotBeNull();

        (await site.CreateClient().GetAsync($"/policies?area=no-such-area-{some.Token}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}

public sealed class PolicyMapPageOnSqlite(SqliteSite site) : PolicyMapPageTests(site), IClassFixture<SqliteSite>;

public sealed class PolicyMapPageOnPostgres(PostgresSite site) : PolicyMapPageTests(site), IClassFixture<PostgresSite>;
