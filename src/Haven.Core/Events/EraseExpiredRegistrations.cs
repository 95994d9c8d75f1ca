using Haven.Core.Data;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Haven.Core.Events;

/// <summary>Privacy: a set time after an event ends (<see cref="RetentionSettings.Period"/>, 30 days unless
/// configured), its registrants' names, addresses, organizations, answers and private links are erased; the rows stay, with their
/// status and attendance, so counts remain.</summary>
public sealed class EraseExpiredRegistrations(HavenDbContext db, IClock clock, RetentionSettings retention)
{
    /// <returns>How many registrations were erased.</returns>
    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetCurrentInstant();
        var endedBefore = now - retention.Period;
        // Events whose end is before the cut-off: the end is start plus duration, computed here rather than in SQL.
        var candidates = await db.Events.AsNoTracking()
            .Where(e => e.StartsAt < endedBefore)
            .Select(e => new { e.Id, e.StartsAt, e.DurationMinutes })
            .ToListAsync(cancellationToken);
        var expired = candidates.Where(e => e.StartsAt + Duration.FromMinutes(e.DurationMinutes) < endedBefore).Select(e => e.Id).ToList();
        if (expired.Count == 0) return 0;

        var erased = 0;
        foreach (var chunk in expired.Chunk(200))
        {
            var registrations = await db.Registrations.Where(r => chunk.Contains(r.EventId) && r.ErasedAt == null).ToListAsync(cancellationToken);
            foreach (var r in registrations)
            {
                r.Name = "";
                r.Email = "";
                r.NormalizedEmail = $"erased-{r.Id}";
                r.Organization = "";
                r.AnswersJson = "{}";
                r.ErasedAt = now;
            }
            // The private links go too: the page they opened would show nothing any more.
            var ids = registrations.Select(r => r.Id).ToList();
            db.RegistrationLinks.RemoveRange(await db.RegistrationLinks.Where(l => ids.Contains(l.RegistrationId)).ToListAsync(cancellationToken));
            await db.SaveChangesAsync(cancellationToken);
            erased += registrations.Count;
            db.ChangeTracker.Clear();
        }
        return erased;
    }
}

/// <summary>How long registrants' personal data is kept after an event ends (<c>Haven:Events:RetentionDays</c>).</summary>
public sealed record RetentionSettings(Duration Period)
{
    public static readonly RetentionSettings Default = new(Duration.FromDays(30));
}
