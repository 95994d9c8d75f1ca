using Haven.Core.Data;
using Haven.Core.Events;
using NodaTime;

namespace Haven.Web.Demo;

/// <summary>An open event with a set number of seats a week ahead, for the registration benchmark
/// (`haven generate --event --seats N`); each call makes a new one.</summary>
public static class BenchmarkEvent
{
    public static async Task<Event> CreateAsync(HavenDbContext db, IClock clock, int seats)
    {
        var now = clock.GetCurrentInstant();
        var e = new Event
        {
            Slug = $"benchmark-{now.ToUnixTimeMilliseconds()}",
            Title = "Benchmark webinar",
            TimeZoneId = "America/Chicago",
            StartsAt = now + Duration.FromDays(7),
            Capacity = seats,
            RegistrationMode = RegistrationMode.Open,
            JoinUrl = "https://meet.example.org/benchmark",
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Events.Add(e);
        await db.SaveChangesAsync();
        return e;
    }
}
