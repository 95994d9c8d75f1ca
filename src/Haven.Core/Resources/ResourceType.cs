namespace Haven.Core.Resources;

/// <summary>The kinds of publication in the library. Values are stored; never renumber them.</summary>
public enum ResourceType
{
    PracticeAdvisory = 1,
    Toolkit = 2,
    Explainer = 3,
    FactSheet = 4,
    Faq = 5,
    Report = 6,
    OnePager = 7,
    Digest = 8,
    AnnotatedSample = 9,
    Video = 10,
    CommunityAlert = 11,
    VoteRecommendation = 12,
    PolicyMemo = 13,
    Platform = 14,
}

public static class ResourceTypes
{
    /// <summary>English display names; they are also the localization keys.</summary>
    public static string DisplayName(this ResourceType type) => type switch
    {
        ResourceType.PracticeAdvisory => "Practice advisory",
        ResourceType.Toolkit => "Toolkit",
        ResourceType.Explainer => "Explainer",
        ResourceType.FactSheet => "Fact sheet",
        ResourceType.Faq => "FAQ",
        ResourceType.Report => "Report",
        ResourceType.OnePager => "One-pager",
        ResourceType.Digest => "Digest",
        ResourceType.AnnotatedSample => "Annotated sample document",
        ResourceType.Video => "Video",
        ResourceType.CommunityAlert => "Community alert",
        ResourceType.VoteRecommendation => "Vote recommendation",
        ResourceType.PolicyMemo => "Policy memo",
        ResourceType.Platform => "Platform",
        _ => type.ToString(),
    };

    /// <summary>The slug used in URLs and facet parameters (?type=practice-advisory).</summary>
    public static string Slug(this ResourceType type) => Shared.Slug.From(type.DisplayName());

    public static bool TryParseSlug(string? slug, out ResourceType type)
    {
        foreach (var candidate in Enum.GetValues<ResourceType>())
        {
            if (candidate.Slug() == slug)
            {
                type = candidate;
                return true;
            }
        }
        type = default;
        return false;
    }

    /// <summary>How long a resource of this type stays reliable before readers are warned it may be out of date.
    /// Legal advice ages fast; reports and platforms are statements of their time.</summary>
    public static NodaTime.Period ReviewAge(this ResourceType type) => type switch
    {
        ResourceType.PracticeAdvisory or ResourceType.CommunityAlert or ResourceType.Faq
            or ResourceType.FactSheet or ResourceType.Explainer or ResourceType.OnePager => NodaTime.Period.FromYears(2),
        ResourceType.Toolkit or ResourceType.AnnotatedSample or ResourceType.PolicyMemo => NodaTime.Period.FromYears(3),
        _ => NodaTime.Period.FromYears(5),
    };
}
