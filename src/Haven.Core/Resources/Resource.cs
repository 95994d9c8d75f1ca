using Haven.Core.Shared;
using Haven.Core.Taxonomy;
using NodaTime;

namespace Haven.Core.Resources;

/// <summary>A publication in the library: an advisory, toolkit, report... with its credits, subjects and files.</summary>
public sealed class Resource
{
    public const int TitleMaxLength = 300;
    public const int SummaryMaxLength = 2000;
    public const int BodyMaxLength = 200_000;

    public int Id { get; set; }
    public required string Slug { get; set; }
    public ResourceType Type { get; set; }
    public required string Title { get; set; }
    public string Summary { get; set; } = "";
    public string BodyMarkdown { get; set; } = "";
    /// <summary>The body rendered from Markdown and sanitized when saved, so pages never render raw input.</summary>
    public string BodyHtml { get; set; } = "";
    public string Language { get; set; } = Languages.English;
    /// <summary>Whether readers may comment (moderated) under it once it is public.</summary>
    public bool CommentsEnabled { get; set; }
    public LocalDate? PublishedOn { get; set; }
    public LocalDate? CurrentAsOf { get; set; }

    public ResourceStatus Status { get; private set; } = ResourceStatus.Draft;
    /// <summary>When a scheduled resource goes public, or when a published one went public.</summary>
    public Instant? PublishAt { get; private set; }

    /// <summary>Translations of the same work share this id.</summary>
    public Guid WorkId { get; set; } = Guid.NewGuid();

    /// <summary>The older resource this one replaces; that one then shows a notice pointing here.</summary>
    public int? SupersedesId { get; set; }
    public Resource? Supersedes { get; set; }
    public Resource? SupersededBy { get; set; }

    /// <summary>The organization whose editors manage it; co-authoring organizations' editors can see its drafts.
    /// Null only for content that predates organizations' editors: administrators manage it.</summary>
    public int? OwnerOrganizationId { get; set; }

    /// <summary>Who asked for publication while the resource waits for review (<see cref="ResourceStatus.InReview"/>),
    /// or proposed the change of a public resource that waits (<see cref="ProposedRevision"/>).</summary>
    public string? ReviewRequestedById { get; private set; }

    /// <summary>The revision holding a change to this public resource that waits for another editor's approval; the
    /// public resource stays as it is meanwhile.</summary>
    public int? ProposedRevision { get; private set; }

    public Instant CreatedAt { get; set; }
    public Instant UpdatedAt { get; set; }
    /// <summary>Increases with every saved change; the editor sends back the one it loaded so a concurrent edit is caught, not overwritten.</summary>
    public int Revision { get; set; }

    public List<ResourceAuthor> Authors { get; set; } = [];
    public List<Topic> Topics { get; set; } = [];
    public List<Audience> Audiences { get; set; } = [];
    public List<Jurisdiction> Jurisdictions { get; set; } = [];
    public List<ResourceAttachment> Attachments { get; set; } = [];
    public List<ResourceLink> Links { get; set; } = [];

    /// <summary>Whether readers can see it at the given instant (a scheduled resource is public once its time has come).</summary>
    public bool IsPublicAt(Instant now) =>
        Status == ResourceStatus.Published || (Status == ResourceStatus.Scheduled && PublishAt <= now);

    public void Publish(Instant now, DateTimeZone zone)
    {
        if (Status != ResourceStatus.Published || PublishAt is null)
            PublishAt = now;
        Status = ResourceStatus.Published;
        ReviewRequestedById = null;
        PublishedOn ??= now.InZone(zone).Date;
    }

    /// <summary>Asks another editor of the owning organization to approve publication. A public resource stays
    /// public meanwhile, as it was (only a new version of it waits).</summary>
    public void RequestReview(string userId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        if (Status is ResourceStatus.Draft)
            Status = ResourceStatus.InReview;
        ReviewRequestedById = userId;
    }

    /// <summary>Records a proposed change (saved as revision <paramref name="revision"/>) for review; a later proposal
    /// replaces an earlier one.</summary>
    public void ProposeChange(int revision, string userId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        ProposedRevision = revision;
        ReviewRequestedById = userId;
    }

    /// <summary>Drops the proposed change: it was applied, or rejected.</summary>
    public void ClearProposal()
    {
        ProposedRevision = null;
        if (Status != ResourceStatus.InReview) ReviewRequestedById = null;
    }

    /// <summary>Whether <paramref name="userId"/> may approve the pending review: anyone but the one who asked.</summary>
    public bool CanBeApprovedBy(string userId) =>
        ReviewRequestedById is not null && !string.Equals(ReviewRequestedById, userId, StringComparison.Ordinal);

    /// <summary>Schedules publication; the time must be in the future.</summary>
    public Problem? Schedule(Instant at, Instant now, DateTimeZone zone)
    {
        if (at <= now)
            return new Problem("schedule_in_past", "The publication time must be in the future.", "PublishAt");
        Status = ResourceStatus.Scheduled;
        PublishAt = at;
        ReviewRequestedById = null;
        PublishedOn ??= at.InZone(zone).Date;
        return null;
    }

    /// <summary>Moves a scheduled resource whose time has come to published; returns whether it changed.</summary>
    public bool PublishIfDue(Instant now)
    {
        if (Status != ResourceStatus.Scheduled || PublishAt > now) return false;
        Status = ResourceStatus.Published;
        return true;
    }

    /// <summary>Takes the resource off the public site; it keeps its content and history as a draft.</summary>
    public void Unpublish()
    {
        Status = ResourceStatus.Draft;
        PublishAt = null;
        ReviewRequestedById = null;
    }

    /// <summary>Whether readers should be warned that it may be out of date: its "current as of" date
    /// (or publication date) is older than its type's review age.</summary>
    public bool IsPastReviewAge(LocalDate today)
    {
        var reference = CurrentAsOf ?? PublishedOn;
        return reference is { } date && date.Plus(Type.ReviewAge()) < today;
    }
}
