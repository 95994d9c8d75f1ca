using Haven.Core.Resources;
using NodaTime;

namespace Haven.Core.Events;

/// <summary>A webinar, press call, training... with its time in an IANA zone, hosts, speakers and registration rules.
/// Join link and dial-in details are private: they reach confirmed registrants only, never a public page.</summary>
public sealed class Event
{
    public const int TitleMaxLength = 300;
    public static readonly Duration MaxDuration = Duration.FromDays(7);

    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Title { get; set; }
    public EventKind Kind { get; set; }
    public EventStatus Status { get; set; } = EventStatus.Scheduled;
    public string DescriptionMarkdown { get; set; } = "";
    /// <summary>Sanitized HTML rendered from <see cref="DescriptionMarkdown"/> when saved.</summary>
    public string DescriptionHtml { get; set; } = "";
    public Instant StartsAt { get; set; }
    /// <summary>The IANA zone the organizer thinks in ("America/Chicago").</summary>
    public required string TimeZoneId { get; set; }
    public int DurationMinutes { get; set; } = 60;
    /// <summary>Further zones the page shows the time in (IANA ids); empty means the four US mainland zones.</summary>
    public string ListedZoneIds { get; set; } = "";
    public string Language { get; set; } = "en";
    /// <summary>Interpretation offered, as the organizer writes it ("Spanish, ASL").</summary>
    public string Interpretation { get; set; } = "";
    public string ContinuingEducationNote { get; set; } = "";
    public string ContactEmail { get; set; } = "";

    public RegistrationMode RegistrationMode { get; set; } = RegistrationMode.Open;
    /// <summary>Seats; null for no limit.</summary>
    public int? Capacity { get; set; }
    public Instant? RegistrationDeadline { get; set; }
    /// <summary>SHA-256 of the invitation code, for <see cref="RegistrationMode.InvitationCode"/>.</summary>
    public string? InvitationCodeHash { get; set; }

    /// <summary>Private: sent to confirmed registrants only.</summary>
    public string JoinUrl { get; set; } = "";
    /// <summary>Private: sent to confirmed registrants only.</summary>
    public string DialIn { get; set; } = "";
    public string RecordingUrl { get; set; } = "";

    /// <summary>Calendar entries' SEQUENCE: raised by every change registrants are told about.</summary>
    public int CalendarSequence { get; set; }
    public int? OwnerOrganizationId { get; set; }
    /// <summary>A draft is seen only by its hosts' editors: not listed, not in feeds, and takes no registration.</summary>
    public bool IsDraft { get; set; }
    /// <summary>When the event first stopped being a draft (null for rows older than this column, or loaded directly:
    /// their creation stands for it). Later edits leave it alone, so subscribers are told of an event once, when it
    /// goes public, not again when it is edited.</summary>
    public Instant? PublishedAt { get; set; }
    /// <summary>When confirmed registrants are reminded, in minutes before the start, comma-separated ("1440,60": a day
    /// and an hour before); empty for no reminders.</summary>
    public string ReminderMinutes { get; set; } = DefaultReminderMinutes;
    public Instant CreatedAt { get; set; }
    public Instant UpdatedAt { get; set; }
    public int Revision { get; set; }

    public List<EventHost> Hosts { get; set; } = [];
    public List<EventSpeaker> Speakers { get; set; } = [];
    public List<EventQuestion> Questions { get; set; } = [];
    public List<Resource> Prerequisites { get; set; } = [];
    /// <summary>Slides, handouts and follow-up published after the event, shown with the recording.</summary>
    public List<Resource> Materials { get; set; } = [];
    public List<Taxonomy.Topic> Topics { get; set; } = [];

    public Instant EndsAt => StartsAt + Duration.FromMinutes(DurationMinutes);

    public DateTimeZone Zone => DateTimeZoneProviders.Tzdb.GetZoneOrNull(TimeZoneId) ?? DateTimeZone.Utc;

    public bool IsPast(Instant now) => EndsAt <= now;

    public const string DefaultReminderMinutes = "1440,60";
    /// <summary>At most a few reminders, at most four weeks ahead: enough for any event, and no mail storms.</summary>
    public const int MaxReminders = 5;
    public static readonly Duration MaxReminderLead = Duration.FromDays(28);

