using System.Globalization;
using Haven.Core.Mail;
using Haven.Core.Shared;
using NodaTime;
using NodaTime.Text;

namespace Haven.Core.Events;

/// <summary>A speaker row of the event editor: an existing person, their role, and their title and affiliation that day.</summary>
public sealed record SpeakerFields(int PersonId, SpeakerRole Role, string? Title, string? Affiliation);

/// <summary>A registration question of the event editor: the id of the question it edits (null for a new one), so
/// answers already given, stored by question id, still match after an edit.</summary>
public sealed record QuestionFields(int? Id, QuestionKind Kind, string? Label, string? Options, bool Required)
{
    /// <summary>A choice's options: one a line, trimmed, blank lines and repeats left out.</summary>
    public IReadOnlyList<string> OptionList() =>
        (Options ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.Ordinal).ToList();
}

/// <summary>An event's editable fields as the host typed them (times as local date and time in the event's zone,
/// numbers as text), and the rules they must meet on their own. Whether the address, organizations, people and
/// topics exist is checked against the database when saving.</summary>
public sealed record EventFields
{
    // The column sizes of EventConfiguration.
    public const int InterpretationMaxLength = 200;
    public const int ContinuingEducationNoteMaxLength = 1000;
    public const int ContactEmailMaxLength = 320;
    public const int ListedZonesMaxLength = 500;
    public const int UrlMaxLength = 2000;
    public const int DialInMaxLength = 1000;
    public const int DescriptionMaxLength = 20_000;
    public const int SpeakerTextMaxLength = 200;
    public const int InvitationCodeMaxLength = 100;
    public const int QuestionLabelMaxLength = 300;
    public const int QuestionOptionsMaxLength = 2000;
    public const int MaxQuestions = 20;
    public const int MaxPrerequisites = 20;

    /// <summary>What a datetime-local input sends ("2026-07-15T14:00").</summary>
    public static readonly LocalDateTimePattern LocalPattern = LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mm");

    public string? Title { get; init; }
    /// <summary>The address under /events/; empty to make one from the title.</summary>
    public string? Slug { get; init; }
    public EventKind Kind { get; init; }
    public EventStatus Status { get; init; }
    public string? Description { get; init; }
    /// <summary>Local date and time in <see cref="TimeZoneId"/>, "yyyy-MM-ddTHH:mm".</summary>
    public string? StartsAt { get; init; }
    public string? TimeZoneId { get; init; }
    public string? DurationMinutes { get; init; }
    public string? ListedZoneIds { get; init; }
    public string? Language { get; init; }
    public string? Interpretation { get; init; }
    public string? ContinuingEducationNote { get; init; }
    public string? ContactEmail { get; init; }
    /// <summary>Hosting organizations in credit order; the first owns a new event.</summary>
    public IReadOnlyList<int> HostIds { get; init; } = [];
    public IReadOnlyList<SpeakerFields> Speakers { get; init; } = [];
    public IReadOnlyList<int> TopicIds { get; init; } = [];
    public RegistrationMode RegistrationMode { get; init; }
    /// <summary>Seats; empty for no limit.</summary>
    public string? Capacity { get; init; }
    /// <summary>Local date and time in <see cref="TimeZoneId"/>; empty for none.</summary>
    public string? RegistrationDeadline { get; init; }
    /// <summary>A new invitation code; empty keeps the stored one.</summary>
    public string? InvitationCode { get; init; }
    public string? JoinUrl { get; init; }
    public string? DialIn { get; init; }
    public string? RecordingUrl { get; init; }
    /// <summary>Registration questions in the order the form asks them.</summary>
    public IReadOnlyList<QuestionFields> Questions { get; init; } = [];
    /// <summary>Published resources to read first: their addresses (slugs, or links to /resources/{slug}), one a line.</summary>
    public string? Prerequisites { get; init; }
    /// <summary>Resources published after the event (slides, handouts), typed like <see cref="Prerequisites"/>.</summary>
    public string? Materials { get; init; }
    /// <summary>Reminder leads in minutes before the start, comma-separated ("1440,60"); empty for none.</summary>
    public string? ReminderMinutes { get; init; }
    /// <summary>A draft is seen only by the owner's editors, takes no registration and sends no mail.</summary>
    public bool IsDraft { get; init; }

