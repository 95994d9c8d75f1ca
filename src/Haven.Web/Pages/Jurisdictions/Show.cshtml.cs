using Haven.Core.Data;
using Haven.Core.Search;
using Haven.Web.Pages.Resources;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Haven.Web.Pages.Jurisdictions;

/// <summary>A jurisdiction's page, addressed by its FIPS code (/jurisdictions/17031) or, for places without one, its slug.</summary>
public sealed class ShowModel(HavenDbContext db, LibrarySearch library) : FilteredLibraryPage(library, ResourceFacet.Jurisdiction)
{
    public async Task<IActionResult> OnGetAsync(string key, CancellationToken cancellationToken)
    {
        var jurisdiction = await db.Jurisdictions.AsNoTracking().FirstOrDefaultAsync(j => j.Fips == key || j.Slug == key, cancellationToken);
        if (jurisdiction is null) return NotFound();
        Heading = jurisdiction.Name;
        await LoadLibraryAsync(jurisdiction.Slug, $"~/jurisdictions/{jurisdiction.Fips ?? jurisdiction.Slug}", cancellationToken);
        return Page();
    }
}
