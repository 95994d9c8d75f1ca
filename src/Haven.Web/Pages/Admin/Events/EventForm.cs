using Haven.Core.Events;
using NodaTime;

namespace Haven.Web.Pages.Admin.Events;

/// <summary>The event editor's fields exactly as posted, so the form comes back with everything the host typed.</summary>
public sealed class EventForm
{
    public const int HostSlots = 5;
    public const int SpeakerSlots = 8;
    /// <summary>Empty question rows offered beneath the event's questions (more after each save).</summary>
    public const int SpareQuestionSlots = 3;
    /// <summary>The reminder leads offered, in minutes: a week, a day, three hours, an hour, a quarter of an hour.</summary>
    public static readonly int[] ReminderChoices = [10080, 1440, 180, 60, 15];

    public int ExpectedRevision { get; set; }
    public string? Title { get; set; }
    public string? Slug { get; set; }
    public EventKind Kind { get; set; } = EventKind.Webinar;
    public EventStatus Status { get; set; } = EventStatus.Scheduled;
    public string? Description { get; set; }
    public string? StartsAt { get; set; }
    public string? TimeZoneId { get; set; } = "America/New_York";
    public string? DurationMinutes { get; set; } = "60";
    public string? ListedZoneIds { get; set; }
    public string Language { get; set; } = "en";
    public string? Interpretation { get; set; }
    public string? ContinuingEducationNote { get; set; }
    public string? ContactEmail { get; set; }
    /// <summary>Organization ids in credit order; empty slots are ignored.</summary>
    public List<int?> Hosts { get; set; } = [];
    public List<SpeakerRow> Speakers { get; set; } = [];
    public List<int> Topics { get; set; } = [];
    public RegistrationMode RegistrationMode { get; set; } = RegistrationMode.Open;
    public string? Capacity { get; set; }
    public string? RegistrationDeadline { get; set; }
    public string? InvitationCode { get; set; }
    public string? JoinUrl { get; set; }
    public string? DialIn { get; set; }
    public string? RecordingUrl { get; set; }
    public List<QuestionRow> Questions { get; set; } = [];
    /// <summary>Resource addresses (or links), one a line.</summary>
    public string? Prerequisites { get; set; }
    public string? Materials { get; set; }
    /// <summary>The checked reminder leads, in minutes (as posted, so a bad one is reported rather than dropped).</summary>
    public List<string> Reminders { get; set; } = [.. Event.DefaultReminderMinutes.Split(',')];
    public bool IsDraft { get; set; }

    /// <summary>A question row: hidden id of the question it edits, its place (a number to reorder by) and a box to
    /// remove it. A row with neither label nor options is an empty slot.</summary>
    public sealed class QuestionRow
    {
        public int? Id { get; set; }
        public QuestionKind Kind { get; set; } = QuestionKind.ShortText;
        public string? Label { get; set; }
        public string? Options { get; set; }
        public bool Required { get; set; }
        public string? Position { get; set; }
        public bool Remove { get; set; }

        public bool IsEmpty => Id is null && string.IsNullOrWhiteSpace(Label) && string.IsNullOrWhiteSpace(Options);
    }

    /// <summary>How many question rows the editor shows: the event's, and a few empty ones.</summary>
    public int QuestionSlots => Math.Min(EventFields.MaxQuestions + SpareQuestionSlots, Questions.Count(q => !q.IsEmpty) + SpareQuestionSlots);

    /// <summary>The leads to offer as boxes: the usual ones and any other the event already has, longest first.</summary>
    public IReadOnlyList<int> ReminderOptions() =>
        ReminderChoices.Concat(Reminders.Select(r => int.TryParse(r, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var m) ? m : 0)
            .Where(m => m > 0)).Distinct().OrderDescending().ToList();

    public sealed class SpeakerRow
    {
        public int? PersonId { get; set; }
        public SpeakerRole Role { get; set; } = SpeakerRole.Panelist;
        public string? Title { get; set; }
        public string? Affiliation { get; set; }
    }

