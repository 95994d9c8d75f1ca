using Haven.Core.Data;
using Haven.Core.Mail;
using Haven.Core.Shared;
using Haven.Core.Text;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Haven.Core.Comments;

/// <summary>What a reader submits under a subject.</summary>
public sealed record CommentRequest
{
    public CommentSubjectKind SubjectKind { get; init; }
    public int SubjectId { get; init; }
    /// <summary>The comment replied to; a reply to a reply goes under its top-level comment.</summary>
    public long? ReplyTo { get; init; }
    public string? Name { get; init; }
    public string? Email { get; init; }
    public string? Body { get; init; }
    /// <summary>The field people do not see: a bot fills it in.</summary>
    public string? Honeypot { get; init; }
    /// <summary>The writer saw the personal-data warning and posts anyway.</summary>
    public bool PostAnyway { get; init; }
    public string? IpAddress { get; init; }
    public string Language { get; init; } = Languages.English;
}

public enum PostedAs
{
    Published,
    Held,
    /// <summary>The honeypot was filled: nothing stored, and the bot is told what a held comment's writer is told.</summary>
    Dropped,
}

public sealed record PostedComment(PostedAs As, long? CommentId);

/// <summary>Takes a comment: strips markup, validates, warns about personal data, applies the per-address hourly cap,
/// stores a double submit once, then publishes it or holds it for a moderator (who is mailed in the same transaction).</summary>
public sealed class PostComment(HavenDbContext db, IClock clock, CommentSubjects subjects, CommentMail mail, CommentOptions options)
{
    public const string LooksPersonal = "looks_personal";

    public async Task<Outcome<PostedComment>> RunAsync(CommentRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var subject = await subjects.FindAsync(request.SubjectKind, request.SubjectId, cancellationToken);
        if (subject is null || !subject.ShowsComments)
            return Outcome<PostedComment>.Failure(new Problem("comments_closed", "Comments are closed here."));
        if (!string.IsNullOrWhiteSpace(request.Honeypot))
            return Outcome<PostedComment>.Success(new PostedComment(PostedAs.Dropped, null));

        var name = UserText.Line(request.Name, Comment.NameMaxLength * 2);
        var email = (request.Email ?? "").Trim();
        var body = UserText.Paragraphs(request.Body, Comment.BodyMaxLength * 2);
        var problems = new List<Problem>();
        if (name.Length == 0) problems.Add(new Problem("required", "Enter your name.", nameof(request.Name)));
        else if (name.Length > Comment.NameMaxLength) problems.Add(new Problem("too_long", "Keep this under {0} characters.", nameof(request.Name), Comment.NameMaxLength));
        if (!EmailAddress.IsValid(email) || email.Length > Comment.EmailMaxLength)
            problems.Add(new Problem("invalid_email", "Enter one email address, like name@example.org.", nameof(request.Email)));
        if (body.Length == 0) problems.Add(new Problem("required", "Write your comment.", nameof(request.Body)));
        else if (body.Length > Comment.BodyMaxLength) problems.Add(new Problem("too_long", "Keep this under {0} characters.", nameof(request.Body), Comment.BodyMaxLength));

        long? parentId = null;
        if (request.ReplyTo is { } replyTo)
        {
            var parent = await db.Comments.AsNoTracking().FirstOrDefaultAsync(c => c.Id == replyTo
                && c.SubjectKind == subject.Kind && c.SubjectId == subject.Id && c.Status == CommentStatus.Published, cancellationToken);
            if (parent is null) problems.Add(new Problem("no_parent", "The comment you are replying to is not there any more.", nameof(request.ReplyTo)));
            else parentId = parent.ParentId ?? parent.Id;
        }
        if (!request.PostAnyway)
        {
            foreach (var kind in PersonalDataDetector.Find(body))
                problems.Add(new Problem(LooksPersonal, WarningOf(kind), nameof(request.Body)));
        }
        if (problems.Count > 0) return Outcome<PostedComment>.Failure(problems);

        var now = clock.GetCurrentInstant();
        var ip = Cut(request.IpAddress ?? "", 64);
        var normalized = Comment.Normalize(email);
        var key = SecretTokens.Hash($"{(int)subject.Kind}|{subject.Id}|{parentId}|{normalized}|{body}");
        if (await db.Comments.AsNoTracking().FirstOrDefaultAsync(c => c.DuplicateKey == key, cancellationToken) is { } same)
            return Outcome<PostedComment>.Success(AsPosted(same));

        var hourAgo = now - Duration.FromHours(1);
        if (ip.Length > 0 && await db.Comments.CountAsync(c => c.IpAddress == ip && c.CreatedAt > hourAgo, cancellationToken) >= options.PerAddressPerHour)
            return Outcome<PostedComment>.Failure(new Problem("too_many_comments",
                "Many comments have come from your address in the last hour. Please wait a while before posting again."));

        var words = await db.CommentWordLists.AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        var trusted = await db.Comments.AnyAsync(c => c.NormalizedEmail == normalized && c.Status == CommentStatus.Published, cancellationToken);
        var (verdict, reasons) = CommentRules.Judge(body, trusted, words, options);
        if (verdict == CommentVerdict.Reject)
            return Outcome<PostedComment>.Failure(new Problem("rejected_words",
                "This comment uses words this site does not accept. Please rephrase it.", nameof(request.Body)));

        var comment = new Comment
        {
            SubjectKind = subject.Kind,
            SubjectId = subject.Id,
            ParentId = parentId,
            AuthorName = name,
            Email = email,
            NormalizedEmail = normalized,
            Body = body,
            Status = verdict == CommentVerdict.Publish ? CommentStatus.Published : CommentStatus.Held,
            HeldReasons = string.Join(',', reasons),
            Language = Languages.Interface.Contains(request.Language) ? request.Language : Languages.English,
            IpAddress = ip,
            DuplicateKey = key,
            CreatedAt = now,
        };
        db.Comments.Add(comment);
        // The moderators' letters are written by the same save as the comment: both or neither.
        if (comment.Status == CommentStatus.Held) await mail.NotifyModeratorsAsync(comment, subject, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Only the unique duplicate key refuses this insert: the same submission arrived at the same moment.
            db.ChangeTracker.Clear();
            var stored = await db.Comments.AsNoTracking().FirstOrDefaultAsync(c => c.DuplicateKey == key, cancellationToken);
            if (stored is null) throw;
            return Outcome<PostedComment>.Success(AsPosted(stored));
        }
        return Outcome<PostedComment>.Success(AsPosted(comment));
    }

    private static PostedComment AsPosted(Comment c) =>
        new(c.Status == CommentStatus.Published ? PostedAs.Published : PostedAs.Held, c.Id);

    /// <summary>The warning (its English text, also the localization key) for what was found.</summary>
    public static string WarningOf(PersonalDataKind kind) => kind switch
    {
        PersonalDataKind.CaseNumber => "Your comment looks like it contains an immigration case number (A-number).",
        PersonalDataKind.PhoneNumber => "Your comment looks like it contains a phone number.",
        _ => "Your comment looks like it contains an email address.",
    };

    private static string Cut(string value, int max) => value.Length <= max ? value : value[..max];
}
