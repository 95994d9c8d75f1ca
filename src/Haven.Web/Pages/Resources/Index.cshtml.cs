using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Haven.Web.Pages.Resources;

public sealed class IndexModel(LibrarySearch library) : PageModel
{
    public LibraryResult Result { get; private set; } = null!;
    public LibraryView Library { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Result = await library.SearchAsync(LibraryState.FromQuery(Request.Query), null, cancellationToken);
        Library = new LibraryView(Result, Url.Content("~/resources"), new HashSet<Haven.Core.Search.ResourceFacet>());
    }

    /// <summary>This search's words and filters for the Atom feed (which always lists newest first, from the start).</summary>
    public string FeedQuery() => (Result.State with { Sort = Haven.Core.Search.ResourceSort.Relevance, Page = 1 }).ToQueryString();
}
