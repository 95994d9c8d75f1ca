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

    // Built once: a library page asks for a parameter name for every facet link it writes.
    private static readonly string[] Parameters = Enum.GetValues<ResourceFacet>().Select(f => f.ToString().ToLowerInvariant()).ToArray();

    /// <summary>The query-string parameter of a facet (?topic=ice-detainers&amp;topic=...).</summary>
    public static string Parameter(this ResourceFacet facet) =>
        (uint)facet < (uint)Parameters.Length ? Parameters[(int)facet] : facet.ToString().ToLowerInvariant();
}

public enum ResourceSort
{
    /// <summary>Best match first; without search words, newest first.</summary>
    Relevance,
    Newest,
    Oldest,
}
