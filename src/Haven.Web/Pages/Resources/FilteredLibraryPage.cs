using Haven.Core.Search;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Haven.Web.Pages.Resources;

/// <summary>A page about one topic, organization or jurisdiction: its own heading, then the library narrowed to it.</summary>
public abstract class FilteredLibraryPage(LibrarySearch library, ResourceFacet facet) : PageModel
{
    public LibraryView Library { get; private set; } = null!;
    public string Heading { get; protected set; } = "";
    public string Description { get; protected set; } = "";
    public ResourceFacet Facet { get; } = facet;
    public string FacetValue { get; private set; } = "";
    /// <summary>A partial shown between the heading and the resources (the jurisdiction page's policies), given this page.</summary>
    public string? IntroPartial { get; protected set; }

    protected async Task LoadLibraryAsync(string facetValue, string basePath, CancellationToken ct)
    {
        FacetValue = facetValue;
        ViewData[Haven.Web.Discovery.PageAddress.KeepsQuery] = true;
        var state = LibraryState.FromQuery(Request.Query);
        if (!Request.Query.ContainsKey("sort")) state = state with { Sort = ResourceSort.Newest };
        var fixedFilters = new Dictionary<ResourceFacet, IReadOnlyList<string>> { [Facet] = [facetValue] };
        var result = await library.SearchAsync(state, fixedFilters, ct);
        Library = new LibraryView(result, Url.Content(basePath), new HashSet<ResourceFacet> { Facet });
    }
}
