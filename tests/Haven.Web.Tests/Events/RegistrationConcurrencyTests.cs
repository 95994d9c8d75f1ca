using AwesomeAssertions;
using Haven.Core.Data;
using Haven.Core.Events;
using Haven.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Haven.Web.Tests.Events;

/// <summary>Capacity under load, on the real databases: 300 people registering at once for 100 seats end as exactly
/// 100 confirmed and 200 waitlisted, none lost; and a canary that counts seats outside the lock, to show the race the
/// lock prevents (if the canary stops overbooking, this test no longer proves anything).</summary>
public abstract class RegistrationConcurrencyTests(HavenFactory site)
{
    private const int Seats = 100;
    private const int People = 300;

    private async Task<int> EventWithSeatsAsync(string token)
    {
        var now = site.Clock.GetCurrentInstant();
        return await site.WithDbAsync(async db =>
        {
            var e = new Event
            {
                Slug = $"crowded-{token}",
                Title = $"Crowded {token}",
                TimeZoneId = "America/New_York",
                StartsAt = now + Duration.FromDays(10),
                Capacity = Seats,
                RegistrationMode = RegistrationMode.Open,
                CreatedAt = now,
                UpdatedAt = now,
            };
            db.Events.Add(e);
            await db.SaveChangesAsync();
            return e.Id;
        });
    }

    private async Task<(int Confirmed, int Waitlisted, int Failed)> RegisterAllAsync(int eventId, string token, bool canary)
    {
        using var start = new SemaphoreSlim(0, People);
        var failures = 0;
        var tasks = Enumerable.Range(0, People).Select(async i =>
        {
            await using var scope = site.Scope();
            var register = scope.ServiceProvider.GetRequiredService<RegisterForEvent>();
            register.SkipSeatLockForCanary = canary;
            register.CanaryPause = canary ? TimeSpan.FromMilliseconds(200) : TimeSpan.Zero;
            await start.WaitAsync();
            try
            {
                var outcome = await register.RunAsync(new RegistrationRequest { EventId = eventId, Name = $"Person {i}", Email = $"p{i}-{token}@example.org" });
                if (!outcome.Succeeded) Interlocked.Increment(ref failures);
            }
            catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException)
            {
                Interlocked.Increment(ref failures);
            }
        }).ToList();
        start.Release(People);
        await Task.WhenAll(tasks);

        var counts = await site.WithDbAsync(db => db.Registrations.AsNoTracking().Where(r => r.EventId == eventId)
            .GroupBy(r => r.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync());
        return (counts.FirstOrDefault(c => c.Key == RegistrationStatus.Confirmed)?.Count ?? 0,
                counts.FirstOrDefault(c => c.Key == RegistrationStatus.Waitlisted)?.Count ?? 0,
                failures);
    }

