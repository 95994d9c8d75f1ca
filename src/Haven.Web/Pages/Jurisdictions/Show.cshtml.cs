using Haven.Core.Data;
using Haven.Core.Policies;
using Haven.Core.Shared;
using NodaTime;
using Haven.Core.Search;
using Haven.Web.Pages.Resources;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Haven.Web.Pages.Jurisdictions;

/// <summary>A jurisdiction's page, addressed by its FIPS code (/jurisdictions/17031) or, for places without one, its slug.</summary>
public sealed class ShowModel(HavenDbContext db, LibrarySearch library, PolicyQueries policies, IClock clock, SiteSettings site)
    : FilteredLibraryPage(library, ResourceFacet.Jurisdiction)
{
    /// <summary>Its policy records by area (areas in list order), each area's newest first.</summary>
    public IReadOnlyList<(PolicyArea Area, IReadOnlyList<PolicyRecord> Records)> Policies { get; private set; } = [];
    public LocalDate Today { get; private set; }
    public bool HasDemoData { get; private set; }
    /// <summary>Its FIPS code, or its slug for a place without one.</summary>
    public string Key { get; private set; } = "";
    /// <summary>The query that shows this place on the policy map: its state's counties for a county, the states for a
    /// state; null for places the map does not draw (cities, the nation).</summary>
    public string? MapQuery { get; private set; }

    public async Task<IActionResult> OnGetAsync(string key, CancellationToken cancellationToken)
    {
        var jurisdiction = await db.Jurisdictions.AsNoTracking().FirstOrDefaultAsync(j => j.Fips == key || j.Slug == key, cancellationToken);
        if (jurisdiction is null) return NotFound();
        Heading = jurisdiction.Name;
        Today = clock.GetCurrentInstant().InZone(site.Zone).Date;
        var records = await policies.HistoryAsync(jurisdiction.Id, cancellationToken);
        Policies = records.GroupBy(r => r.Area!.Id).Select(g => (g.First().Area!, (IReadOnlyList<PolicyRecord>)g.ToList())).ToList();
        HasDemoData = records.Any(r => r.IsDemo);
        IntroPartial = "Jurisdictions/_Policies";
        Key = jurisdiction.Fips ?? jurisdiction.Slug;
        MapQuery = jurisdiction switch
        {
            { Kind: Haven.Core.Taxonomy.JurisdictionKind.County, StateCode: { } state } => $"state={Uri.EscapeDataString(state)}",
            { Kind: Haven.Core.Taxonomy.JurisdictionKind.State } => "level=states",
            _ => null,
        };
        await LoadLibraryAsync(jurisdiction.Slug, $"~/jurisdictions/{jurisdiction.Fips ?? jurisdiction.Slug}", cancellationToken);
        return Page();
    }
}
