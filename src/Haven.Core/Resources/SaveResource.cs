using System.Globalization;
using Haven.Core.Accounts;
using Haven.Core.Audit;
using Haven.Core.Data;
using Haven.Core.Search;
using Haven.Core.Shared;
using Haven.Core.Text;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;

namespace Haven.Core.Resources;

/// <summary>Creates or updates a resource from the editor: validates every field, applies the requested status
/// change, and writes the resource, a revision and a search-index change in one transaction. On any problem
/// nothing is written and every problem is reported at once, so the editor can show them all beside the input.</summary>
public sealed class SaveResource(HavenDbContext db, MarkdownRenderer markdown, IClock clock, SiteSettings site, AuditLog audit)
{
    private static readonly LocalDatePattern DatePattern = LocalDatePattern.Iso;
    private static readonly LocalDateTimePattern DateTimePattern = LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mm");

    public async Task<Outcome<Resource>> RunAsync(ResourceEdit edit, CancellationToken cancellationToken = default)
    {
        var problems = new List<Problem>();
        var f = edit.Fields;
        var now = clock.GetCurrentInstant();

        Resource? resource = null;
        ResourceSnapshot? before = null;
        if (edit.ResourceId is { } id)
        {
            resource = await db.Resources
                .Include(r => r.Authors).Include(r => r.Topics).Include(r => r.Audiences)
                .Include(r => r.Jurisdictions).Include(r => r.Links)
                .AsSplitQuery()
                .FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
            if (resource is null)
                return Outcome<Resource>.Failure(new Problem("not_found", "This resource no longer exists."));
            if (!edit.Actor.CanEdit(resource))
            {
                // A crafted form, or a role taken away meanwhile: refuse, change nothing, and leave a trace.
                await audit.WriteNowAsync(edit.Actor, AuditActions.ResourceEditRefused, "resource", resource.Id.ToString(CultureInfo.InvariantCulture),
                    resource.OwnerOrganizationId, $"Refused an edit of \u201c{resource.Title}\u201d", cancellationToken: cancellationToken);
                return Outcome<Resource>.Failure(new Problem("forbidden", "Only editors of the organization this resource belongs to can change it."));
            }
            before = ResourceSnapshot.Of(resource);
            if (resource.Revision != edit.ExpectedRevision)
                problems.Add(new Problem("edited_meanwhile",
                    "Someone else saved this resource while you were editing. Your changes are still in the form: compare them with the current version before saving again."));
        }

        var title = (f.Title ?? "").Trim();
        if (title.Length == 0) problems.Add(new Problem("required", "Enter a title.", nameof(f.Title)));
        else if (title.Length > Resource.TitleMaxLength) problems.Add(new Problem("too_long", "Keep this under {0} characters.", nameof(f.Title), Resource.TitleMaxLength));
        var summary = (f.Summary ?? "").Trim();
        if (summary.Length > Resource.SummaryMaxLength) problems.Add(new Problem("too_long", "Keep this under {0} characters.", nameof(f.Summary), Resource.SummaryMaxLength));
        var body = (f.Body ?? "").Replace("\r\n", "\n", StringComparison.Ordinal);
        if (body.Length > Resource.BodyMaxLength) problems.Add(new Problem("too_long", "Keep this under {0} characters.", nameof(f.Body), Resource.BodyMaxLength));
        if (!Enum.IsDefined(f.Type)) problems.Add(new Problem("invalid", "Choose a type.", nameof(f.Type)));
        if (!Languages.IsContentLanguage(f.Language)) problems.Add(new Problem("invalid", "Choose a language.", nameof(f.Language)));

        var publishedOn = ParseDate(f.PublishedOn, nameof(f.PublishedOn), problems);
        var currentAsOf = ParseDate(f.CurrentAsOf, nameof(f.CurrentAsOf), problems);

        var slug = await ChooseSlugAsync(f.Slug, title, resource?.Id, problems, cancellationToken);

        var authorIds = f.AuthorIds.Distinct().ToList();
        if (authorIds.Count == 0) problems.Add(new Problem("required", "Credit at least one organization.", nameof(f.AuthorIds)));
        var organizations = await db.Organizations.Where(o => authorIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, cancellationToken);
        if (organizations.Count != authorIds.Count) problems.Add(new Problem("unknown", "One of the chosen organizations does not exist.", nameof(f.AuthorIds)));
        // A new resource belongs to the organization credited first, which must be one the actor edits for.
        var ownerId = resource is null ? authorIds.FirstOrDefault() : resource.OwnerOrganizationId;
        if (resource is null && authorIds.Count > 0 && !edit.Actor.EditsFor(ownerId ?? 0))
            problems.Add(new Problem("not_your_organization", "Credit your own organization first: a resource belongs to the organization credited first.", nameof(f.AuthorIds)));
        var owner = ownerId is { } oid and > 0 ? await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == oid, cancellationToken) : null;
        // Another editor approving a draft in review publishes it, or applies a change proposed to a public resource;
        // the one who asked cannot.
        var approvingProposal = edit.Action == SaveAction.ApproveProposal;
        if (approvingProposal && (resource?.ProposedRevision is null || !edit.Actor.CanApprove(resource)))
            return Outcome<Resource>.Failure(new Problem("cannot_approve", "Another editor of the organization must approve this change."));
        var approving = approvingProposal || (resource is { Status: ResourceStatus.InReview } && edit.Actor.CanApprove(resource));
        var needsReview = owner is not null && edit.Actor.NeedsReviewToPublish(owner) && !approving;
        // A change to what readers see waits as a proposal; the public resource stays as it is.
        // (Taking it off the site, or back to a draft, needs no review.)
        var proposing = needsReview && resource is { Status: ResourceStatus.Published or ResourceStatus.Scheduled }
            && edit.Action is SaveAction.Save or SaveAction.Publish or SaveAction.Schedule;
        var topics = await db.Topics.Where(t => f.TopicIds.Contains(t.Id)).ToListAsync(cancellationToken);
        if (topics.Count != f.TopicIds.Distinct().Count()) problems.Add(new Problem("unknown", "One of the chosen topics does not exist.", nameof(f.TopicIds)));
        var audiences = await db.Audiences.Where(a => f.AudienceIds.Contains(a.Id)).ToListAsync(cancellationToken);
        if (audiences.Count != f.AudienceIds.Distinct().Count()) problems.Add(new Problem("unknown", "One of the chosen audiences does not exist.", nameof(f.AudienceIds)));
        var jurisdictions = await db.Jurisdictions.Where(j => f.JurisdictionIds.Contains(j.Id)).ToListAsync(cancellationToken);
        if (jurisdictions.Count != f.JurisdictionIds.Distinct().Count()) problems.Add(new Problem("unknown", "One of the chosen jurisdictions does not exist.", nameof(f.JurisdictionIds)));

