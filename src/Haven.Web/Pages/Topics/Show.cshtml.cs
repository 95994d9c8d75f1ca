using Haven.Core.Data;
using Haven.Core.Search;
using Haven.Core.Shared;
using Haven.Web.Localization;
using Haven.Web.Pages.Resources;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Haven.Web.Pages.Topics;

public sealed class ShowModel(HavenDbContext db, LibrarySearch library) : FilteredLibraryPage(library, ResourceFacet.Topic)
{
    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        var topic = await db.Topics.AsNoTracking().FirstOrDefaultAsync(t => t.Slug == slug, cancellationToken);
        if (topic is null) return NotFound();
        Heading = topic.NameIn(InterfaceLanguage.Current);
        Description = topic.Description;
        await LoadLibraryAsync(topic.Slug, $"~/topics/{topic.Slug}", cancellationToken);
        return Page();
    }
}
