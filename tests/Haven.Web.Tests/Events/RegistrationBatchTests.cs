using AwesomeAssertions;
using Haven.Core.Data;
using Haven.Core.Events;
using Haven.Core.Shared;
using Haven.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Haven.Web.Tests.Events;

/// <summary>Group commit (<see cref="RegistrationQueue"/>): registrations for one event that arrive together are
/// written in one transaction. Seats go in arrival order within a batch, the same address twice in one batch gets one
/// registration, one registration that cannot be written fails alone, refused registrations never reach a batch, and
/// two instances batching for the same event share its seats correctly.</summary>
public abstract class RegistrationBatchTests(HavenFactory site)
{
    private async Task<Event> EventWithSeatsAsync(string token, int seats)
    {
        var created = await site.CreateEventAsync(new Some(), $"Batched {token}", site.Clock.GetCurrentInstant() + Duration.FromDays(10), e =>
        {
            e.Capacity = seats;
            e.RegistrationMode = RegistrationMode.Open;
        });
        var id = created.Id;
        await using var scope = site.Scope();
        return (await scope.ServiceProvider.GetRequiredService<RegisterForEvent>().LoadEventAsync(id))!;
    }

    private static QueuedRegistration Queued(Event e, string name, string email) =>
        new(e, name, email, Registration.Normalize(email), "", Languages.English, "{}");

    /// <summary>Writes <paramref name="batch"/> as the event's writer would, in a scope of its own.</summary>
    private async Task WriteAsync(IReadOnlyList<QueuedRegistration> batch)
    {
        await using var scope = site.Scope();
        await scope.ServiceProvider.GetRequiredService<RegisterForEvent>().WriteBatchAsync(batch);
    }

    private Task<int> LettersToAsync(string token) =>
        site.WithDbAsync(db => db.Outbox.CountAsync(m => m.To.EndsWith($"-{token}@example.org")));

    [Fact]
    public async Task A_batch_spanning_the_last_seat_gives_it_to_the_first_to_arrive_and_waitlists_the_rest_in_order()
    {
        var token = new Some().Token;
        var e = await EventWithSeatsAsync(token, seats: 3);
        await WriteAsync([Queued(e, "Early One", $"early1-{token}@example.org"), Queued(e, "Early Two", $"early2-{token}@example.org")]);

        var batch = new[]
        {
            Queued(e, "Ana", $"ana-{token}@example.org"),
            Queued(e, "Beto", $"beto-{token}@example.org"),
            Queued(e, "Ana again", $" ANA-{token}@Example.org"),
            Queued(e, "Carla", $"carla-{token}@example.org"),
        };
        await WriteAsync(batch);
        var results = await Task.WhenAll(batch.Select(b => b.Result.Task));

        results.Should().OnlyContain(r => r.Succeeded);
        var (ana, beto, anaAgain, carla) = (results[0].Value!, results[1].Value!, results[2].Value!, results[3].Value!);
        ana.Registration.Status.Should().Be(RegistrationStatus.Confirmed, "the last seat goes to the first in the batch");
        beto.Registration.Status.Should().Be(RegistrationStatus.Waitlisted);
        carla.Registration.Status.Should().Be(RegistrationStatus.Waitlisted);
        beto.Registration.QueuedAt.Should().BeLessThanOrEqualTo(carla.Registration.QueuedAt);
        anaAgain.AlreadyRegistered.Should().BeTrue("the same address twice in one batch is one registration");
        anaAgain.Registration.Id.Should().Be(ana.Registration.Id);
        anaAgain.PrivateToken.Should().BeEmpty();
        ana.PrivateToken.Should().NotBeEmpty();

        var stored = await site.WithDbAsync(db => db.Registrations.AsNoTracking().Where(r => r.EventId == e.Id)
            .OrderBy(r => r.Id).Select(r => new { r.NormalizedEmail, r.Status }).ToListAsync());
        stored.Should().HaveCount(5);
        stored.Count(r => r.Status == RegistrationStatus.Confirmed).Should().Be(3);
        // A letter for each of the six: the repeated address is told where it stands, with a fresh link.
        (await LettersToAsync(token)).Should().Be(6);
    }

