using Haven.Core.Data;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Haven.Core.Comments;

/// <summary>What the comment feature needs to know about what comments are under.</summary>
/// <param name="Path">The subject's public page, without origin or language prefix ("/resources/x").</param>
/// <param name="CommentsOpen">Whether new comments are taken (comments already published still show).</param>
/// <param name="IsPublic">Whether readers can see the subject at all.</param>
public sealed record CommentSubject(CommentSubjectKind Kind, int Id, string Title, string Path, bool CommentsOpen, bool IsPublic)
{
    /// <summary>Comments show, and are taken, only under a public subject that has them on.</summary>
    public bool ShowsComments => IsPublic && CommentsOpen;
}

/// <summary>Looks up one kind of subject. Each kind registers one (resources here; posts with the news feature).</summary>
public interface ICommentSubjectSource
{
    CommentSubjectKind Kind { get; }
    Task<CommentSubject?> FindAsync(int id, CancellationToken cancellationToken = default);
}

/// <summary>Every registered <see cref="ICommentSubjectSource"/>, by kind.</summary>
public sealed class CommentSubjects(IEnumerable<ICommentSubjectSource> sources)
{
    public Task<CommentSubject?> FindAsync(CommentSubjectKind kind, int id, CancellationToken cancellationToken = default) =>
        sources.FirstOrDefault(s => s.Kind == kind) is { } source ? source.FindAsync(id, cancellationToken) : Task.FromResult<CommentSubject?>(null);
}

/// <summary>Resources as comment subjects: open where the editor turned comments on and the resource is public.</summary>
public sealed class ResourceCommentSubjects(HavenDbContext db, IClock clock) : ICommentSubjectSource
{
    public CommentSubjectKind Kind => CommentSubjectKind.Resource;

    public async Task<CommentSubject?> FindAsync(int id, CancellationToken cancellationToken = default)
    {
        var resource = await db.Resources.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        return resource is null ? null : new CommentSubject(Kind, resource.Id, resource.Title,
            $"/resources/{Uri.EscapeDataString(resource.Slug)}", resource.CommentsEnabled, resource.IsPublicAt(clock.GetCurrentInstant()));
    }
}

/// <summary>News posts and press releases as comment subjects: open where the editor left comments on (the default)
/// and the post is public (not a draft, past any embargo).</summary>
public sealed class PostCommentSubjects(HavenDbContext db, IClock clock) : ICommentSubjectSource
{
    public CommentSubjectKind Kind => CommentSubjectKind.Post;

    public async Task<CommentSubject?> FindAsync(int id, CancellationToken cancellationToken = default)
    {
        var post = await db.Posts.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        return post is null ? null : new CommentSubject(Kind, post.Id, post.Title,
            $"/news/{Uri.EscapeDataString(post.Slug)}", post.CommentsEnabled, post.IsPublicAt(clock.GetCurrentInstant()));
    }
}