        var links = ParseLinks(f.Links, problems);
        await CheckSupersedesAsync(f.SupersedesId, resource?.Id, problems, cancellationToken);
        var workId = await ChooseWorkAsync(f.TranslationOfId, resource, f.Language, problems, cancellationToken);

        Instant? scheduleAt = null;
        if (edit.Action == SaveAction.Schedule)
        {
            var parsed = DateTimePattern.Parse(edit.PublishAt ?? "");
            if (!parsed.Success)
                problems.Add(new Problem("invalid_datetime", "Enter the publication date and time.", nameof(edit.PublishAt)));
            else
                scheduleAt = parsed.Value.InZoneLeniently(site.Zone).ToInstant();
        }

        if (problems.Count > 0) return Outcome<Resource>.Failure(problems);
        if (proposing) return await ProposeAsync(edit, resource!, before!, f with { Title = title, Slug = slug!, Summary = summary, Body = body, AuthorIds = authorIds }, now, cancellationToken);

        var isNew = resource is null;
        var previouslySuperseded = resource?.SupersedesId;
        resource ??= new Resource { Slug = slug!, Title = title, CreatedAt = now, OwnerOrganizationId = ownerId };
        resource.Slug = slug!;
        resource.Type = f.Type;
        resource.Title = title;
        resource.Summary = summary;
        resource.BodyMarkdown = body;
        resource.BodyHtml = markdown.ToHtml(body);
        resource.Language = f.Language;
        resource.PublishedOn = publishedOn;
        resource.CurrentAsOf = currentAsOf;
        resource.CommentsEnabled = f.CommentsEnabled;
        resource.SupersedesId = f.SupersedesId;
        resource.WorkId = workId ?? resource.WorkId;
        resource.UpdatedAt = now;

