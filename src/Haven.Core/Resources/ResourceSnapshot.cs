using System.Text.Json;

namespace Haven.Core.Resources;

/// <summary>The editable state of a resource, as a revision stores it and as the editor form carries it.</summary>
public sealed record ResourceSnapshot
{
    public ResourceType Type { get; init; } = ResourceType.PracticeAdvisory;
    public string Title { get; init; } = "";
    public string Slug { get; init; } = "";
    public string Summary { get; init; } = "";
    public string Body { get; init; } = "";
    public string Language { get; init; } = "en";
    public string? PublishedOn { get; init; }
    public string? CurrentAsOf { get; init; }
    public IReadOnlyList<int> AuthorIds { get; init; } = [];
    public IReadOnlyList<int> TopicIds { get; init; } = [];
    public IReadOnlyList<int> AudienceIds { get; init; } = [];
    public IReadOnlyList<int> JurisdictionIds { get; init; } = [];
    public int? SupersedesId { get; init; }
    public int? TranslationOfId { get; init; }
    /// <summary>One link a line: "https://url Title of the link".</summary>
    public string Links { get; init; } = "";
    public bool CommentsEnabled { get; init; }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static ResourceSnapshot FromJson(string json) =>
        JsonSerializer.Deserialize<ResourceSnapshot>(json, Json) ?? new ResourceSnapshot();

    public static ResourceSnapshot Of(Resource resource, int? translationOfId = null) => new()
    {
        Type = resource.Type,
        Title = resource.Title,
        Slug = resource.Slug,
        Summary = resource.Summary,
        Body = resource.BodyMarkdown,
        Language = resource.Language,
        PublishedOn = resource.PublishedOn?.ToString("yyyy-MM-dd", null),
        CurrentAsOf = resource.CurrentAsOf?.ToString("yyyy-MM-dd", null),
        AuthorIds = resource.Authors.OrderBy(a => a.Position).Select(a => a.OrganizationId).ToList(),
        TopicIds = resource.Topics.Select(t => t.Id).Order().ToList(),
        AudienceIds = resource.Audiences.Select(a => a.Id).Order().ToList(),
        JurisdictionIds = resource.Jurisdictions.Select(j => j.Id).Order().ToList(),
        SupersedesId = resource.SupersedesId,
        TranslationOfId = translationOfId,
        Links = string.Join('\n', resource.Links.OrderBy(l => l.Position).Select(l => $"{l.Url} {l.Title}")),
        CommentsEnabled = resource.CommentsEnabled,
    };
}