    [Fact]
    public async Task Three_hundred_at_once_for_a_hundred_seats_end_as_a_hundred_confirmed_and_two_hundred_waitlisted()
    {
        var token = new Some().Token;
        var eventId = await EventWithSeatsAsync(token);

        var (confirmed, waitlisted, failed) = await RegisterAllAsync(eventId, token, canary: false);

        failed.Should().Be(0);
        confirmed.Should().Be(Seats);
        waitlisted.Should().Be(People - Seats);
        // Each registration committed with its letter (one transaction): as many letters as people, each to its person.
        var letters = await site.WithDbAsync(db => db.Outbox.Where(m => m.To.EndsWith($"-{token}@example.org")).Select(m => m.To).ToListAsync());
        letters.Should().HaveCount(People).And.OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task Canary_without_the_lock_the_same_crowd_overbooks()
    {
        var token = new Some().Token;
        var eventId = await EventWithSeatsAsync(token);

        var (confirmed, _, _) = await RegisterAllAsync(eventId, token, canary: true);

        confirmed.Should().BeGreaterThan(Seats, "counting seats outside the lock lets simultaneous registrations take the same seat");
    }

    [Fact]
    public async Task The_event_lock_is_released_exactly_once_however_its_transaction_ends()
    {
        var eventId = await EventWithSeatsAsync(new Some().Token);
        var none = CancellationToken.None;
        await using var scope = site.Scope();
        var db = scope.ServiceProvider.GetRequiredService<HavenDbContext>();

        // Committed, rolled back, left by an exception: each time the next transaction gets the lock.
        var committed = await EventLock.BeginAsync(db, eventId, none);
        await committed.CommitAsync(none);
        await committed.DisposeAsync();
        var rolledBack = await EventLock.BeginAsync(db, eventId, none);
        await rolledBack.RollbackAsync(none);
        await rolledBack.DisposeAsync();
        var thrown = async () =>
        {
            await using var failing = await EventLock.BeginAsync(db, eventId, none);
            throw new InvalidOperationException("work failed");
        };
        await thrown.Should().ThrowAsync<InvalidOperationException>();

        // Held: another transaction for the event waits until it ends; ended twice, it lets only one waiter in.
        var holder = await EventLock.BeginAsync(db, eventId, none);
        await using var otherScope = site.Scope();
        var waiting = EventLock.BeginAsync(otherScope.ServiceProvider.GetRequiredService<HavenDbContext>(), eventId, none);
        await Task.Delay(200);
        waiting.IsCompleted.Should().BeFalse("the lock is held");
        await holder.DisposeAsync();
        await holder.DisposeAsync();
        var second = await waiting.WaitAsync(TimeSpan.FromMinutes(1));
        var third = EventLock.BeginAsync(db, eventId, none);
        await Task.Delay(200);
        third.IsCompleted.Should().BeFalse("ending a transaction twice releases its lock once");
        await second.DisposeAsync();
        await (await third.WaitAsync(TimeSpan.FromMinutes(1))).DisposeAsync();
    }

    [Fact]
    public async Task The_same_address_twice_gets_its_registration_back_not_a_second_seat()
    {
        var token = new Some().Token;
        var eventId = await EventWithSeatsAsync(token);
        await using var scope = site.Scope();
        var register = scope.ServiceProvider.GetRequiredService<RegisterForEvent>();

        var first = await register.RunAsync(new RegistrationRequest { EventId = eventId, Name = "Ana", Email = $"ana-{token}@example.org" });
        var second = await register.RunAsync(new RegistrationRequest { EventId = eventId, Name = "Ana P.", Email = $"  ANA-{token}@Example.org " });

        second.Value!.AlreadyRegistered.Should().BeTrue();
        second.Value.Registration.Id.Should().Be(first.Value!.Registration.Id);
        second.Value.PrivateToken.Should().BeEmpty("the registration's link goes to its address, never to whoever typed it");
        (await register.FindByTokenAsync(first.Value.PrivateToken))!.Id.Should().Be(first.Value.Registration.Id, "earlier links keep working");
        (await site.WithDbAsync(db => db.Registrations.CountAsync(r => r.EventId == eventId))).Should().Be(1);

        var mailed = await site.WithDbAsync(db => db.Outbox.Where(m => m.To == $"ana-{token}@example.org").OrderBy(m => m.Id).ToListAsync());
        mailed.Should().HaveCount(2, "each registration attempt mails the address where it stands");
        var link = PrivateLinks.In(MimeKit.MimeMessage.Load(new MemoryStream(mailed[1].Mime)).TextBody).Single();
        link.Should().NotBe(first.Value.PrivateToken);
        (await register.FindByTokenAsync(link))!.Id.Should().Be(first.Value.Registration.Id);
    }
}

public sealed class RegistrationConcurrencyOnSqlite(SqliteSite site) : RegistrationConcurrencyTests(site), IClassFixture<SqliteSite>;

public sealed class RegistrationConcurrencyOnPostgres(PostgresSite site) : RegistrationConcurrencyTests(site), IClassFixture<PostgresSite>;
