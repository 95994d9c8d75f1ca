using Haven.Core.Accounts;
using Haven.Core.Data;
using Haven.Core.Mail;
using Microsoft.EntityFrameworkCore;

namespace Haven.Core.Comments;

/// <summary>A letter telling a moderator that a comment waits for them.</summary>
public sealed record HeldCommentLetter(Comment Comment, CommentSubject Subject, EmailAddress To);

/// <summary>Writes comment mail (implemented by the web project, which owns wording and links).</summary>
public interface ICommentLetters
{
    Email Write(HeldCommentLetter letter);
}

/// <summary>Queues one letter per held comment to every moderator and administrator, in the caller's unit of work.</summary>
public sealed class CommentMail(HavenDbContext db, MailOutbox outbox, ICommentLetters letters)
{
    public async Task NotifyModeratorsAsync(Comment comment, CommentSubject subject, CancellationToken cancellationToken = default)
    {
        var roleIds = db.Roles.Where(r => r.Name == Roles.Moderator || r.Name == Roles.Administrator).Select(r => r.Id);
        var userIds = db.UserRoles.Where(ur => roleIds.Contains(ur.RoleId)).Select(ur => ur.UserId);
        var moderators = await db.Users.AsNoTracking()
            .Where(u => userIds.Contains(u.Id) && u.Email != null && u.EmailConfirmed)
            .Select(u => new { u.Email, u.DisplayName })
            .ToListAsync(cancellationToken);
        foreach (var m in moderators.DistinctBy(m => m.Email!.ToLowerInvariant()))
        {
            if (!EmailAddress.IsValid(m.Email)) continue;
            outbox.Queue(letters.Write(new HeldCommentLetter(comment, subject, new EmailAddress(m.Email!, m.DisplayName))));
        }
    }
}
