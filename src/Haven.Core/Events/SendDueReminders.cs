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
        var due = soon.Select(e => (Event: e, Lead: e.DueReminderLead(now))).Where(d => d.Lead is not null).ToList();
        if (due.Count == 0) return 0;
        // The markers of all due events in one read: each stays due, and is looked at, every minute until the start.
        var ids = due.Select(d => d.Event.Id).ToList();
        var sent = (await db.EventReminders.AsNoTracking().Where(r => ids.Contains(r.EventId))
                .Select(r => new { r.EventId, r.LeadMinutes, r.StartsAt }).ToListAsync(cancellationToken))
            .Select(r => (r.EventId, r.LeadMinutes, r.StartsAt)).ToHashSet();
        var queued = 0;
        foreach (var (e, lead) in due)
        {
            if (sent.Contains((e.Id, lead!.Value, e.StartsAt))) continue;
            queued += await SendAsync(e, lead.Value, now, cancellationToken);
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
