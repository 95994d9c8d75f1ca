namespace Haven.Core.Search;

/// <summary>A library search: words (plain words must all match; "quoted phrases" and -excluded words are understood;
/// anything else is taken as text, never as syntax), facet filters, order and page.</summary>
public sealed record ResourceQuery
{
    public const int MaxTextLength = 500;
    public const int MaxPageSize = 100;

    public string? Text { get; init; }
    /// <summary>Selected values per facet (slugs, language codes, four-digit years).</summary>
    public IReadOnlyDictionary<ResourceFacet, IReadOnlyList<string>> Filters { get; init; } = new Dictionary<ResourceFacet, IReadOnlyList<string>>();
    /// <summary>Values that restrict every result but whose facets are not counted: a topic page's own topic. (A
    /// filter's facet is counted as if it were not chosen, which for a page's fixed facet is work nobody sees.)</summary>
    public IReadOnlyDictionary<ResourceFacet, IReadOnlyList<string>> Scope { get; init; } = new Dictionary<ResourceFacet, IReadOnlyList<string>>();
    public ResourceSort Sort { get; init; } = ResourceSort.Relevance;
    /// <summary>One-based.</summary>
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 20;
}
