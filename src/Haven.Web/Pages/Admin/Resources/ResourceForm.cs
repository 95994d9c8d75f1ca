using Haven.Core.Resources;

namespace Haven.Web.Pages.Admin.Resources;

/// <summary>The editor's fields exactly as posted, so that whatever happens (a problem, a conflict, a preview)
/// the form comes back with everything the editor typed.</summary>
public sealed class ResourceForm
{
    public const int AuthorSlots = 5;

    public int ExpectedRevision { get; set; }
    public ResourceType Type { get; set; } = ResourceType.PracticeAdvisory;
    public string? Title { get; set; }
    public string? Slug { get; set; }
    public string? Summary { get; set; }
    public string? Body { get; set; }
    public string Language { get; set; } = "en";
    public string? PublishedOn { get; set; }
    public string? CurrentAsOf { get; set; }
    /// <summary>Organization ids in credit order; empty slots are ignored.</summary>
    public List<int?> Authors { get; set; } = [];
    public List<int> Topics { get; set; } = [];
    public List<int> Audiences { get; set; } = [];
    public List<int> Jurisdictions { get; set; } = [];
    public string? SupersedesSlug { get; set; }
    public string? TranslationOfSlug { get; set; }
    public string? Links { get; set; }
    public string? PublishAt { get; set; }
    public bool CommentsEnabled { get; set; }

    public static ResourceForm From(ResourceSnapshot s, int expectedRevision, string? supersedesSlug, string? translationOfSlug) => new()
    {
        ExpectedRevision = expectedRevision,
        Type = s.Type,
        Title = s.Title,
        Slug = s.Slug,
        Summary = s.Summary,
        Body = s.Body,
        Language = s.Language,
        PublishedOn = s.PublishedOn,
        CurrentAsOf = s.CurrentAsOf,
        Authors = s.AuthorIds.Select(id => (int?)id).ToList(),
        Topics = s.TopicIds.ToList(),
        Audiences = s.AudienceIds.ToList(),
        Jurisdictions = s.JurisdictionIds.ToList(),
        SupersedesSlug = supersedesSlug,
        TranslationOfSlug = translationOfSlug,
        Links = s.Links,
        CommentsEnabled = s.CommentsEnabled,
    };

    public ResourceSnapshot ToSnapshot(int? supersedesId, int? translationOfId) => new()
    {
        Type = Type,
        Title = Title ?? "",
        Slug = Slug ?? "",
        Summary = Summary ?? "",
        Body = Body ?? "",
        Language = Language,
        PublishedOn = PublishedOn,
        CurrentAsOf = CurrentAsOf,
        AuthorIds = Authors.OfType<int>().Distinct().ToList(),
        TopicIds = Topics.Distinct().ToList(),
        AudienceIds = Audiences.Distinct().ToList(),
        JurisdictionIds = Jurisdictions.Distinct().ToList(),
        SupersedesId = supersedesId,
        TranslationOfId = translationOfId,
        Links = Links ?? "",
        CommentsEnabled = CommentsEnabled,
    };
}