    [Fact]
    public async Task A_registration_that_cannot_be_written_fails_alone_and_the_rest_of_its_batch_is_registered()
    {
        var token = new Some().Token;
        var e = await EventWithSeatsAsync(token, seats: 10);
        // An address no letter can go to (validation refuses it before a batch; here it slips through to show that a
        // failure inside the batch's transaction sinks only its own registration).
        var batch = new[]
        {
            Queued(e, "Dora", $"dora-{token}@example.org"),
            Queued(e, "Broken", $"broken-{token}"),
            Queued(e, "Elena", $"elena-{token}@example.org"),
        };
        await WriteAsync(batch);

        (await batch[0].Result.Task).Value!.Registration.Status.Should().Be(RegistrationStatus.Confirmed);
        (await batch[2].Result.Task).Value!.Registration.Status.Should().Be(RegistrationStatus.Confirmed);
        var broken = () => batch[1].Result.Task;
        await broken.Should().ThrowAsync<ArgumentException>();
        var stored = await site.WithDbAsync(db => db.Registrations.Where(r => r.EventId == e.Id).Select(r => r.NormalizedEmail).ToListAsync());
        stored.Should().BeEquivalentTo([$"dora-{token}@example.org", $"elena-{token}@example.org"]);
        (await LettersToAsync(token)).Should().Be(2);
    }

    [Fact]
    public async Task Registrations_refused_by_validation_are_refused_alone_while_those_arriving_with_them_are_registered()
    {
        var token = new Some().Token;
        var e = await EventWithSeatsAsync(token, seats: 10);
        using var start = new SemaphoreSlim(0, 20);
        var tasks = Enumerable.Range(0, 20).Select(async i =>
        {
            await using var scope = site.Scope();
            var register = scope.ServiceProvider.GetRequiredService<RegisterForEvent>();
            await start.WaitAsync();
            return await register.RunAsync(new RegistrationRequest
            {
                EventId = e.Id,
                Name = i % 4 == 0 ? "" : $"Person {i}",
                Email = i % 5 == 0 ? "not an address" : $"p{i}-{token}@example.org",
            });
        }).ToList();
        start.Release(20);
        var outcomes = await Task.WhenAll(tasks);

        // Refused: every fourth (no name) and every fifth (no address): 0, 4, 5, 8, 10, 12, 15, 16 — eight of twenty.
        var refused = Enumerable.Range(0, 20).Where(i => i % 4 == 0 || i % 5 == 0).ToHashSet();
        for (var i = 0; i < 20; i++)
            outcomes[i].Succeeded.Should().Be(!refused.Contains(i), $"person {i} {(refused.Contains(i) ? "left out a detail" : "filled in the form")}");
        outcomes.Where(o => !o.Succeeded).SelectMany(o => o.Problems).Select(p => p.Code).Should().OnlyContain(c => c == "required" || c == "invalid_email");
        var stored = await site.WithDbAsync(db => db.Registrations.AsNoTracking().Where(r => r.EventId == e.Id).ToListAsync());
        stored.Should().HaveCount(12);
        stored.Count(r => r.Status == RegistrationStatus.Confirmed).Should().Be(10);
        stored.Count(r => r.Status == RegistrationStatus.Waitlisted).Should().Be(2);
        (await LettersToAsync(token)).Should().Be(12);
    }

    [Fact]
    public async Task Two_instances_batching_registrations_for_one_event_never_exceed_its_seats()
    {
        const int seats = 40;
        const int people = 160;
        var token = new Some().Token;
        var e = await EventWithSeatsAsync(token, seats);
        await using var second = new HavenFactory(site);
        using var start = new SemaphoreSlim(0, people);
        var tasks = Enumerable.Range(0, people).Select(async i =>
        {
            // Every other registration through the other instance, each with its own queue and writer.
            await using var scope = (i % 2 == 0 ? site : second).Scope();
            var register = scope.ServiceProvider.GetRequiredService<RegisterForEvent>();
            await start.WaitAsync();
            return await register.RunAsync(new RegistrationRequest { EventId = e.Id, Name = $"Person {i}", Email = $"p{i}-{token}@example.org" });
        }).ToList();
        start.Release(people);
        var outcomes = await Task.WhenAll(tasks);

        outcomes.Should().OnlyContain(o => o.Succeeded);
        outcomes.Count(o => o.Value!.Registration.Status == RegistrationStatus.Confirmed).Should().Be(seats, "each registrant is told the truth");
        var counts = await site.WithDbAsync(db => db.Registrations.AsNoTracking().Where(r => r.EventId == e.Id)
            .GroupBy(r => r.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync());
        counts.Single(c => c.Key == RegistrationStatus.Confirmed).Count.Should().Be(seats);
        counts.Single(c => c.Key == RegistrationStatus.Waitlisted).Count.Should().Be(people - seats);
        (await LettersToAsync(token)).Should().Be(people);
    }
}

public sealed class RegistrationBatchOnSqlite(SqliteSite site) : RegistrationBatchTests(site), IClassFixture<SqliteSite>;

public sealed class RegistrationBatchOnPostgres(PostgresSite site) : RegistrationBatchTests(site), IClassFixture<PostgresSite>;
