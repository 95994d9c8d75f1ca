using Haven.Core.Resources;
using NodaTime;

namespace Haven.Web.Pages.Resources;

/// <summary>What a list of resources shows of each one.</summary>
public sealed record ResourceSummary(
    int Id,
    string Slug,
    string Title,
    string Summary,
    ResourceType Type,
    string Language,
    LocalDate? PublishedOn,
    IReadOnlyList<string> Authors,
    bool IsSuperseded,
    bool IsPastReviewAge,
    string? SnippetHtml = null);
