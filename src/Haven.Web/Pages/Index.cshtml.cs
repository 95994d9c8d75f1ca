using Haven.Core.Taxonomy;
using Haven.Web.Pages.Resources;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Haven.Web.Pages;

public sealed class IndexModel(LibrarySearch library) : PageModel
{
    public IReadOnlyList<Topic> Topics { get; private set; } = [];
    public IReadOnlyList<ResourceSummary> Recent { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Topics = await library.TopicsAsync(cancellationToken);
        Recent = await library.RecentAsync(6, cancellationToken);
    }
}
