using Haven.Core.Resources;
using NodaTime;

namespace Haven.Core.Search;

/// <summary>What the search index holds of one public resource.</summary>
public sealed record ResourceSearchDocument
{
    public required int ResourceId { get; init; }
    /// <summary>Language code of the content ("en", "es", ...): chooses the stemmer.</summary>
    public required string Language { get; init; }
    public required string Title { get; init; }
    public string Summary { get; init; } = "";
    /// <summary>The body as plain text (no Markdown or HTML).</summary>
    public string Body { get; init; } = "";
    /// <summary>Text extracted from attachments, joined.</summary>
    public string AttachmentText { get; init; } = "";
    /// <summary>Publication date, for sorting by date.</summary>
    public LocalDate? Date { get; init; }
    public required IReadOnlyDictionary<ResourceFacet, IReadOnlyList<string>> FacetValues { get; init; }
    /// <summary>What a result list shows of the resource, kept in the index so a page of hits reads no table; null
    /// when the caller has none (the hit then carries none, and the page reads the database).</summary>
    public ResourceListing? Listing { get; init; }
}

/// <summary>What a list of resources shows of one, as of its last indexing. Everything here is indexed again when it
/// changes: the resource's own fields by its save, <see cref="Authors"/> by an organization's rename, and
/// <see cref="IsSuperseded"/> by the save of the resource that names it as superseded.</summary>
/// <param name="Authors">The authoring organizations' names, in the resource's order.</param>
/// <param name="IsSuperseded">Another resource (whatever its status) says it supersedes this one.</param>
public sealed record ResourceListing(
    string Slug,
    string Title,
    string Summary,
    string Language,
    ResourceType Type,
    LocalDate? PublishedOn,
    LocalDate? CurrentAsOf,
    IReadOnlyList<string> Authors,
    bool IsSuperseded);
