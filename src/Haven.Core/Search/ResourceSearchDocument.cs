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
}
