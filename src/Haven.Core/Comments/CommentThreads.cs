using Haven.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Haven.Core.Comments;

/// <summary>A top-level comment and its replies, oldest first. A removed comment stays in its place (shown as removed),
/// so replies keep their context.</summary>
public sealed record CommentThread(Comment Comment, IReadOnlyList<Comment> Replies);

/// <summary>What readers see under a subject: published comments and, in their places, removed ones; newest last.</summary>
public sealed class CommentThreads(HavenDbContext db)
{
    public async Task<IReadOnlyList<CommentThread>> ForAsync(CommentSubjectKind kind, int subjectId, CancellationToken cancellationToken = default)
    {
        var comments = await db.Comments.AsNoTracking()
            .Where(c => c.SubjectKind == kind && c.SubjectId == subjectId
                && (c.Status == CommentStatus.Published || c.Status == CommentStatus.Removed))
            .OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)
            .ToListAsync(cancellationToken);
        var replies = comments.Where(c => c.ParentId is not null).ToLookup(c => c.ParentId!.Value);
        return comments.Where(c => c.ParentId is null)
            .Select(c => new CommentThread(c, replies[c.Id].ToList()))
            .ToList();
    }
}