        resource.Authors.Clear();
        for (var i = 0; i < authorIds.Count; i++)
            resource.Authors.Add(new ResourceAuthor { OrganizationId = authorIds[i], Organization = organizations[authorIds[i]], Position = i });
        resource.Topics.Clear();
        resource.Topics.AddRange(topics);
        resource.Audiences.Clear();
        resource.Audiences.AddRange(audiences);
        resource.Jurisdictions.Clear();
        resource.Jurisdictions.AddRange(jurisdictions);
        resource.Links.Clear();
        resource.Links.AddRange(links);

        if (approvingProposal) resource.ClearProposal();
        string action;
        switch (edit.Action)
        {
            case SaveAction.ApproveProposal:
                action = "Approved change";
                break;
            case SaveAction.Publish or SaveAction.Schedule when needsReview:
                resource.RequestReview(edit.Actor.UserId ?? edit.Actor.Name);
                action = "Submitted for review";
                break;
            case SaveAction.Publish:
                resource.Publish(now, site.Zone);
                action = approving ? "Approved and published" : "Published";
                break;
            case SaveAction.Schedule:
                if (resource.Schedule(scheduleAt!.Value, now, site.Zone) is { } problem)
                    return Outcome<Resource>.Failure(problem);
                action = "Scheduled";
                break;
            case SaveAction.Unpublish:
                resource.Unpublish();
                action = "Unpublished";
                break;
            case SaveAction.SaveDraft when resource.Status != ResourceStatus.Draft:
                resource.Unpublish();
                action = "Saved as draft";
                break;
            case SaveAction.SaveDraft:
                action = "Saved draft";
                break;
            default:
                action = "Saved";
                break;
        }

        resource.Revision++;
        if (isNew) db.Resources.Add(resource);

