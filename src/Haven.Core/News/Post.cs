using Haven.Core.Shared;
using NodaTime;

namespace Haven.Core.News;

/// <summary>A news post or a press release of a member organization: Markdown body, author (a person and/or a byline),
/// topics, the date it carries, and an optional embargo before which nobody but the owner's editors sees it. The
/// embargo needs no background job: every public query asks <see cref="IsPublicAt"/>'s question (see
/// <see cref="PostQueries.PublicAt"/>), so a post becomes public the moment it passes.</summary>
public sealed class Post
{
    public const int TitleMaxLength = 300;
    public const int SummaryMaxLength = 1000;
    public const int BodyMaxLength = 50_000;
    public const int BylineMaxLength = 200;
    public const int ContactNameMaxLength = 200;
    public const int ContactEmailMaxLength = 320;
    public const int ContactPhoneMaxLength = 50;
    public const int DatelineMaxLength = 100;

    public int Id { get; set; }
    public PostKind Kind { get; set; }
    public required string Slug { get; set; }
    public required string Title { get; set; }
    public string Summary { get; set; } = "";
    public string BodyMarkdown { get; set; } = "";
    /// <summary>Sanitized HTML rendered from <see cref="BodyMarkdown"/> when saved.</summary>
    public string BodyHtml { get; set; } = "";
    public int? AuthorPersonId { get; set; }
    public People.Person? Author { get; set; }
    /// <summary>The byline as written ("By the policy team"); shown with or instead of the author.</summary>
    public string Byline { get; set; } = "";
    public int OwnerOrganizationId { get; set; }
    public Organizations.Organization OwnerOrganization { get; set; } = null!;
    public List<Taxonomy.Topic> Topics { get; set; } = [];
    public string Language { get; set; } = Languages.English;
    /// <summary>The date the post carries (a press release's release date).</summary>
    public LocalDate PublishedOn { get; set; }
    /// <summary>A draft is seen only by the owner's editors.</summary>
    public bool IsDraft { get; set; } = true;
    /// <summary>When the post first stopped being a draft (null for rows older than this column: their creation stands
    /// for it). Later edits leave it alone; an embargo may still hold it back past this instant.</summary>
    public Instant? PublishedAt { get; set; }
    /// <summary>Not public before this instant; null for no embargo.</summary>
    public Instant? EmbargoUntil { get; set; }
    /// <summary>Whether readers may comment (the comment section is wired by the comments feature).</summary>
    public bool CommentsEnabled { get; set; } = true;

    /// <summary>Press release: the media contact and the dateline city ("WASHINGTON").</summary>
    public string ContactName { get; set; } = "";
    public string ContactEmail { get; set; } = "";
    public string ContactPhone { get; set; } = "";
    public string DatelineCity { get; set; } = "";

    public Instant CreatedAt { get; set; }
    public Instant UpdatedAt { get; set; }
    public int Revision { get; set; }

    /// <summary>Public at <paramref name="now"/>: published (not a draft) and past any embargo.</summary>
    public bool IsPublicAt(Instant now) => !IsDraft && !IsEmbargoedAt(now);

    /// <summary>An embargo is set and has not passed yet.</summary>
    public bool IsEmbargoedAt(Instant now) => EmbargoUntil is { } until && now < until;

    /// <summary>When the post became (or becomes) visible to readers in its current form: its last save, or the embargo's
    /// end if later. Feeds and the sitemap use it as the entry's update time.</summary>
    public Instant VisibleSince => EmbargoUntil is { } until && until > UpdatedAt ? until : UpdatedAt;

    public bool HasContact => ContactName.Length > 0 && (ContactEmail.Length > 0 || ContactPhone.Length > 0);

    /// <summary>The problem with an embargo an editor sets: a new or changed embargo must lie in the future (one already
    /// stored and unchanged may have passed: the post is simply public now). Null when it is fine.</summary>
    public static Problem? CheckEmbargo(Instant? requested, Instant? stored, Instant now) =>
        requested is { } until && until != stored && until <= now
            ? new Problem("embargo_past", "An embargo must end in the future; leave it empty to publish at once.", "EmbargoUntil")
            : null;

    /// <summary>The problems with a press release's contact: a press release names a media contact, with an email
    /// address or a phone number to reach them. Nothing for a news post.</summary>
    public static IEnumerable<Problem> CheckContact(PostKind kind, string contactName, string contactEmail, string contactPhone)
    {
        if (kind != PostKind.PressRelease) yield break;
        if (string.IsNullOrWhiteSpace(contactName))
            yield return new Problem("contact_required", "A press release needs a media contact: enter their name.", "ContactName");
        if (string.IsNullOrWhiteSpace(contactEmail) && string.IsNullOrWhiteSpace(contactPhone))
            yield return new Problem("contact_required", "Enter the media contact's email address or phone number.", "ContactEmail");
    }
}

/// <summary>Stored values; never renumber.</summary>
public enum PostKind
{
    NewsPost = 0,
    PressRelease = 1,
}

/// <summary>The public selection of posts as a query, so the database filters it (lists, feeds, sitemap alike).</summary>
public static class PostQueries
{
    /// <summary>Posts public at <paramref name="now"/>: the query form of <see cref="Post.IsPublicAt"/>.</summary>
    public static IQueryable<Post> PublicAt(this IQueryable<Post> posts, Instant now) =>
        posts.Where(p => !p.IsDraft && (p.EmbargoUntil == null || p.EmbargoUntil <= now));

    /// <summary>Newest first: the date they carry, then the newest id.</summary>
    public static IQueryable<Post> NewestFirst(this IQueryable<Post> posts) =>
        posts.OrderByDescending(p => p.PublishedOn).ThenByDescending(p => p.Id);
}
