using Haven.Core.News;
using Haven.Core.Shared;

namespace Haven.Web.Pages.Admin.News;

/// <summary>The post editor's fields exactly as posted, so the form comes back with everything the editor typed.</summary>
public sealed class PostForm
{
    public int ExpectedRevision { get; set; }
    public PostKind Kind { get; set; } = PostKind.NewsPost;
    public string? Title { get; set; }
    public string? Slug { get; set; }
    public string? Summary { get; set; }
    public string? Body { get; set; }
    public int? OwnerOrganizationId { get; set; }
    public int? AuthorPersonId { get; set; }
    public string? Byline { get; set; }
    public List<int> Topics { get; set; } = [];
    public string Language { get; set; } = Languages.English;
    public string? PublishedOn { get; set; }
    public bool IsDraft { get; set; }
    public string? EmbargoUntil { get; set; }
    public bool CommentsEnabled { get; set; }
    public string? ContactName { get; set; }
    public string? ContactEmail { get; set; }
    public string? ContactPhone { get; set; }
    public string? DatelineCity { get; set; }

    public static PostForm From(Post post, NodaTime.DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(post);
        return new PostForm
        {
            ExpectedRevision = post.Revision,
            Kind = post.Kind,
            Title = post.Title,
            Slug = post.Slug,
            Summary = post.Summary,
            Body = post.BodyMarkdown,
            OwnerOrganizationId = post.OwnerOrganizationId,
            AuthorPersonId = post.AuthorPersonId,
            Byline = post.Byline,
            Topics = post.Topics.Select(t => t.Id).ToList(),
            Language = post.Language,
            PublishedOn = PostFields.DatePattern.Format(post.PublishedOn),
            IsDraft = post.IsDraft,
            EmbargoUntil = post.EmbargoUntil is { } until ? PostFields.LocalPattern.Format(until.InZone(zone).LocalDateTime) : "",
            CommentsEnabled = post.CommentsEnabled,
            ContactName = post.ContactName,
            ContactEmail = post.ContactEmail,
            ContactPhone = post.ContactPhone,
            DatelineCity = post.DatelineCity,
        };
    }

    public PostFields ToFields() => new()
    {
        Kind = Kind,
        Title = Title,
        Slug = Slug,
        Summary = Summary,
        Body = Body,
        OwnerOrganizationId = OwnerOrganizationId,
        AuthorPersonId = AuthorPersonId,
        Byline = Byline,
        TopicIds = Topics,
        Language = Language,
        PublishedOn = PublishedOn,
        IsDraft = IsDraft,
        EmbargoUntil = EmbargoUntil,
        CommentsEnabled = CommentsEnabled,
        ContactName = ContactName,
        ContactEmail = ContactEmail,
        ContactPhone = ContactPhone,
        DatelineCity = DatelineCity,
    };
}