        // Inside a caller's transaction (an import saving many resources at once) the caller commits or rolls back.
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            db.ResourceRevisions.Add(new ResourceRevision
            {
                ResourceId = resource.Id,
                Number = resource.Revision,
                At = now,
                By = edit.Actor.Name,
                Action = action,
                Snapshot = ResourceSnapshot.Of(resource, f.TranslationOfId).ToJson(),
            });
            audit.Add(edit.Actor, AuditActionOf(action, isNew), "resource", resource.Id.ToString(CultureInfo.InvariantCulture),
                resource.OwnerOrganizationId, $"{action}: \u201c{resource.Title}\u201d", before, ResourceSnapshot.Of(resource, f.TranslationOfId));
            db.SearchIndexChanges.Add(new SearchIndexChange { ResourceId = resource.Id, At = now });
            // The result list shows "superseded" from the index: the resources this one stops or starts superseding
            // are indexed again too.
            if (previouslySuperseded != resource.SupersedesId)
                foreach (var other in new[] { previouslySuperseded, resource.SupersedesId }.OfType<int>())
                    db.SearchIndexChanges.Add(new SearchIndexChange { ResourceId = other, At = now });
            await db.SaveChangesAsync(cancellationToken);
            if (transaction is not null) await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            if (transaction is not null) await transaction.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            return Outcome<Resource>.Failure(new Problem("edited_meanwhile",
                "Someone else saved this resource while you were editing. Your changes are still in the form: compare them with the current version before saving again."));
        }
        catch (DbUpdateException)
        {
            if (transaction is not null) await transaction.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            // Two editors chose the same address at the same moment, and the unique index caught it; anything else is a bug.
            if (!await SlugTakenAsync(slug!, resource.Id)) throw;
            return Outcome<Resource>.Failure(new Problem("slug_taken", "Another resource already uses this address.", nameof(f.Slug)));
        }
        return Outcome<Resource>.Success(resource);
    }

    /// <summary>Keeps the change as a revision for another editor to approve, leaving the public resource as it is.</summary>
    private async Task<Outcome<Resource>> ProposeAsync(ResourceEdit edit, Resource resource, ResourceSnapshot before, ResourceSnapshot proposed, Instant now, CancellationToken cancellationToken)
    {
        resource.Revision++;
        resource.ProposeChange(resource.Revision, edit.Actor.UserId ?? edit.Actor.Name);
        db.ResourceRevisions.Add(new ResourceRevision
        {
            ResourceId = resource.Id,
            Number = resource.Revision,
            At = now,
            By = edit.Actor.Name,
            Action = "Proposed change",
            Snapshot = proposed.ToJson(),
        });
        audit.Add(edit.Actor, AuditActions.ResourceReviewRequested, "resource", resource.Id.ToString(CultureInfo.InvariantCulture),
            resource.OwnerOrganizationId, $"Proposed a change to \u201c{resource.Title}\u201d", before, proposed);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Outcome<Resource>.Failure(new Problem("edited_meanwhile",
                "Someone else saved this resource while you were editing. Your changes are still in the form: compare them with the current version before saving again."));
        }
        return Outcome<Resource>.Success(resource);
    }

    /// <summary>Drops a proposed change without applying it.</summary>
    public async Task<bool> RejectProposalAsync(Actor actor, int resourceId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var resource = await db.Resources.FirstOrDefaultAsync(r => r.Id == resourceId, cancellationToken);
        if (resource?.ProposedRevision is not { } number || !actor.CanApprove(resource)) return false;
        resource.ClearProposal();
        audit.Add(actor, AuditActions.ResourceSaved, "resource", resource.Id.ToString(CultureInfo.InvariantCulture), resource.OwnerOrganizationId,
            $"Rejected the change proposed in revision {number} of \u201c{resource.Title}\u201d");
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    private static string AuditActionOf(string action, bool isNew) => action switch
    {
        "Published" or "Approved and published" => AuditActions.ResourcePublished,
        "Scheduled" => AuditActions.ResourceScheduled,
        "Unpublished" or "Saved as draft" => AuditActions.ResourceUnpublished,
        "Submitted for review" or "Proposed change" => AuditActions.ResourceReviewRequested,
        "Approved change" => AuditActions.ResourceSaved,
        _ when isNew => AuditActions.ResourceCreated,
        _ => AuditActions.ResourceSaved,
    };

    private async Task<bool> SlugTakenAsync(string slug, int id) =>
        await db.Resources.AsNoTracking().AnyAsync(r => r.Slug == slug && r.Id != id);

    private static LocalDate? ParseDate(string? text, string field, List<Problem> problems)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var result = DatePattern.Parse(text.Trim());
        if (result.Success && result.Value.Year is >= 1900 and <= 2200) return result.Value;
        problems.Add(new Problem("invalid_date", "Enter a date like 2024-03-31.", field));
        return null;
    }

    private async Task<string?> ChooseSlugAsync(string? requested, string title, int? selfId, List<Problem> problems, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(requested))
        {
            var slug = requested.Trim();
            if (!Slug.IsValid(slug))
            {
                problems.Add(new Problem("invalid_slug", "Use lower-case letters, digits and hyphens only, like \"{0}\".", "Slug", Slug.From(slug)));
                return null;
            }
            if (await db.Resources.AnyAsync(r => r.Slug == slug && r.Id != selfId, ct))
            {
                problems.Add(new Problem("slug_taken", "Another resource already uses this address.", "Slug"));
                return null;
            }
            return slug;
        }
        var baseSlug = Slug.From(title);
        if (baseSlug.Length == 0) baseSlug = "resource";
        baseSlug = baseSlug.Length > Slug.MaxLength - 4 ? baseSlug[..(Slug.MaxLength - 4)].TrimEnd('-') : baseSlug;
        var taken = await db.Resources.Where(r => r.Slug.StartsWith(baseSlug) && r.Id != selfId).Select(r => r.Slug).ToListAsync(ct);
        var candidate = baseSlug;
        for (var n = 2; taken.Contains(candidate); n++) candidate = $"{baseSlug}-{n}";
        return candidate;
    }

    private static List<ResourceLink> ParseLinks(string? text, List<Problem> problems)
    {
        var links = new List<ResourceLink>();
        var lines = (text ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < lines.Length; i++)
        {
            var parts = lines[i].Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (parts.Length == 0) continue;
            if (!Uri.TryCreate(parts[0], UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) || parts[0].Length > 2000)
            {
                problems.Add(new Problem("invalid_link", "Line {0} does not start with a web address (https://...).", "Links", i + 1));
                continue;
            }
            var title = parts.Length > 1 ? parts[1] : uri.Host;
            links.Add(new ResourceLink { Url = uri.AbsoluteUri, Title = title.Length > 300 ? title[..300] : title, Position = links.Count });
        }
        return links;
    }

    private async Task CheckSupersedesAsync(int? supersedesId, int? selfId, List<Problem> problems, CancellationToken ct)
    {
        if (supersedesId is not { } target) return;
        if (target == selfId)
        {
            problems.Add(new Problem("supersedes_self", "A resource cannot supersede itself.", "SupersedesId"));
            return;
        }
        var older = await db.Resources.AsNoTracking()
            .Where(r => r.Id == target)
            .Select(r => new { r.Id, SupersededById = r.SupersededBy != null ? (int?)r.SupersededBy.Id : null, SupersededByTitle = r.SupersededBy != null ? r.SupersededBy.Title : null })
            .FirstOrDefaultAsync(ct);
        if (older is null)
        {
            problems.Add(new Problem("unknown", "The resource to supersede does not exist.", "SupersedesId"));
            return;
        }
        if (older.SupersededById is { } other && other != selfId)
        {
            problems.Add(new Problem("already_superseded", "That resource is already superseded by \"{0}\".", "SupersedesId", older.SupersededByTitle!));
            return;
        }
        // Walk down the chain the target supersedes: meeting this resource there would make a loop.
        if (selfId is { } self)
        {
            var cursor = (int?)target;
            for (var steps = 0; cursor is { } current && steps < 1000; steps++)
            {
                if (current == self)
                {
                    problems.Add(new Problem("supersedes_cycle", "That would make a loop: the chosen resource already replaces this one.", "SupersedesId"));
                    return;
                }
                cursor = await db.Resources.Where(r => r.Id == current).Select(r => r.SupersedesId).FirstOrDefaultAsync(ct);
            }
        }
    }

    private async Task<Guid?> ChooseWorkAsync(int? translationOfId, Resource? self, string language, List<Problem> problems, CancellationToken ct)
    {
        if (translationOfId is not { } otherId) return null;
        if (otherId == self?.Id) return null;
        var other = await db.Resources.AsNoTracking().Where(r => r.Id == otherId).Select(r => new { r.WorkId }).FirstOrDefaultAsync(ct);
        if (other is null)
        {
            problems.Add(new Problem("unknown", "The resource this translates does not exist.", "TranslationOfId"));
            return null;
        }
        var sameLanguage = await db.Resources.AnyAsync(r => r.WorkId == other.WorkId && r.Language == language && r.Id != (self == null ? 0 : self.Id), ct);
        if (sameLanguage)
        {
            problems.Add(new Problem("translation_exists", "This work already has a version in {0}.", "Language", Languages.NameOf(language, Languages.English)));
            return null;
        }
        return other.WorkId;
    }
}
