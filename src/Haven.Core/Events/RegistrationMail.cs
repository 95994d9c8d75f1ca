using Haven.Core.Mail;
using NodaTime;

namespace Haven.Core.Events;

/// <summary>What a registrant is told. Stored nowhere: the kind picks the wording, and whether a calendar entry goes
/// with it.</summary>
public enum LetterKind
{
    /// <summary>Registered; the host approves before a seat is given.</summary>
    Received,
    /// <summary>Registered with a seat (or approved by the host, or moved to a seat by them).</summary>
    Confirmed,
    /// <summary>Registered on the waitlist (or approved when all seats were taken).</summary>
    Waitlisted,
    /// <summary>A seat freed and went to them.</summary>
    Promoted,
    /// <summary>The host moved them from a seat to the waitlist.</summary>
    MovedToWaitlist,
    /// <summary>The host declined the registration.</summary>
    Declined,
    /// <summary>They cancelled their registration.</summary>
    Cancelled,
    /// <summary>The event is soon (at one of the host's reminder leads).</summary>
    Reminder,
    /// <summary>The time, length or status changed.</summary>
    EventChanged,
    /// <summary>The event was cancelled.</summary>
    EventCancelled,
    /// <summary>The recording is online.</summary>
    RecordingAvailable,
    /// <summary>A message the host wrote to registrants.</summary>
    HostMessage,
}

/// <summary>One letter to write: what happened, to whom, about which event, and the private link's token that the
/// letter carries. A host's message adds its subject and text.</summary>
public sealed record RegistrationLetter(LetterKind Kind, Event Event, Registration Registration, string PrivateToken)
{
    public string? Subject { get; init; }
    public string? Message { get; init; }
}

/// <summary>Writes registration mail in the registrant's language, with links to the site and, where the registrant's
/// calendar should change, an iCalendar attachment. Implemented by the web project, which owns wording and links.</summary>
public interface IRegistrationLetters
{
    Email Write(RegistrationLetter letter);
}

/// <summary>Queues registration mail in the caller's unit of work (see <see cref="MailOutbox"/>): each letter carries
/// a fresh private link added to the registration, and both are written by the caller's next save, together with the
/// change the letter is about, so a crash either loses both or neither.</summary>
public sealed class RegistrationMail(MailOutbox outbox, IRegistrationLetters letters, IClock clock)
{
    /// <summary>Queues <paramref name="kind"/> to <paramref name="registration"/> (which must be tracked) unless its
    /// personal data was erased.</summary>
    public void Send(Event e, Registration registration, LetterKind kind, string? subject = null, string? message = null)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(registration);
        if (registration.ErasedAt is not null || registration.Email.Length == 0) return;
        var token = RegistrationLink.AddTo(registration, clock.GetCurrentInstant());
        SendWithLink(e, registration, kind, token, subject, message);
    }

    /// <summary>Queues a letter carrying a link the caller already added (the one the registration page also shows).</summary>
    public void SendWithLink(Event e, Registration registration, LetterKind kind, string token, string? subject = null, string? message = null)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(registration);
        if (registration.ErasedAt is not null || registration.Email.Length == 0) return;
        outbox.Queue(letters.Write(new RegistrationLetter(kind, e, registration, token) { Subject = subject, Message = message }));
    }

    /// <summary>The letter that tells a registrant where they stand: for a new registration, or for someone registering
    /// again with the same address.</summary>
    public static LetterKind StatusLetter(RegistrationStatus status) => status switch
    {
        RegistrationStatus.PendingApproval => LetterKind.Received,
        RegistrationStatus.Confirmed => LetterKind.Confirmed,
        RegistrationStatus.Waitlisted => LetterKind.Waitlisted,
        RegistrationStatus.Declined => LetterKind.Declined,
        _ => LetterKind.Cancelled,
    };
}
