using Haven.Core.Comments;
using Haven.Core.Shared;

namespace Haven.Web.Comments;

/// <summary>The fields of the comment form exactly as posted, so the form comes back with the text intact.</summary>
public sealed class CommentForm
{
    public long? ReplyTo { get; set; }
    public string? Name { get; set; }
    public string? Email { get; set; }
    public string? Body { get; set; }
    /// <summary>The honeypot: hidden from people, filled in by bots.</summary>
    public string? Website { get; set; }
    public bool PostAnyway { get; set; }
}

/// <summary>What the _Comments partial shows: the subject, its threads, the form (with what was typed and any
/// problems), and whether to tell the writer their comment is held.</summary>
public sealed record CommentSection(CommentSubject Subject, IReadOnlyList<CommentThread> Threads, CommentForm Form, IReadOnlyList<Problem> Problems, bool HeldNotice)
{
    public Comment? ReplyingTo => Form.ReplyTo is { } id
        ? Threads.SelectMany(t => t.Replies.Prepend(t.Comment)).FirstOrDefault(c => c.Id == id && c.Status == CommentStatus.Published)
        : null;

    public bool WarnedAboutPersonalData => Problems.Any(p => p.Code == PostComment.LooksPersonal);

    public int PublishedCount => Threads.Sum(t => t.Replies.Count(r => r.Status == CommentStatus.Published) + (t.Comment.Status == CommentStatus.Published ? 1 : 0));
}

/// <summary>Loads a <see cref="CommentSection"/> for a page that includes the _Comments partial.</summary>
public sealed class CommentSections(CommentSubjects subjects, CommentThreads threads)
{
    /// <summary>The section for a subject page: <c>?replyTo=id</c> picks the comment replied to and <c>?comment=held</c>
    /// shows the held-for-moderation notice. Null when the subject shows no comments.</summary>
    public async Task<CommentSection?> ForPageAsync(CommentSubjectKind kind, int id, HttpRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var subject = await subjects.FindAsync(kind, id, cancellationToken);
        if (subject is null || !subject.ShowsComments) return null;
        long? replyTo = long.TryParse(request.Query["replyTo"], out var r) ? r : null;
        var held = request.Query["comment"] == "held";
        return new CommentSection(subject, await threads.ForAsync(kind, id, cancellationToken), new CommentForm { ReplyTo = replyTo }, [], held);
    }

    public async Task<CommentSection> WithFormAsync(CommentSubject subject, CommentForm form, IReadOnlyList<Problem> problems, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subject);
        return new CommentSection(subject, await threads.ForAsync(subject.Kind, subject.Id, cancellationToken), form, problems, false);
    }

    /// <summary>The URL segment of a kind ("resource").</summary>
    public static string Segment(CommentSubjectKind kind) => kind.ToString().ToLowerInvariant();
}

/// <summary>One comment as the _Comment partial renders it (a reply to it joins its thread, <paramref name="ThreadId"/>).</summary>
public sealed record CommentView(Comment Comment, long ThreadId, string Page, string When);