    /// <summary>The reminder leads, longest first; entries that are not whole minutes within range are ignored.</summary>
    public IReadOnlyList<int> ReminderLeads() => ParseReminderMinutes(ReminderMinutes) ?? [];

    /// <summary>"1440, 60" as minutes, longest first and without repeats; null when an entry is not a whole number of
    /// minutes between 1 and four weeks, or there are more than <see cref="MaxReminders"/>.</summary>
    public static IReadOnlyList<int>? ParseReminderMinutes(string? text)
    {
        var parts = (text ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var result = new List<int>();
        foreach (var part in parts)
        {
            if (!int.TryParse(part, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var minutes)
                || minutes < 1 || minutes > MaxReminderLead.TotalMinutes) return null;
            if (!result.Contains(minutes)) result.Add(minutes);
        }
        return result.Count > MaxReminders ? null : result.OrderDescending().ToList();
    }

    /// <summary>The reminder due now, if any: the shortest lead whose moment has come before the start. Earlier,
    /// longer leads that were missed (the site was down) are skipped, so nobody gets "tomorrow" an hour before.</summary>
    public int? DueReminderLead(Instant now)
    {
        if (now >= StartsAt) return null;
        int? due = null;
        foreach (var lead in ReminderLeads())
            if (StartsAt - Duration.FromMinutes(lead) <= now) due = lead;
        return due;
    }
}

/// <summary>That the reminder at <see cref="LeadMinutes"/> before the event's start (as it was then) went out; the
/// key makes it go out once, however many instances look, and again if the event moves.</summary>
public sealed class EventReminder
{
    public int EventId { get; set; }
    public int LeadMinutes { get; set; }
    public Instant StartsAt { get; set; }
    public Instant SentAt { get; set; }
    public int Recipients { get; set; }
}

/// <summary>Stored values; never renumber.</summary>
public enum EventKind
{
    Webinar = 0,
    Teleconference = 1,
    PressCall = 2,
    Training = 3,
    Convening = 4,
}

/// <summary>Stored values; never renumber.</summary>
public enum EventStatus
{
    Scheduled = 0,
    Postponed = 1,
    Cancelled = 2,
    Completed = 3,
}

/// <summary>Stored values; never renumber.</summary>
public enum RegistrationMode
{
    /// <summary>No registration: the page says how to join, or that it is in person.</summary>
    None = 0,
    Open = 1,
    /// <summary>The host approves each registration.</summary>
    Approval = 2,
    /// <summary>Only with the code the host gave out.</summary>
    InvitationCode = 3,
}

/// <summary>A hosting or co-hosting organization, in credit order.</summary>
public sealed class EventHost
{
    public int EventId { get; set; }
    public int OrganizationId { get; set; }
    public Organizations.Organization Organization { get; set; } = null!;
    public int Position { get; set; }
}

/// <summary>A person speaking, in the order the page lists them; title and affiliation as of this event.</summary>
public sealed class EventSpeaker
{
    public int Id { get; set; }
    public int EventId { get; set; }
    public int PersonId { get; set; }
    public People.Person Person { get; set; } = null!;
    public SpeakerRole Role { get; set; }
    public string Title { get; set; } = "";
    public string Affiliation { get; set; } = "";
    public int Position { get; set; }
}

/// <summary>Stored values; never renumber.</summary>
public enum SpeakerRole
{
    Panelist = 0,
    Moderator = 1,
    Presenter = 2,
    Host = 3,
}

/// <summary>A custom question of the registration form.</summary>
public sealed class EventQuestion
{
    public int Id { get; set; }
    public int EventId { get; set; }
    public QuestionKind Kind { get; set; }
    public required string Label { get; set; }
    /// <summary>For <see cref="QuestionKind.Choice"/>: one option a line.</summary>
    public string Options { get; set; } = "";
    public bool Required { get; set; }
    public int Position { get; set; }
}

/// <summary>Stored values; never renumber.</summary>
public enum QuestionKind
{
    ShortText = 0,
    Choice = 1,
    Checkbox = 2,
}
