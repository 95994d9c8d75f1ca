using Haven.Core.Search;

namespace Haven.Web.Pages.Resources;

/// <summary>What the library partial needs: the result, the page's address (links keep the rest of the state),
/// and facets not worth showing there (a topic page does not offer its own topic).</summary>
public sealed record LibraryView(LibraryResult Result, string BasePath, IReadOnlySet<ResourceFacet> HiddenFacets);