    /// <summary>The fields as they are checked and stored: trimmed, never null, line breaks as "\n".</summary>
    public EventFields Cleaned() => this with
    {
        Title = (Title ?? "").Trim(),
        Slug = (Slug ?? "").Trim(),
        Description = (Description ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Trim(),
        StartsAt = (StartsAt ?? "").Trim(),
        TimeZoneId = (TimeZoneId ?? "").Trim(),
        DurationMinutes = (DurationMinutes ?? "").Trim(),
        ListedZoneIds = string.Join(", ", (ListedZoneIds ?? "").Split([',', ';', ' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)),
        Language = (Language ?? "").Trim(),
        Interpretation = (Interpretation ?? "").Trim(),
        ContinuingEducationNote = (ContinuingEducationNote ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Trim(),
        ContactEmail = (ContactEmail ?? "").Trim(),
        HostIds = HostIds.Distinct().ToList(),
        Speakers = Speakers.Select(s => s with { Title = (s.Title ?? "").Trim(), Affiliation = (s.Affiliation ?? "").Trim() }).ToList(),
        TopicIds = TopicIds.Distinct().ToList(),
        Capacity = (Capacity ?? "").Trim(),
        RegistrationDeadline = (RegistrationDeadline ?? "").Trim(),
        InvitationCode = (InvitationCode ?? "").Trim(),
        JoinUrl = (JoinUrl ?? "").Trim(),
        DialIn = (DialIn ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Trim(),
        RecordingUrl = (RecordingUrl ?? "").Trim(),
        Questions = Questions.Select(q => q with
        {
            Label = (q.Label ?? "").Trim(),
            Options = q.Kind == QuestionKind.Choice ? string.Join("\n", q.OptionList()) : "",
        }).ToList(),
        Prerequisites = string.Join("\n", PrerequisiteSlugs()),
        Materials = string.Join("\n", MaterialSlugs()),
        ReminderMinutes = Event.ParseReminderMinutes(ReminderMinutes) is { } leads
            ? string.Join(",", leads.Select(l => l.ToString(CultureInfo.InvariantCulture)))
            : (ReminderMinutes ?? "").Trim(),
    };

    /// <summary>The prerequisites' addresses: each line as typed, or the slug after "/resources/" when it is a link;
    /// without repeats, in order.</summary>
    public IReadOnlyList<string> PrerequisiteSlugs() => ResourceSlugs(Prerequisites);

    /// <summary>The materials' addresses, read like <see cref="PrerequisiteSlugs"/>.</summary>
    public IReadOnlyList<string> MaterialSlugs() => ResourceSlugs(Materials);

    private static List<string> ResourceSlugs(string? text) =>
        (text ?? "").Split(['\n', '\r', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(PrerequisiteSlug).Distinct(StringComparer.Ordinal).ToList();

    private static string PrerequisiteSlug(string entry)
    {
        var path = Uri.TryCreate(entry, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri.AbsolutePath : entry;
        var at = path.LastIndexOf("/resources/", StringComparison.OrdinalIgnoreCase);
        if (at >= 0) path = path[(at + "/resources/".Length)..];
        else if (path.StartsWith("resources/", StringComparison.OrdinalIgnoreCase)) path = path["resources/".Length..];
        return Uri.UnescapeDataString(path.Trim('/'));
    }

    /// <summary>The event's zone, or null when the id is not in the time-zone database.</summary>
    public DateTimeZone? Zone() => DateTimeZoneProviders.Tzdb.GetZoneOrNull((TimeZoneId ?? "").Trim());

    /// <summary>The start as an instant, or null when the time or zone is missing or wrong (see <see cref="Problems"/>).</summary>
    public Instant? Start() => Zone() is { } zone ? ToInstant(StartsAt, zone) : null;

    public int? Duration() =>
        int.TryParse((DurationMinutes ?? "").Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var minutes) ? minutes : null;

    public int? Seats() =>
        int.TryParse((Capacity ?? "").Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seats) ? seats : null;

    public Instant? Deadline() => Zone() is { } zone ? ToInstant(RegistrationDeadline, zone) : null;

    /// <summary>A local time in the zone: a time that falls twice (clocks going back) is read as the first; a time
    /// clocks skip is null (reported by <see cref="Problems"/>).</summary>
    private static Instant? ToInstant(string? text, DateTimeZone zone)
    {
        var parsed = LocalPattern.Parse((text ?? "").Trim());
        if (!parsed.Success) return null;
        var mapping = zone.MapLocal(parsed.Value);
        return mapping.Count == 0 ? null : mapping.First().ToInstant();
    }

    /// <summary>Every problem with the fields themselves, at once.</summary>
    public List<Problem> Problems()
    {
        var f = Cleaned();
        var problems = new List<Problem>();
        void Limit(string value, int max, string field)
        {
            if (value.Length > max) problems.Add(new Problem("too_long", "Keep this under {0} characters.", field, max));
        }
        void Url(string value, string field)
        {
            if (value.Length > UrlMaxLength) Limit(value, UrlMaxLength, field);
            else if (value.Length > 0 && !WebAddress.IsValid(value))
                problems.Add(new Problem("invalid_url", "Enter the whole address, starting with https://.", field));
        }

        if (f.Title!.Length == 0) problems.Add(new Problem("required", "Enter a title.", nameof(Title)));
        Limit(f.Title, Event.TitleMaxLength, nameof(Title));
        if (f.Slug!.Length > 0 && UniqueSlug.Check(f.Slug, "event") is { } slugProblem) problems.Add(slugProblem);
        if (!Enum.IsDefined(f.Kind)) problems.Add(new Problem("invalid", "Choose a kind of event.", nameof(Kind)));
        if (!Enum.IsDefined(f.Status)) problems.Add(new Problem("invalid", "Choose a status.", nameof(Status)));
        Limit(f.Description!, DescriptionMaxLength, nameof(Description));

        var zone = f.Zone();
        if (f.TimeZoneId!.Length == 0) problems.Add(new Problem("required", "Enter the time zone, like America/Chicago.", nameof(TimeZoneId)));
        else if (zone is null) problems.Add(new Problem("unknown_zone", "\"{0}\" is not a time zone. Use a name like America/Chicago.", nameof(TimeZoneId), f.TimeZoneId));

        Instant? start = null;
        var startParsed = LocalPattern.Parse(f.StartsAt!);
        if (!startParsed.Success) problems.Add(new Problem("invalid_datetime", "Enter the date and time the event starts, like 2026-07-15T14:00.", nameof(StartsAt)));
        else if (zone is not null)
        {
            if (zone.MapLocal(startParsed.Value).Count == 0)
                problems.Add(new Problem("time_in_gap", "Clocks skip this time in {0} for daylight-saving time: choose another time.", nameof(StartsAt), f.TimeZoneId));
            else start = f.Start();
        }

        var duration = f.Duration();
        if (duration is null || duration < 1 || duration > Event.MaxDuration.TotalMinutes)
            problems.Add(new Problem("invalid_duration", "Enter the length in minutes, from 1 to {0} (seven days).", nameof(DurationMinutes), (int)Event.MaxDuration.TotalMinutes));

        if (f.ListedZoneIds!.Length > ListedZonesMaxLength) Limit(f.ListedZoneIds, ListedZonesMaxLength, nameof(ListedZoneIds));
        else if (!EventTimes.AreKnownZones(f.ListedZoneIds))
            problems.Add(new Problem("unknown_zone", "One of these is not a time zone. Use names like America/New_York, separated by commas.", nameof(ListedZoneIds)));

        if (!Languages.IsContentLanguage(f.Language)) problems.Add(new Problem("invalid", "Choose a language.", nameof(Language)));
        Limit(f.Interpretation!, InterpretationMaxLength, nameof(Interpretation));
        Limit(f.ContinuingEducationNote!, ContinuingEducationNoteMaxLength, nameof(ContinuingEducationNote));
        if (f.ContactEmail!.Length > 0 && !EmailAddress.IsValid(f.ContactEmail))
            problems.Add(new Problem("invalid_email", "Enter an email address like name@example.org.", nameof(ContactEmail)));

        if (f.HostIds.Count == 0) problems.Add(new Problem("required", "Choose the hosting organization.", nameof(HostIds)));
        if (f.Speakers.Any(s => !Enum.IsDefined(s.Role))) problems.Add(new Problem("invalid", "Choose each speaker's role.", nameof(Speakers)));
        if (f.Speakers.Select(s => s.PersonId).Distinct().Count() != f.Speakers.Count)
            problems.Add(new Problem("duplicate_speaker", "List each speaker once.", nameof(Speakers)));
        if (f.Speakers.Any(s => s.Title!.Length > SpeakerTextMaxLength || s.Affiliation!.Length > SpeakerTextMaxLength))
            problems.Add(new Problem("too_long", "Keep this under {0} characters.", nameof(Speakers), SpeakerTextMaxLength));

        if (!Enum.IsDefined(f.RegistrationMode)) problems.Add(new Problem("invalid", "Choose how people register.", nameof(RegistrationMode)));
        if (f.Capacity!.Length > 0 && f.Seats() is not > 0)
            problems.Add(new Problem("invalid_capacity", "Enter the number of seats as a whole number above zero, or leave it empty for no limit.", nameof(Capacity)));
        if (f.RegistrationDeadline!.Length > 0)
        {
            var parsed = LocalPattern.Parse(f.RegistrationDeadline);
            if (!parsed.Success)
                problems.Add(new Problem("invalid_datetime", "Enter the deadline's date and time, like 2026-07-14T17:00, or leave it empty.", nameof(RegistrationDeadline)));
            else if (zone is not null && zone.MapLocal(parsed.Value).Count == 0)
                problems.Add(new Problem("time_in_gap", "Clocks skip this time in {0} for daylight-saving time: choose another time.", nameof(RegistrationDeadline), f.TimeZoneId));
            else if (start is { } s && duration is { } d && f.Deadline() is { } deadline && deadline >= s + NodaTime.Duration.FromMinutes(d))
                problems.Add(new Problem("deadline_after_end", "Registration must close before the event ends.", nameof(RegistrationDeadline)));
        }
        Limit(f.InvitationCode!, InvitationCodeMaxLength, nameof(InvitationCode));
        Url(f.JoinUrl!, nameof(JoinUrl));
        Limit(f.DialIn!, DialInMaxLength, nameof(DialIn));
        Url(f.RecordingUrl!, nameof(RecordingUrl));

        if (f.Questions.Count > MaxQuestions)
            problems.Add(new Problem("too_many_questions", "Ask at most {0} questions.", nameof(Questions), MaxQuestions));
        if (f.Questions.Any(q => !Enum.IsDefined(q.Kind))) problems.Add(new Problem("invalid", "Choose each question's kind.", nameof(Questions)));
        if (f.Questions.Any(q => q.Label!.Length == 0)) problems.Add(new Problem("required", "Write each question's label.", nameof(Questions)));
        if (f.Questions.Any(q => q.Label!.Length > QuestionLabelMaxLength))
            problems.Add(new Problem("too_long", "Keep each question under {0} characters.", nameof(Questions), QuestionLabelMaxLength));
        if (f.Questions.Any(q => q.Options!.Length > QuestionOptionsMaxLength))
            problems.Add(new Problem("too_long", "Keep each question's options under {0} characters.", nameof(Questions), QuestionOptionsMaxLength));
        if (f.Questions.Any(q => q.Kind == QuestionKind.Choice && q.OptionList().Count < 2))
            problems.Add(new Problem("too_few_options", "Give a choice question at least two options, one a line.", nameof(Questions)));
        var questionIds = f.Questions.Where(q => q.Id is not null).Select(q => q.Id).ToList();
        if (questionIds.Distinct().Count() != questionIds.Count)
            problems.Add(new Problem("duplicate_question", "A question appears twice: reload the editor and try again.", nameof(Questions)));

        var slugs = f.PrerequisiteSlugs();
        if (slugs.Count > MaxPrerequisites)
            problems.Add(new Problem("too_many_prerequisites", "List at most {0} resources to read first.", nameof(Prerequisites), MaxPrerequisites));
        foreach (var slug in slugs.Where(x => !Shared.Slug.IsValid(x)))
            problems.Add(new Problem("unknown_prerequisite", "No published resource has the address \"{0}\".", nameof(Prerequisites), slug));
        var materials = f.MaterialSlugs();
        if (materials.Count > MaxPrerequisites)
            problems.Add(new Problem("too_many_materials", "List at most {0} materials.", nameof(Materials), MaxPrerequisites));
        foreach (var slug in materials.Where(x => !Shared.Slug.IsValid(x)))
            problems.Add(new Problem("unknown_prerequisite", "No published resource has the address \"{0}\".", nameof(Materials), slug));

        if (Event.ParseReminderMinutes(ReminderMinutes) is null)
            problems.Add(new Problem("invalid_reminders", "Choose at most {0} reminders, each from one minute to four weeks before the start.", nameof(ReminderMinutes), Event.MaxReminders));
        return problems;
    }
}
