using System.ComponentModel;

namespace Haven.Web.Api;

// What the JSON API returns. Names are camelCase on the wire; instants are ISO 8601 in UTC, dates "yyyy-MM-dd".
// Every address is absolute. Fields are added over time within v1, never renamed or removed.

/// <summary>One page of a list, and the cursor for the next one (null on the last page).</summary>
public sealed record ApiPage<T>(
    IReadOnlyList<T> Items,
    [property: Description("Pass as ?cursor= with the same filters for the next page; null on the last page.")] string? NextCursor);

/// <summary>One page of library results, with facet counts as the library page shows them.</summary>
public sealed record ResourcePage(
    IReadOnlyList<ResourceListItem> Items,
    [property: Description("Pass as ?cursor= with the same filters for the next page; null on the last page.")] string? NextCursor,
    [property: Description("How many resources match, over all pages.")] int Total,
    [property: Description("Per facet (topic, audience, jurisdiction, organization, type, language, year): each value with the number of results choosing it would give.")]
    IReadOnlyDictionary<string, IReadOnlyList<ApiFacetValue>> Facets);

public sealed record ApiFacetValue(string Value, string Label, int Count, bool Selected);

public sealed record ApiReference(string Slug, string Name, string Url);

public sealed record ApiTerm(string Slug, string Name);

public sealed record ApiPlace(string Slug, string Name, string Kind, string? Fips);

public sealed record ResourceListItem(
    int Id, string Slug, string Url, string Title, string Summary,
    [property: Description("practice-advisory, toolkit, explainer, fact-sheet, faq, report, one-pager, digest, annotated-sample-document, video, community-alert, vote-recommendation, policy-memo, platform")] string Type,
    string Language, string? PublishedOn, IReadOnlyList<string> Authors, bool IsSuperseded,
    [property: Description("For a text search: the matching passage, HTML with the matched words in <mark>.")] string? SnippetHtml);

public sealed record ResourceDetail(
    int Id, string Slug, string Url, string Title, string Summary, string Type, string Language,
    string? PublishedOn, string? CurrentAsOf, string UpdatedAt,
    IReadOnlyList<ApiReference> Authors, IReadOnlyList<ApiTerm> Topics, IReadOnlyList<ApiTerm> Audiences,
    IReadOnlyList<ApiPlace> Jurisdictions,
    [property: Description("The body, sanitized HTML.")] string BodyHtml,
    IReadOnlyList<ApiAttachment> Attachments, IReadOnlyList<ApiLink> Links,
    [property: Description("The address of the resource that replaces this one, if any.")] string? SupersededBy);

public sealed record ApiAttachment(string FileName, string Url, string ContentType, long Length);

public sealed record ApiLink(string Title, string Url);

public sealed record EventItem(
    int Id, string Slug, string Url,
    [property: Description("The event's iCalendar file.")] string CalendarUrl,
    string Title,
    [property: Description("webinar, teleconference, press-call, training, convening")] string Kind,
    [property: Description("scheduled, postponed, cancelled, completed")] string Status,
    string StartsAt, string EndsAt,
    [property: Description("The IANA time zone the event is set in.")] string TimeZone,
    string Language, IReadOnlyList<ApiReference> Hosts, IReadOnlyList<ApiSpeaker> Speakers, IReadOnlyList<ApiTerm> Topics,
    ApiRegistration Registration,
    [property: Description("Only in a single event's answer: the description, sanitized HTML.")] string? DescriptionHtml,
    [property: Description("Once the event has taken place, its recording if there is one.")] string? RecordingUrl);

public sealed record ApiSpeaker(string Name, string Role, string Title, string Affiliation);

public sealed record ApiRegistration(
    [property: Description("none, open, approval, invitation-code")] string Mode,
    bool Open,
    [property: Description("Seats left when the event has a capacity; null otherwise.")] int? SeatsLeft,
    string? Deadline);

public sealed record OrganizationItem(int Id, string Slug, string Url, string Name, string ShortName, string Website, string Description, string? LogoUrl);

public sealed record PolicyAreaItem(int Id, string Slug, string Name, string Description, IReadOnlyList<ApiPolicyPosition> Positions);

public sealed record ApiPolicyPosition(string Slug, string Label,
    [property: Description("Legend order, from most to least protective.")] int Order);

public sealed record PolicyPositionItem(
    [property: Description("The state (2 digits) or county (5 digits) FIPS code.")] string Fips,
    string Name, string Kind, string? State, string Url, string Position, string PositionLabel,
    [property: Description("The day the position took effect.")] string Since,
    [property: Description("Invented demo data, not a real place's policy.")] bool IsDemo);

public sealed record PolicyHistory(ApiPlace Jurisdiction, string Url, IReadOnlyList<PolicyRecordItem> Records);

public sealed record PolicyRecordItem(int Id, string Area, string AreaName, string Position, string PositionLabel,
    string EffectiveOn, string? EndsOn,
    [property: Description("written-policy or observed-practice")] string Basis,
    string Excerpt, string Notes, string? VerifiedOn, IReadOnlyList<ApiLink> Sources, bool IsDemo);

public sealed record CampaignItem(
    int Id, string Slug, string Url, string Title, string Summary, string Language,
    [property: Description("The lead organizations, in credit order.")] IReadOnlyList<ApiReference> Leads,
    string OpensAt, string ClosesAt,
    [property: Description("Whether it takes signatures now.")] bool IsOpen,
    [property: Description("organizations, individuals or both")] string WhoMaySign,
    [property: Description("Approved signatures: the public count.")] int SignatureCount,
    [property: Description("The published resource the campaign presents, if any.")] string? ResourceUrl,
    IReadOnlyList<ApiBill> Bills,
    [property: Description("Only in a single campaign's answer: its own text, sanitized HTML.")] string? BodyHtml,
    [property: Description("Only in a single campaign's answer: the approved signatures, in the order they were approved.")] IReadOnlyList<ApiSignature>? Signatures);

public sealed record ApiBill(string Slug, string Number, string Title, string Session, string Url);

public sealed record ApiSignature(
    [property: Description("The organization, or the individual's name.")] string Name, string City, string State);
