using Haven.Core.Data;
using Haven.Core.Search;
using Haven.Web.Pages.Resources;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Haven.Web.Pages.Organizations;

public sealed class ShowModel(HavenDbContext db, LibrarySearch library) : FilteredLibraryPage(library, ResourceFacet.Organization)
{
    public string Website { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        var organization = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Slug == slug, cancellationToken);
        if (organization is null) return NotFound();
        Heading = organization.Name;
        Description = organization.Description;
        Website = Uri.TryCreate(organization.Website, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" ? uri.AbsoluteUri : "";
        await LoadLibraryAsync(organization.Slug, $"~/organizations/{organization.Slug}", cancellationToken);
        return Page();
    }
}
