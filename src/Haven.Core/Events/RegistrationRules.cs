using System.Security.Cryptography;
using System.Text;
using Haven.Core.Shared;
using NodaTime;

namespace Haven.Core.Events;

/// <summary>Whether and how a new registration is taken: the event must be open (scheduled or postponed, not
/// over, before its deadline, with a mode that takes registrations, and the right code when one is needed); it is
/// then waiting for approval, confirmed while seats remain, or waitlisted. Waitlisted people are promoted first in,
/// first out, whenever a seat frees.</summary>
public static class RegistrationRules
{
    /// <summary>Why the event takes no registration now, or null when it does.</summary>
    public static Problem? WhyClosed(Event e, Instant now)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e switch
        {
            { RegistrationMode: RegistrationMode.None } => new Problem("registration_none", "This event takes no registration."),
            { Status: EventStatus.Cancelled } => new Problem("event_cancelled", "This event was cancelled."),
            { Status: EventStatus.Completed } => new Problem("event_over", "This event is over."),
            _ when e.IsPast(now) => new Problem("event_over", "This event is over."),
            { RegistrationDeadline: { } deadline } when now >= deadline => new Problem("registration_deadline", "Registration closed on {0}.", null, deadline),
            _ => null,
        };
    }

    /// <summary>Whether <paramref name="code"/> opens registration for an event that needs a code (case and spaces
    /// around it do not matter; it is compared in constant time).</summary>
    public static bool CodeMatches(Event e, string? code)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.RegistrationMode != RegistrationMode.InvitationCode) return true;
        if (e.InvitationCodeHash is null || string.IsNullOrWhiteSpace(code)) return false;
        var given = Convert.FromHexString(HashCode(code));
        var stored = Convert.FromHexString(e.InvitationCodeHash);
        return CryptographicOperations.FixedTimeEquals(given, stored);
    }

    public static string HashCode(string code) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(code.Trim().ToUpperInvariant())));

    /// <summary>The status a new registration gets, given how many seats are already held.</summary>
    public static RegistrationStatus StatusOfNew(Event e, int seatsHeld)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.RegistrationMode == RegistrationMode.Approval) return RegistrationStatus.PendingApproval;
        return HasSeat(e, seatsHeld) ? RegistrationStatus.Confirmed : RegistrationStatus.Waitlisted;
    }

    /// <summary>What approving a registration makes it: confirmed while seats remain, waitlisted otherwise.</summary>
    public static RegistrationStatus StatusOnApproval(Event e, int seatsHeld) =>
        HasSeat(e, seatsHeld) ? RegistrationStatus.Confirmed : RegistrationStatus.Waitlisted;

    public static bool HasSeat(Event e, int seatsHeld)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.Capacity is not { } capacity || seatsHeld < capacity;
    }

    /// <summary>Who moves from the waitlist to confirmed now that seats may have freed: the earliest waitlisted, as
    /// many as there are free seats.</summary>
    public static IReadOnlyList<Registration> ToPromote(Event e, IEnumerable<Registration> registrations)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(registrations);
        var all = registrations.ToList();
        var held = all.Count(r => r.HoldsSeat);
        var waiting = all.Where(r => r.Status == RegistrationStatus.Waitlisted).OrderBy(r => r.QueuedAt).ThenBy(r => r.Id);
        if (e.Capacity is not { } capacity) return waiting.ToList();
        return waiting.Take(Math.Max(0, capacity - held)).ToList();
    }
}
