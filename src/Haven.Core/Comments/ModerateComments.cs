using System.Globalization;
using Haven.Core.Accounts;
using Haven.Core.Audit;
using Haven.Core.Data;
using Haven.Core.Shared;
using Haven.Core.Text;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Haven.Core.Comments;

/// <summary>The moderators' side: approve and reject (in bulk), remove a published comment (it then shows as
/// "removed by a moderator" so its replies keep their context), and the word lists. Every decision is audited in
/// the save that makes it.</summary>
public sealed class ModerateComments(HavenDbContext db, IClock clock, AuditLog audit)
{
    public Task<Outcome<int>> ApproveAsync(Actor actor, IReadOnlyCollection<long> ids, CancellationToken cancellationToken = default) =>
        DecideAsync(actor, ids, [CommentStatus.Held, CommentStatus.Rejected], CommentStatus.Published, AuditActions.CommentApproved, cancellationToken);

    public Task<Outcome<int>> RejectAsync(Actor actor, IReadOnlyCollection<long> ids, CancellationToken cancellationToken = default) =>
        DecideAsync(actor, ids, [CommentStatus.Held], CommentStatus.Rejected, AuditActions.CommentRejected, cancellationToken);

    public Task<Outcome<int>> RemoveAsync(Actor actor, IReadOnlyCollection<long> ids, CancellationToken cancellationToken = default) =>
        DecideAsync(actor, ids, [CommentStatus.Published], CommentStatus.Removed, AuditActions.CommentRemoved, cancellationToken);

    /// <summary>Moves each of <paramref name="ids"/> that is in one of <paramref name="from"/> to <paramref name="to"/>;
    /// returns how many moved (others, already decided by someone else, are left as they are).</summary>
    private async Task<Outcome<int>> DecideAsync(Actor actor, IReadOnlyCollection<long> ids, CommentStatus[] from, CommentStatus to,
        string action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(ids);
        if (!actor.CanModerate) return Outcome<int>.Failure(new Problem("forbidden", "Only moderators can do this."));
        if (ids.Count == 0) return Outcome<int>.Failure(new Problem("none_chosen", "Choose at least one comment."));
        var comments = await db.Comments.Where(c => ids.Contains(c.Id) && from.Contains(c.Status)).ToListAsync(cancellationToken);
        var now = clock.GetCurrentInstant();
        foreach (var comment in comments)
        {
            var before = comment.Status;
            comment.Status = to;
            comment.DecidedAt = now;
            comment.DecidedBy = actor.Name.Length > 320 ? actor.Name[..320] : actor.Name;
            audit.Add(actor, action, "comment", comment.Id.ToString(CultureInfo.InvariantCulture), null,
                $"Comment by {comment.AuthorName} on {comment.SubjectKind} {comment.SubjectId.ToString(CultureInfo.InvariantCulture)}: {before} to {to}",
                new { Status = before.ToString() }, new { Status = to.ToString() });
        }
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<int>.Success(comments.Count);
    }

    public async Task<CommentWordList> WordsAsync(CancellationToken cancellationToken = default) =>
        await db.CommentWordLists.AsNoTracking().FirstOrDefaultAsync(cancellationToken) ?? new CommentWordList();

    /// <summary>Saves the word lists (administrators only): one word or phrase a line, markup stripped.</summary>
    public async Task<Outcome<CommentWordList>> SaveWordsAsync(Actor actor, string? rejectWords, string? holdWords, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsAdministrator) return Outcome<CommentWordList>.Failure(new Problem("forbidden", "Only administrators can do this."));
        var reject = string.Join('\n', CommentRules.Words(UserText.Paragraphs(rejectWords, CommentWordList.MaxLength * 2)));
        var hold = string.Join('\n', CommentRules.Words(UserText.Paragraphs(holdWords, CommentWordList.MaxLength * 2)));
        var problems = new List<Problem>();
        if (reject.Length > CommentWordList.MaxLength) problems.Add(new Problem("too_long", "Keep this under {0} characters.", "RejectWords", CommentWordList.MaxLength));
        if (hold.Length > CommentWordList.MaxLength) problems.Add(new Problem("too_long", "Keep this under {0} characters.", "HoldWords", CommentWordList.MaxLength));
        if (problems.Count > 0) return Outcome<CommentWordList>.Failure(problems);

        var list = await db.CommentWordLists.FirstOrDefaultAsync(cancellationToken);
        var before = list is null ? null : new { list.RejectWords, list.HoldWords };
        if (list is null)
        {
            list = new CommentWordList();
            db.CommentWordLists.Add(list);
        }
        list.RejectWords = reject;
        list.HoldWords = hold;
        list.UpdatedAt = clock.GetCurrentInstant();
        audit.Add(actor, AuditActions.CommentWordsSaved, "comment_words", CommentWordList.SingletonId.ToString(CultureInfo.InvariantCulture), null,
            "Comment word lists saved", before, new { list.RejectWords, list.HoldWords });
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<CommentWordList>.Success(list);
    }
}
