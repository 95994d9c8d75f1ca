using System.Globalization;
using System.Text;
using Haven.Core.Events;
using Haven.Core.Mail;
using Haven.Core.Shared;
using Haven.Web.Localization;
using Haven.Web.Mail;
using CalendarMethods = Ical.Net.CalendarMethods;
using Microsoft.Extensions.Localization;
using NodaTime;

namespace Haven.Web.Events;

/// <summary>Registration mail as registrants read it: in their language, the event's time in its own zone, joining
/// details only for those with a seat, their private link, and a calendar entry (an invitation, or its cancellation)
/// whenever their calendar should change. Plain text: it reads the same in every mail program.</summary>
public sealed class RegistrationLetterWriter(
    IStringLocalizer<SharedResource> localizer, SiteOrigin origin, SiteSettings settings, RetentionSettings retention, IClock clock)
    : IRegistrationLetters
{
    public Email Write(RegistrationLetter letter)
    {
        ArgumentNullException.ThrowIfNull(letter);
        var language = letter.Registration.Language == Languages.Spanish ? Languages.Spanish : Languages.English;
        return InterfaceLanguage.In(language, () => Compose(letter, language));
    }

    /// <summary>The private page's path (without origin or language prefix).</summary>
    public static string PrivatePath(Event e, string token) =>
        $"/events/{Uri.EscapeDataString(e.Slug)}/registration/{Uri.EscapeDataString(token)}";

    private Email Compose(RegistrationLetter letter, string language)
    {
        var (kind, e, r) = (letter.Kind, letter.Event, letter.Registration);
        var site = origin.Current;
        var root = site + (language == Languages.Spanish ? InterfaceLanguage.SpanishPrefix : "");
        var page = root + $"/events/{Uri.EscapeDataString(e.Slug)}";
        var privateLink = root + PrivatePath(e, letter.PrivateToken);
        var hasSeat = r.Status == RegistrationStatus.Confirmed;

        var body = new StringBuilder();
        void Paragraph(string text) => body.Append(text.TrimEnd()).Append("\n\n");
        Paragraph(L("Hello {0},", r.Name));
        Paragraph(kind switch
        {
            LetterKind.Received => L("Thank you for registering. The hosts approve each registration: we will write to you as soon as they have."),
            LetterKind.Confirmed => L("You are registered. How to join is below, and a calendar invitation is attached."),
            LetterKind.Waitlisted => L("All seats are taken, so you are on the waitlist. When a seat frees it goes to the first person waiting, and we will write to you at once."),
            LetterKind.Promoted => L("A seat has freed and it is yours: you are now registered. How to join is below, and a calendar invitation is attached."),
            LetterKind.MovedToWaitlist => L("The hosts have moved your registration to the waitlist. When a seat frees it goes to the first person waiting, and we will write to you at once."),
            LetterKind.Declined => L("The hosts could not accept your registration for this event."),
            LetterKind.Cancelled => L("Your registration is cancelled. If you change your mind, register again on the event's page while registration is open."),
            LetterKind.Reminder => L("A reminder: you are registered for this event, which starts soon."),
            LetterKind.EventChanged when e.Status == EventStatus.Postponed => L("The hosts have postponed this event. We will write to you when it has a new date."),
            LetterKind.EventChanged => hasSeat
                ? L("The hosts have changed the time of this event. The new time is below, and the attached calendar entry replaces the old one.")
                : L("The hosts have changed the time of this event. The new time is below."),
            LetterKind.EventCancelled => L("The hosts have cancelled this event. The attached calendar entry removes it from your calendar."),
            LetterKind.RecordingAvailable => WebAddress.IsValid(e.RecordingUrl)
                ? L("The recording of this event is online.")
                : L("The materials of this event are online."),
            LetterKind.HostMessage => L("A message from the hosts of this event:"),
            _ => throw new ArgumentOutOfRangeException(nameof(letter), kind, null),
        });
        if (kind == LetterKind.HostMessage && !string.IsNullOrWhiteSpace(letter.Message)) Paragraph(letter.Message.Trim());

        var when = EventTimes.Of(e)[0];
        Paragraph(string.Join("\n", e.Title, $"{EventDates.When(when)} ({L("{0} time", EventDates.City(when.ZoneId))})", page));

        if (kind == LetterKind.RecordingAvailable && WebAddress.IsValid(e.RecordingUrl))
            Paragraph(L("Watch it here:") + "\n" + e.RecordingUrl);
        if (kind == LetterKind.RecordingAvailable && e.Materials.Count > 0)
            Paragraph(string.Join("\n", e.Materials.Select(m => $"- {m.Title}: {root}/resources/{Uri.EscapeDataString(m.Slug)}").Prepend(L("Materials from the event:"))));
        var joining = hasSeat && kind is LetterKind.Confirmed or LetterKind.Promoted or LetterKind.Reminder or LetterKind.EventChanged
            && e.Status == EventStatus.Scheduled;
        if (joining)
        {
            var details = new List<string> { L("How to join") };
            if (e.JoinUrl.Length > 0) details.Add(e.JoinUrl);
            if (e.DialIn.Length > 0) details.Add(L("By phone: {0}", e.DialIn));
            if (details.Count == 1) details.Add(L("The hosts will send the details to join before the event."));
            Paragraph(string.Join("\n", details));
        }

        Paragraph(L("Your registration: see it, change it or cancel it here.") + "\n" + privateLink + "\n"
            + L("Keep this link to yourself: anyone who has it can change your registration."));
        var footer = new List<string>();
        if (ContactAddress.IsValid(e.ContactEmail)) footer.Add(L("Questions? Write to {0}.", e.ContactEmail.Trim()));
        footer.Add(L("We keep your name, email address and answers until {0} days after the event, then erase them.",
            ((int)retention.Period.TotalDays).ToString(CultureInfo.CurrentCulture)));
        footer.Add($"— {settings.Name}");
        body.Append(string.Join("\n", footer)).Append('\n');

        var subject = kind switch
        {
            LetterKind.Received => L("Registration received: {0}", e.Title),
            LetterKind.Confirmed => L("You are registered: {0}", e.Title),
            LetterKind.Waitlisted => L("You are on the waitlist: {0}", e.Title),
            LetterKind.Promoted => L("A seat is yours: {0}", e.Title),
            LetterKind.MovedToWaitlist => L("Moved to the waitlist: {0}", e.Title),
            LetterKind.Declined => L("Registration not accepted: {0}", e.Title),
            LetterKind.Cancelled => L("Registration cancelled: {0}", e.Title),
            LetterKind.Reminder => L("Reminder: {0}, {1}", e.Title, EventDates.When(when)),
            LetterKind.EventChanged => e.Status == EventStatus.Postponed ? L("Postponed: {0}", e.Title) : L("New time: {0}", e.Title),
            LetterKind.EventCancelled => L("Cancelled: {0}", e.Title),
            LetterKind.RecordingAvailable => L("Recording available: {0}", e.Title),
            _ => string.IsNullOrWhiteSpace(letter.Subject) ? e.Title : $"{letter.Subject.Trim()} ({e.Title})",
        };

        var replyTo = ContactAddress.IsValid(e.ContactEmail) ? new EmailAddress(e.ContactEmail.Trim()) : null;
        return new Email(new EmailAddress(r.Email, r.Name), subject, body.ToString().TrimEnd() + "\n")
        {
            ReplyTo = replyTo,
            Attachments = Calendar(letter, site) is { } ics ? [ics] : [],
        };
    }

    /// <summary>An invitation when the registrant holds a seat and the entry is new or changed; a cancellation when
    /// the entry should leave their calendar; nothing otherwise.</summary>
    private EmailAttachment? Calendar(RegistrationLetter letter, string site)
    {
        var (kind, e, r) = (letter.Kind, letter.Event, letter.Registration);
        string? method = kind switch
        {
            LetterKind.Confirmed or LetterKind.Promoted when r.Status == RegistrationStatus.Confirmed => CalendarMethods.Request,
            LetterKind.EventChanged when r.Status == RegistrationStatus.Confirmed => CalendarMethods.Request,
            LetterKind.Cancelled or LetterKind.EventCancelled or LetterKind.Declined or LetterKind.MovedToWaitlist => CalendarMethods.Cancel,
            _ => null,
        };
        if (method is null) return null;
        var calendar = EventCalendar.Single(e, site, clock.GetCurrentInstant(), method, new CalendarAttendee(r.Email, r.Name));
        return EmailAttachment.Calendar($"{e.Slug}.ics", EventCalendar.Serialize(calendar), method);
    }

    private string L(string key, params object[] arguments) => localizer[key, arguments].Value;
}