    public static EventForm From(Event e)
    {
        var zone = e.Zone;
        string Local(Instant at) => EventFields.LocalPattern.Format(at.InZone(zone).LocalDateTime);
        return new EventForm
        {
            ExpectedRevision = e.Revision,
            Title = e.Title,
            Slug = e.Slug,
            Kind = e.Kind,
            Status = e.Status,
            Description = e.DescriptionMarkdown,
            StartsAt = Local(e.StartsAt),
            TimeZoneId = e.TimeZoneId,
            DurationMinutes = e.DurationMinutes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ListedZoneIds = e.ListedZoneIds,
            Language = e.Language,
            Interpretation = e.Interpretation,
            ContinuingEducationNote = e.ContinuingEducationNote,
            ContactEmail = e.ContactEmail,
            Hosts = e.Hosts.OrderBy(h => h.Position).Select(h => (int?)h.OrganizationId).ToList(),
            Speakers = e.Speakers.OrderBy(s => s.Position)
                .Select(s => new SpeakerRow { PersonId = s.PersonId, Role = s.Role, Title = s.Title, Affiliation = s.Affiliation }).ToList(),
            Topics = e.Topics.Select(t => t.Id).ToList(),
            RegistrationMode = e.RegistrationMode,
            Capacity = e.Capacity?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            RegistrationDeadline = e.RegistrationDeadline is { } d ? Local(d) : null,
            JoinUrl = e.JoinUrl,
            DialIn = e.DialIn,
            RecordingUrl = e.RecordingUrl,
            Questions = e.Questions.OrderBy(q => q.Position).Select((q, i) => new QuestionRow
            {
                Id = q.Id, Kind = q.Kind, Label = q.Label, Options = q.Options, Required = q.Required,
                Position = (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
            }).ToList(),
            Prerequisites = string.Join("\n", e.Prerequisites.Select(r => r.Slug).Order(StringComparer.Ordinal)),
            Materials = string.Join("\n", e.Materials.Select(r => r.Slug).Order(StringComparer.Ordinal)),
            Reminders = e.ReminderLeads().Select(m => m.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList(),
            IsDraft = e.IsDraft,
        };
    }

    public EventFields ToFields() => new()
    {
        Title = Title,
        Slug = Slug,
        Kind = Kind,
        Status = Status,
        Description = Description,
        StartsAt = StartsAt,
        TimeZoneId = TimeZoneId,
        DurationMinutes = DurationMinutes,
        ListedZoneIds = ListedZoneIds,
        Language = Language,
        Interpretation = Interpretation,
        ContinuingEducationNote = ContinuingEducationNote,
        ContactEmail = ContactEmail,
        HostIds = Hosts.OfType<int>().Distinct().ToList(),
        // Rows without a person are empty slots.
        Speakers = Speakers.Where(s => s.PersonId is not null)
            .Select(s => new SpeakerFields(s.PersonId!.Value, s.Role, s.Title, s.Affiliation)).ToList(),
        TopicIds = Topics.Distinct().ToList(),
        RegistrationMode = RegistrationMode,
        Capacity = Capacity,
        RegistrationDeadline = RegistrationDeadline,
        InvitationCode = InvitationCode,
        JoinUrl = JoinUrl,
        DialIn = DialIn,
        RecordingUrl = RecordingUrl,
        // Empty and removed rows drop out; the rest go in the order of their numbers (rows without one keep their place).
        Questions = Questions.Select((q, slot) => (Row: q, Slot: slot))
            .Where(x => !x.Row.IsEmpty && !x.Row.Remove)
            .OrderBy(x => decimal.TryParse(x.Row.Position, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var place) ? place : x.Slot + 1)
            .ThenBy(x => x.Slot)
            .Select(x => new QuestionFields(x.Row.Id, x.Row.Kind, x.Row.Label, x.Row.Options, x.Row.Required)).ToList(),
        Prerequisites = Prerequisites,
        Materials = Materials,
        ReminderMinutes = string.Join(",", Reminders.Where(r => !string.IsNullOrWhiteSpace(r))),
        IsDraft = IsDraft,
    };
}

/// <summary>The English names of the event enums, which are also their localization keys (listed in DynamicKeys).
/// Kinds and speaker roles are named once, in <see cref="Haven.Web.Events.EventLabels"/>, for the editor and the
/// public pages alike.</summary>
public static class EventLabels
{
    public static string Of(EventKind kind) => Haven.Web.Events.EventLabels.DisplayName(kind);

    public static string Of(EventStatus status) => status switch
    {
        EventStatus.Scheduled => "Scheduled",
        EventStatus.Postponed => "Postponed",
        EventStatus.Cancelled => "Cancelled",
        EventStatus.Completed => "Completed",
        _ => status.ToString(),
    };

    public static string Of(RegistrationMode mode) => mode switch
    {
        RegistrationMode.None => "No registration",
        RegistrationMode.Open => "Open to anyone",
        RegistrationMode.Approval => "Each registration approved by the host",
        RegistrationMode.InvitationCode => "With an invitation code",
        _ => mode.ToString(),
    };

    public static string Of(SpeakerRole role) => Haven.Web.Events.EventLabels.DisplayName(role);

    public static string Of(QuestionKind kind) => kind switch
    {
        QuestionKind.ShortText => "Short text",
        QuestionKind.Choice => "Choice of options",
        QuestionKind.Checkbox => "Checkbox (yes or no)",
        _ => kind.ToString(),
    };
}
