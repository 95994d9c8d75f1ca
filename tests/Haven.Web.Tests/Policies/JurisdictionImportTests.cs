using AwesomeAssertions;
using Haven.Core.Data;
using Haven.Core.Taxonomy;
using Haven.TestSupport;
using Haven.Web.Hosting;
using Haven.Web.Policies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Haven.Web.Tests.Policies;

/// <summary>`haven jurisdictions import` (and the start-up import): every state and county of the atlas, matched by
/// FIPS code, on each database. One test per site, since each fills the jurisdictions table.</summary>
public abstract class JurisdictionImportTests(HavenFactory site)
{
    [Fact]
    public async Task Importing_adds_every_state_and_county_once_keeps_hand_made_rows_and_changes_nothing_the_second_time()
    {
        // A county made by hand before the import (as the demo does), linked from a resource; and a city holding
        // the slug the import would give a county.
        var t = await site.CreateTaxonomyAsync();
        var handMade = await site.WithDbAsync(async db =>
        {
            var cook = new Jurisdiction { Slug = "cook-il-ours", Name = "Cook County (ours)", Kind = JurisdictionKind.County, Fips = "17031" };
            db.Jurisdictions.Add(cook);
            db.Jurisdictions.Add(new Jurisdiction { Slug = "harris-county-tx", Name = "Harris (a city)", Kind = JurisdictionKind.City, StateCode = "TX" });
            await db.SaveChangesAsync();
            return cook.Id;
        });
        var resource = await site.SaveResourceAsync(t.Resource($"Cook County detainers {t.Some.Token}") with { JurisdictionIds = [handMade] });
        var before = await site.WithDbAsync(db => db.Jurisdictions.CountAsync());

        var first = await ImportAsync();
        first.Added.Should().Be(51 + 3142 - 1);
        first.Completed.Should().Be(1, "the hand-made Cook County gains its postal code");

        await site.WithDbAsync(async db =>
        {
            (await db.Jurisdictions.CountAsync()).Should().Be(before + 51 + 3142 - 1);
            (await db.Jurisdictions.CountAsync(j => j.Kind == JurisdictionKind.State)).Should().Be(51);
            (await db.Jurisdictions.CountAsync(j => j.Kind == JurisdictionKind.County && j.Fips != null)).Should().Be(3142);
            var cook = await db.Jurisdictions.SingleAsync(j => j.Fips == "17031");
            (cook.Id, cook.Slug, cook.Name, cook.StateCode).Should().Be((handMade, "cook-il-ours", "Cook County (ours)", "IL"));
            (await db.Resources.Where(r => r.Id == resource.Id).SelectMany(r => r.Jurisdictions).Select(j => j.Id).ToListAsync())
                .Should().Contain(handMade);
            var harris = await db.Jurisdictions.SingleAsync(j => j.Fips == "48201");
            (harris.Slug, harris.Name, harris.StateCode).Should().Be(("harris-county-tx-48201", "Harris County, Texas", "TX"));
            var illinois = await db.Jurisdictions.SingleAsync(j => j.Fips == "17");
            (illinois.Slug, illinois.Name, illinois.Kind, illinois.StateCode).Should().Be(("illinois", "Illinois", JurisdictionKind.State, "IL"));
            (await db.Jurisdictions.SingleAsync(j => j.Fips == "22071")).Slug.Should().Be("orleans-parish-la");
            return 0;
        });

        var second = await ImportAsync();
        second.Should().Be(new JurisdictionImportResult(0, 0, 51 + 3142));
        (await site.WithDbAsync(db => db.Jurisdictions.CountAsync())).Should().Be(before + 51 + 3142 - 1);
        await using (var scope = site.Scope())
            (await scope.ServiceProvider.GetRequiredService<ImportJurisdictions>().IsNeededAsync()).Should().BeFalse();

        // The imported places have their pages, by FIPS code.
        var page = await site.CreateClient().GetDocumentAsync("/jurisdictions/51760");
        page.QuerySelector("h1")!.TextContent.Should().Be("Richmond city, Virginia");
    }

    private async Task<JurisdictionImportResult> ImportAsync()
    {
        await using var scope = site.Scope();
        return await scope.ServiceProvider.GetRequiredService<ImportJurisdictions>().RunAsync();
    }
}

public sealed class JurisdictionImportOnSqlite(SqliteSite site) : JurisdictionImportTests(site), IClassFixture<SqliteSite>;

public sealed class JurisdictionImportOnPostgres(PostgresSite site) : JurisdictionImportTests(site), IClassFixture<PostgresSite>;

/// <summary>A new site imports the atlas at start-up, once.</summary>
public abstract class JurisdictionImportAtStartTests(HavenFactory site)
{
    [Fact]
    public async Task A_new_site_has_every_state_and_county()
    {
        site.CreateClient();
        await site.WithDbAsync(async db =>
        {
            (await db.Jurisdictions.CountAsync(j => j.Kind == JurisdictionKind.State)).Should().Be(51);
            (await db.Jurisdictions.CountAsync(j => j.Kind == JurisdictionKind.County)).Should().Be(3142);
            (await db.Jurisdictions.Select(j => j.Fips).Distinct().CountAsync()).Should().Be(51 + 3142);
            return 0;
        });
        var page = await site.CreateClient().GetDocumentAsync("/jurisdictions/17031");
        page.QuerySelector("h1")!.TextContent.Should().Be("Cook County, Illinois");
    }
}

public sealed class SqliteSiteImportingAtlas : HavenFactory
{
    public SqliteSiteImportingAtlas() : base(DatabaseProvider.Sqlite) => Settings["Haven:ImportJurisdictions"] = "true";
}

public sealed class PostgresSiteImportingAtlas : HavenFactory
{
    public PostgresSiteImportingAtlas() : base(DatabaseProvider.Postgres) => Settings["Haven:ImportJurisdictions"] = "true";
}

public sealed class JurisdictionImportAtStartOnSqlite(SqliteSiteImportingAtlas site) : JurisdictionImportAtStartTests(site), IClassFixture<SqliteSiteImportingAtlas>;

public sealed class JurisdictionImportAtStartOnPostgres(PostgresSiteImportingAtlas site) : JurisdictionImportAtStartTests(site), IClassFixture<PostgresSiteImportingAtlas>;
