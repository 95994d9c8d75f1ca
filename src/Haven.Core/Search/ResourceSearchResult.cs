namespace Haven.Core.Search;

/// <summary>One page of matches plus, for every facet, how many matches each value has.</summary>
/// <param name="Total">Matches of the whole query, across all pages.</param>
/// <param name="Facets">For each facet, its values with counts. A facet's counts apply every other facet's
/// filters but not its own, so a reader sees what choosing another value of it would give; for unselected
/// facets the counts therefore describe exactly the current matches.</param>
/// <param name="TextWasShortened">The search words were cut to <see cref="ResourceQuery.MaxTextLength"/> characters.</param>
public sealed record ResourceSearchResult(
    int Total,
    IReadOnlyList<ResourceHit> Hits,
    IReadOnlyDictionary<ResourceFacet, IReadOnlyList<FacetCount>> Facets,
    bool TextWasShortened = false);

/// <param name="SnippetHtml">HTML-encoded text around the matched words, matches wrapped in &lt;mark&gt;; null without search words.</param>
/// <param name="Listing">What the index holds for the result list; null if the document was indexed without it.</param>
public sealed record ResourceHit(int ResourceId, float Score, string? SnippetHtml, ResourceListing? Listing = null);

public sealed record FacetCount(string Value, int Count, bool Selected);
