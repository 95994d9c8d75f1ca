using Haven.Core.Data;
using Haven.Core.Shared;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Haven.Core.Events;

/// <summary>A registrant cancels through their private link; the seat goes to the first person on the waitlist, in
/// the same transaction and under the same event lock as registrations, so a seat is never given twice. The
/// cancellation and each promotion are mailed in that transaction too.</summary>
public sealed class CancelRegistration(HavenDbContext db, IClock clock, RegistrationMail mail)
{
    /// <returns>The cancelled registration and whoever was promoted to its seat; null when the link opens nothing or
    /// the registration was already cancelled or declined.</returns>
    public async Task<(Registration Cancelled, IReadOnlyList<Registration> Promoted)?> RunAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (!RegistrationLink.IsWellFormed(token)) return null;
        var hash = SecretTokens.Hash(token!);
        var eventId = await db.Registrations.Where(r => r.Links.Any(l => l.TokenHash == hash)).Select(r => (int?)r.EventId).FirstOrDefaultAsync(cancellationToken);
        if (eventId is not { } id) return null;

        await using var transaction = await EventLock.BeginAsync(db, id, cancellationToken);
        var registration = await db.Registrations.FirstAsync(r => r.Links.Any(l => l.TokenHash == hash), cancellationToken);
        if (!registration.IsActive)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            return null;
        }
        var now = clock.GetCurrentInstant();
        registration.Status = RegistrationStatus.Cancelled;
        registration.UpdatedAt = now;
        var e = await db.Events.AsNoTracking().FirstAsync(x => x.Id == id, cancellationToken);
        mail.SendWithLink(e, registration, LetterKind.Cancelled, token!);
        await db.SaveChangesAsync(cancellationToken);
        var promoted = await PromoteLockedAsync(e, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (registration, promoted);
    }

    /// <summary>Gives free seats to the waitlist, first in first out; for use after a host frees seats (a larger
    /// capacity, a declined or moved registration).</summary>
    public async Task<IReadOnlyList<Registration>> PromoteAsync(int eventId, CancellationToken cancellationToken = default)
    {
        await using var transaction = await EventLock.BeginAsync(db, eventId, cancellationToken);
        var e = await db.Events.AsNoTracking().FirstAsync(x => x.Id == eventId, cancellationToken);
        var promoted = await PromoteLockedAsync(e, clock.GetCurrentInstant(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return promoted;
    }

    /// <summary>Promotes whoever the free seats go to and queues their letters; the caller holds the event lock and
    /// commits. <paramref name="except"/> stays where it is (someone a host has just moved to the waitlist, who must not
    /// get the seat straight back).</summary>
    internal async Task<IReadOnlyList<Registration>> PromoteLockedAsync(Event e, Instant now, CancellationToken cancellationToken, int? except = null)
    {
        var candidates = await db.Registrations
            .Where(r => r.EventId == e.Id && (r.Status == RegistrationStatus.Confirmed || r.Status == RegistrationStatus.Waitlisted))
            .ToListAsync(cancellationToken);
        if (except is { } id) candidates.RemoveAll(r => r.Id == id);
        var promoted = RegistrationRules.ToPromote(e, candidates);
        foreach (var registration in promoted)
        {
            registration.Status = RegistrationStatus.Confirmed;
            registration.UpdatedAt = now;
            mail.Send(e, registration, LetterKind.Promoted);
        }
        await db.SaveChangesAsync(cancellationToken);
        return promoted;
    }

}
