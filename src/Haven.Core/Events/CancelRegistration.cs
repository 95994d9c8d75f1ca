using Haven.Core.Data;
using Haven.Core.Shared;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Haven.Core.Events;

/// <summary>A registrant cancels through their private link; the seat goes to the first person on the waitlist, in
/// the same transaction and under the same event lock as registrations, so a seat is never given twice.</summary>
public sealed class CancelRegistration(HavenDbContext db, IClock clock)
{
    /// <returns>The cancelled registration and whoever was promoted to its seat; null when the link opens nothing or
    /// the registration was already cancelled or declined.</returns>
    public async Task<(Registration Cancelled, IReadOnlyList<Registration> Promoted)?> RunAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 100) return null;
        var hash = SecretTokens.Hash(token);
        var eventId = await db.Registrations.Where(r => r.PrivateTokenHash == hash).Select(r => (int?)r.EventId).FirstOrDefaultAsync(cancellationToken);
        if (eventId is not { } id) return null;

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await EventLock.TakeAsync(db, id, cancellationToken);
        var registration = await db.Registrations.FirstAsync(r => r.PrivateTokenHash == hash, cancellationToken);
        if (!registration.IsActive)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            return null;
        }
        var now = clock.GetCurrentInstant();
        registration.Status = RegistrationStatus.Cancelled;
        registration.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        var promoted = await PromoteLockedAsync(id, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (registration, promoted);
    }

    /// <summary>Gives free seats to the waitlist, first in first out; for use after a host frees seats (a larger
    /// capacity, a declined or moved registration).</summary>
    public async Task<IReadOnlyList<Registration>> PromoteAsync(int eventId, CancellationToken cancellationToken = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await EventLock.TakeAsync(db, eventId, cancellationToken);
        var promoted = await PromoteLockedAsync(eventId, clock.GetCurrentInstant(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return promoted;
    }

    private async Task<IReadOnlyList<Registration>> PromoteLockedAsync(int eventId, Instant now, CancellationToken cancellationToken)
    {
        var e = await db.Events.AsNoTracking().FirstAsync(x => x.Id == eventId, cancellationToken);
        var candidates = await db.Registrations
            .Where(r => r.EventId == eventId && (r.Status == RegistrationStatus.Confirmed || r.Status == RegistrationStatus.Waitlisted))
            .ToListAsync(cancellationToken);
        var promoted = RegistrationRules.ToPromote(e, candidates);
        foreach (var registration in promoted)
        {
            registration.Status = RegistrationStatus.Confirmed;
            registration.UpdatedAt = now;
        }
        await db.SaveChangesAsync(cancellationToken);
        return promoted;
    }

}
