using System.Globalization;
using Haven.Core.Accounts;
using Haven.Core.Audit;
using Haven.Core.Data;
using Haven.Core.Shared;
using Haven.Core.Text;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Haven.Core.News;

/// <summary>One submission of the post editor: the fields as typed, which post and revision they edit, and who saves.</summary>
public sealed record PostEdit
{
    /// <summary>Null to create a post.</summary>
    public int? PostId { get; init; }
    /// <summary>The revision the editor loaded; if the post has moved on since, the save is refused instead of overwriting.</summary>
    public int ExpectedRevision { get; init; }
    public required PostFields Fields { get; init; }
    public required Actor Actor { get; init; }
}

/// <summary>Creates or updates a news post or press release: for editors of the publishing organization and
/// administrators. Checks every field, and writes the post and its audit entry in one SaveChanges; on any problem
/// nothing is written and every problem is reported at once.</summary>
public sealed class SavePost(HavenDbContext db, MarkdownRenderer markdown, IClock clock, AuditLog audit, SiteSettings site)
{
    public async Task<Outcome<Post>> RunAsync(PostEdit edit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(edit);
        var now = clock.GetCurrentInstant();
        var zone = site.Zone;
        Post? post = null;
        object? before = null;
        var problems = new List<Problem>();
        if (edit.PostId is { } id)
        {
            post = await db.Posts.Include(p => p.Topics).FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
            if (post is null) return Outcome<Post>.Failure(new Problem("not_found", "This post no longer exists."));
            if (!edit.Actor.CanEdit(post))
            {
                // A crafted form, or a role taken away meanwhile: refuse, change nothing, and leave a trace.
                await audit.WriteNowAsync(edit.Actor, AuditActions.PostEditRefused, "post", post.Id.ToString(CultureInfo.InvariantCulture),
                    post.OwnerOrganizationId, $"Refused an edit of \u201c{post.Title}\u201d", cancellationToken: cancellationToken);
                return Outcome<Post>.Failure(new Problem("forbidden", "Only editors of the organization publishing this post can change it."));
            }
            before = AuditView(post);
            if (post.Revision != edit.ExpectedRevision) problems.Add(new Problem("edited_meanwhile",
                "Someone else saved this post while you were editing. Your changes are still in the form: compare them with the current version before saving again."));
        }

        var f = edit.Fields.Cleaned();
        problems.AddRange(f.Problems(zone, now));
        var embargo = f.EmbargoUntil!.Length == 0 ? null : f.Embargo(zone);
        if (embargo is not null && Post.CheckEmbargo(embargo, post?.EmbargoUntil, now) is { } embargoProblem) problems.Add(embargoProblem);

        if (f.OwnerOrganizationId is { } ownerId)
        {
            if (!await db.Organizations.AnyAsync(o => o.Id == ownerId, cancellationToken))
                problems.Add(new Problem("unknown", "One of the chosen organizations does not exist.", nameof(f.OwnerOrganizationId)));
            else if (!edit.Actor.EditsFor(ownerId))
                problems.Add(new Problem("not_your_organization", "Choose an organization you edit for.", nameof(f.OwnerOrganizationId)));
        }
        if (f.AuthorPersonId is { } personId && !await db.People.AnyAsync(p => p.Id == personId, cancellationToken))
            problems.Add(new Problem("unknown", "The chosen author does not exist.", nameof(f.AuthorPersonId)));
        var topics = await db.Topics.Where(t => f.TopicIds.Contains(t.Id)).ToListAsync(cancellationToken);
        if (topics.Count != f.TopicIds.Count) problems.Add(new Problem("unknown", "One of the chosen topics does not exist.", nameof(f.TopicIds)));

        string? slug = null;
        if (!problems.Any(p => p.Field == nameof(f.Slug)) && f.Title!.Length > 0)
        {
            var selfId = post?.Id ?? 0;
            slug = await UniqueSlug.ChooseAsync(f.Slug, f.Title, "post", db.Posts.Where(x => x.Id != selfId).Select(x => x.Slug),
                new Problem("slug_taken", "Another post already uses this address.", nameof(f.Slug)), problems, cancellationToken);
        }
        if (problems.Count > 0) return Outcome<Post>.Failure(problems);

        var isNew = post is null;
        post ??= new Post { Slug = slug!, Title = f.Title!, CreatedAt = now };
        post.Kind = f.Kind;
        post.Slug = slug!;
        post.Title = f.Title!;
        post.Summary = f.Summary!;
        post.BodyMarkdown = f.Body!;
        post.BodyHtml = markdown.ToHtml(f.Body!);
        post.OwnerOrganizationId = f.OwnerOrganizationId!.Value;
        post.AuthorPersonId = f.AuthorPersonId;
        post.Byline = f.Byline!;
        post.Language = f.Language!;
        post.PublishedOn = f.Date(zone, now)!.Value;
        post.IsDraft = f.IsDraft;
        if (!post.IsDraft) post.PublishedAt ??= now;
        post.EmbargoUntil = embargo;
        post.CommentsEnabled = f.CommentsEnabled;
        post.ContactName = f.ContactName!;
        post.ContactEmail = f.ContactEmail!;
        post.ContactPhone = f.ContactPhone!;
        post.DatelineCity = f.DatelineCity!;
        post.Topics.Clear();
        post.Topics.AddRange(topics);
        post.UpdatedAt = now;
        post.Revision++;
        if (isNew) db.Posts.Add(post);
        // The post and its audit entry commit together (a new post's id is known only after the first save). Inside a
        // caller's transaction (an import saving many posts at once) the caller commits or rolls back.
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            audit.Add(edit.Actor, isNew ? AuditActions.PostCreated : AuditActions.PostSaved, "post", post.Id.ToString(CultureInfo.InvariantCulture),
                post.OwnerOrganizationId, $"{(isNew ? "Created" : "Saved")} {(post.Kind == PostKind.PressRelease ? "press release" : "post")} \u201c{post.Title}\u201d",
                before, AuditView(post));
            await db.SaveChangesAsync(cancellationToken);
            if (transaction is not null) await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            if (transaction is not null) await transaction.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            return Outcome<Post>.Failure(new Problem("edited_meanwhile",
                "Someone else saved this post while you were editing. Your changes are still in the form: compare them with the current version before saving again."));
        }
        catch (DbUpdateException)
        {
            if (transaction is not null) await transaction.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            // Two editors chose the same address at the same moment, and the unique index caught it; anything else is a bug.
            var selfId = isNew ? 0 : post.Id;
            if (!await db.Posts.AnyAsync(x => x.Slug == slug && x.Id != selfId, CancellationToken.None)) throw;
            return Outcome<Post>.Failure(new Problem("slug_taken", "Another post already uses this address.", nameof(f.Slug)));
        }
        return Outcome<Post>.Success(post);
    }

    private static object AuditView(Post p) => new
    {
        p.Slug, p.Title, Kind = p.Kind.ToString(), p.Summary, p.BodyMarkdown, p.OwnerOrganizationId, p.AuthorPersonId, p.Byline,
        Topics = p.Topics.Select(t => t.Slug).Order(StringComparer.Ordinal).ToList(), p.Language,
        PublishedOn = p.PublishedOn.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture), p.IsDraft,
        EmbargoUntil = p.EmbargoUntil?.ToString(), p.CommentsEnabled, p.ContactName, p.ContactEmail, p.ContactPhone, p.DatelineCity,
    };
}
