using NodaTime;

namespace Haven.Core.Events;

/// <summary>One person's registration for an event. The private link that shows, changes or cancels it carries a
/// secret token of which only the hash is stored. After the retention period the personal fields are erased and
/// only the row (for counts) remains.</summary>
public sealed class Registration
{
    public const int NameMaxLength = 200;
    public const int EmailMaxLength = 320;
    public const int OrganizationMaxLength = 200;

    public int Id { get; set; }
    public int EventId { get; set; }
    public required string Email { get; set; }
    /// <summary>Lower-cased and trimmed: the same address registering twice finds its registration.</summary>
    public required string NormalizedEmail { get; set; }
    public required string Name { get; set; }
    public string Organization { get; set; } = "";
    /// <summary>The language mail to this registrant is written in.</summary>
    public string Language { get; set; } = "en";
    public RegistrationStatus Status { get; set; }
    /// <summary>The private links mailed to this registrant; each mail carries a fresh one and all of them open the
    /// registration, so no earlier mail's link stops working.</summary>
    public List<RegistrationLink> Links { get; set; } = [];
    /// <summary>Answers to the event's questions, as JSON (question id to answer).</summary>
    public string AnswersJson { get; set; } = "{}";
    public bool Attended { get; set; }
    public Instant CreatedAt { get; set; }
    /// <summary>Place in the waitlist's line (first in, first promoted): when they registered, or when a host moved
    /// them to the waitlist, which puts them at the back.</summary>
    public Instant QueuedAt { get; set; }
    public Instant UpdatedAt { get; set; }
    public Instant? ErasedAt { get; set; }

    public static string Normalize(string email) => email.Trim().ToLowerInvariant();

    /// <summary>Holds a seat: confirmed registrations count against capacity.</summary>
    public bool HoldsSeat => Status == RegistrationStatus.Confirmed;

    /// <summary>Still wants to come (confirmed, waiting for approval, or on the waitlist).</summary>
    public bool IsActive => Status is RegistrationStatus.Confirmed or RegistrationStatus.PendingApproval or RegistrationStatus.Waitlisted;
}

/// <summary>A secret link to one registration's private page: only the token's SHA-256 is stored.</summary>
public sealed class RegistrationLink
{
    public int Id { get; set; }
    public int RegistrationId { get; set; }
    public required string TokenHash { get; set; }
    public Instant CreatedAt { get; set; }

    /// <summary>A new link for <paramref name="registration"/> (written with the caller's next save); returns the token,
    /// which exists nowhere else once mailed or shown.</summary>
    public static string AddTo(Registration registration, Instant now)
    {
        ArgumentNullException.ThrowIfNull(registration);
        var token = Shared.SecretTokens.New();
        registration.Links.Add(new RegistrationLink { TokenHash = Shared.SecretTokens.Hash(token), CreatedAt = now });
        return token;
    }

    /// <summary>Whether <paramref name="token"/> could be a token at all (it is looked up only then).</summary>
    public static bool IsWellFormed(string? token) => token is { Length: >= 20 and <= 100 } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}

/// <summary>Stored values; never renumber.</summary>
public enum RegistrationStatus
{
    PendingApproval = 0,
    Confirmed = 1,
    Waitlisted = 2,
    Declined = 3,
    Cancelled = 4,
}
