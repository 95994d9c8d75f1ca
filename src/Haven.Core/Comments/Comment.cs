using NodaTime;

namespace Haven.Core.Comments;

/// <summary>What a comment is under. Resources now; news posts join when they exist.</summary>
public enum CommentSubjectKind
{
    Resource = 1,
    Post = 2,
}

/// <summary>Where a comment stands. Only <see cref="Published"/> comments are read by the public; a
/// <see cref="Removed"/> one shows as "removed by a moderator" in its place, so replies keep their context.</summary>
public enum CommentStatus
{
    Held = 0,
    Published = 1,
    Rejected = 2,
    Removed = 3,
}

/// <summary>Why a comment waits for a moderator (stored as codes, comma-separated).</summary>
public static class HoldReasons
{
    public const string FirstTime = "first_time";
    public const string TooManyLinks = "too_many_links";
    public const string HeldWord = "held_word";

    public static IReadOnlyList<string> Parse(string? value) =>
        (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The English label (also the localization key) of a reason code.</summary>
    public static string Label(string code) => code switch
    {
        FirstTime => "First comment from this address",
        TooManyLinks => "Too many links",
        HeldWord => "Contains a word on the hold list",
        _ => code,
    };
}

/// <summary>A comment under a subject, or a reply to one (one level: a reply always hangs under a top-level comment).
/// The body is plain text (markup stripped before it is stored); the email address is never shown, it is there for
/// trust and moderation.</summary>
public sealed class Comment
{
    public const int NameMaxLength = 100;
    public const int EmailMaxLength = 320;
    public const int BodyMaxLength = 5000;

    public long Id { get; set; }
    public CommentSubjectKind SubjectKind { get; set; }
    public int SubjectId { get; set; }
    /// <summary>The top-level comment this one replies to, or null.</summary>
    public long? ParentId { get; set; }
    public string AuthorName { get; set; } = "";
    public string Email { get; set; } = "";
    /// <summary>Lower-case, trimmed: what trust is keyed on.</summary>
    public string NormalizedEmail { get; set; } = "";
    public string Body { get; set; } = "";
    public CommentStatus Status { get; set; }
    /// <summary><see cref="HoldReasons"/> codes, comma-separated; empty when it was published at once.</summary>
    public string HeldReasons { get; set; } = "";
    /// <summary>The interface language it was written in (the held-for-moderation notice, later mail).</summary>
    public string Language { get; set; } = "en";
    public string IpAddress { get; set; } = "";
    /// <summary>A hash of subject, parent, address and text: the same comment submitted twice is stored once.</summary>
    public string DuplicateKey { get; set; } = "";
    public Instant CreatedAt { get; set; }
    /// <summary>When a moderator last decided (approved, rejected, removed).</summary>
    public Instant? DecidedAt { get; set; }
    public string? DecidedBy { get; set; }

    public static string Normalize(string email) => email.Trim().ToLowerInvariant();
}

/// <summary>The word lists administrators keep (one row): words that refuse a comment, and words that hold it for a
/// moderator. One word or phrase a line; matched whole-word, ignoring case.</summary>
public sealed class CommentWordList
{
    public const int SingletonId = 1;
    public const int MaxLength = 20_000;

    public int Id { get; set; } = SingletonId;
    public string RejectWords { get; set; } = "";
    public string HoldWords { get; set; } = "";
    public Instant UpdatedAt { get; set; }
}
