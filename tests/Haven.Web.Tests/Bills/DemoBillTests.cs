using AwesomeAssertions;
using Haven.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Haven.Web.Tests.Bills;

/// <summary>The demo installation's bills: each marked as demo data with positions, one linked to the demo vote
/// recommendation, the banner on their pages. Both databases.</summary>
public abstract class DemoBillTests(HavenFactory site)
{
    [Fact]
    public async Task Demo_bills_have_positions_an_alert_a_linked_resource_and_the_banner()
    {
        var bills = await site.WithDbAsync(db => db.Bills.AsNoTracking().Include(b => b.Positions).ToListAsync());
        bills.Should().HaveCountGreaterThanOrEqualTo(3).And.OnlyContain(b => b.IsDemo && b.Positions.Count > 0);
        bills.SelectMany(b => b.Positions).Should().Contain(p => p.IsActionAlert).And.Contain(p => p.OrganizationId == null);

        var sb54 = bills.Single(b => b.NumberKey == "SB54");
        var page = await site.CreateClient().GetDocumentAsync($"/bills/{sb54.Slug}");
        page.QuerySelector(".demo-banner").Should().NotBeNull();
        page.QuerySelector("a[href='/resources/vote-recommendation-support-california-sb-54']").Should().NotBeNull();
        var resource = await site.CreateClient().GetDocumentAsync("/resources/vote-recommendation-support-california-sb-54");
        resource.QuerySelector($".resource-bills a[href='/bills/{sb54.Slug}']").Should().NotBeNull();
        (await site.CreateClient().GetDocumentAsync("/bills?alerts=true")).QuerySelectorAll(".bill").Should().NotBeEmpty();
    }
}

public sealed class DemoBillOnSqlite(SqliteDemoSite site) : DemoBillTests(site), IClassFixture<SqliteDemoSite>;

public sealed class DemoBillOnPostgres(PostgresDemoSite site) : DemoBillTests(site), IClassFixture<PostgresDemoSite>;
