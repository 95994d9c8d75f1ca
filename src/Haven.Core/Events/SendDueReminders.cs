using Haven.Core.Data;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Haven.Core.Events;

/// <summary>Sends the reminders whose moment has come (see <see cref="Event.DueReminderLead"/>) to each event's
/// confirmed registrants. Each reminder's marker row and its letters are written in one transaction, and the marker's
/// key lets only one instance (or one run) send it.</summary>
public sealed class SendDueReminders(HavenDbContext db, IClock clock, RegistrationMail mail)
{
    /// <returns>How many letters were queued.</returns>
    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetCurrentInstant();
        var horizon = now + Event.MaxReminderLead;
        var soon = await db.Events.AsNoTracking()
            .Where(e => !e.IsDraft && e.Status == EventStatus.Scheduled && e.RegistrationMode != RegistrationMode.None
                && e.StartsAt > now && e.StartsAt <= horizon && e.ReminderMinutes != "")
            .ToListAsync(cancellationToken);
        var queued = 0;
        foreach (var e in soon)
        {
            if (e.DueReminderLead(now) is not { } lead) continue;
            if (await db.EventReminders.AnyAsync(r => r.EventId == e.Id && r.LeadMinutes == lead && r.StartsAt == e.StartsAt, cancellationToken)) continue;
            queued += await SendAsync(e, lead, now, cancellationToken);
        }
        return queued;
    }

    private async Task<int> SendAsync(Event e, int lead, Instant now, CancellationToken cancellationToken)
    {
        // Under the event's lock, so nobody is promoted or cancelled half-way through the list.
        await using var transaction = await EventLock.BeginAsync(db, e.Id, cancellationToken);
        var registrations = await db.Registrations
            .Where(r => r.EventId == e.Id && r.Status == RegistrationStatus.Confirmed && r.ErasedAt == null)
            .OrderBy(r => r.Id).ToListAsync(cancellationToken);
        db.EventReminders.Add(new EventReminder { EventId = e.Id, LeadMinutes = lead, StartsAt = e.StartsAt, SentAt = now, Recipients = registrations.Count });
        foreach (var registration in registrations) mail.Send(e, registration, LetterKind.Reminder);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return registrations.Count;
        }
        catch (DbUpdateException)
        {
            // Another instance sent this reminder first: its marker is there, and so are its letters.
            await transaction.RollbackAsync(CancellationToken.None);
            return 0;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }
}
