using Haven.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Haven.Core.Events;

/// <summary>Serializes seat decisions for one event: a no-op update of its row, first in the transaction, takes
/// PostgreSQL's row lock (and SQLite's write lock), so registrations, cancellations and promotions for an event are
/// decided one after another.</summary>
internal static class EventLock
{
    public static Task TakeAsync(HavenDbContext db, int eventId, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlInterpolatedAsync($"""UPDATE "Events" SET "CalendarSequence" = "CalendarSequence" WHERE "Id" = {eventId}""", cancellationToken);
}
