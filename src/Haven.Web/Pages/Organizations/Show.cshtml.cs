using Haven.Core.Organizations;
using Haven.Core.Data;
using Haven.Core.Search;
using Haven.Core.Shared;
using Haven.Web.Files;
using Haven.Web.Pages.Resources;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Haven.Web.Pages.Organizations;

/// <summary>An organization's public page: logo, description and contacts, then the resources it authored.</summary>
public sealed class ShowModel(HavenDbContext db, LibrarySearch library) : FilteredLibraryPage(library, ResourceFacet.Organization)
{
    public string Website { get; private set; } = "";
    public string ContactEmail { get; private set; } = "";
    public string? LogoUrl { get; private set; }
    public Organization Organization { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        var organization = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Slug == slug, cancellationToken);
        if (organization is null) return NotFound();
        Organization = organization;
        Heading = organization.Name;
        Description = organization.Description;
        // Rows written before the editor checked these (demo content, older data) are shown only when they pass.
        Website = WebAddress.IsValid(organization.Website) ? organization.Website : "";
        ContactEmail = ContactAddress.IsValid(organization.ContactEmail) ? organization.ContactEmail : "";
        LogoUrl = organization.LogoKey is { } key ? ImageDownloads.LogoUrl(organization.Id, key) : null;
        await LoadLibraryAsync(organization.Slug, $"~/organizations/{organization.Slug}", cancellationToken);
        return Page();
    }
}
