namespace Haven.Core.Search;

/// <summary>The dimensions the library can be narrowed by. Values within one facet combine with OR, facets with AND.</summary>
public enum ResourceFacet
{
    Type,
    Topic,
    Audience,
    Jurisdiction,
    Organization,
    Language,
    Year,
}

public static class ResourceFacets
{
    public static readonly IReadOnlyList<ResourceFacet> All = Enum.GetValues<ResourceFacet>();

    /// <summary>The query-string parameter of a facet (?topic=ice-detainers&amp;topic=...).</summary>
    public static string Parameter(this ResourceFacet facet) => facet.ToString().ToLowerInvariant();
}

public enum ResourceSort
{
    /// <summary>Best match first; without search words, newest first.</summary>
    Relevance,
    Newest,
    Oldest,
}
