using AwesomeAssertions;
using Haven.Core.Events;
using Haven.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Haven.Web.Tests.Events;

/// <summary>After registering: cancelling through the private link gives the seat to the first person waiting, and
/// personal data is erased once the retention period after the event has passed. Both databases.</summary>
public abstract class RegistrationLifecycleTests(HavenFactory site)
{
    private async Task<int> EventAsync(string token, Instant startsAt, int? capacity = null) => await site.WithDbAsync(async db =>
    {
        var e = new Event
        {
            Slug = $"event-{token}-{startsAt.ToUnixTimeTicks()}",
            Title = $"Event {token}",
            TimeZoneId = "America/Chicago",
            StartsAt = startsAt,
            Capacity = capacity,
            CreatedAt = startsAt,
            UpdatedAt = startsAt,
        };
        db.Events.Add(e);
        await db.SaveChangesAsync();
        return e.Id;
    });

    private async Task<RegistrationResult> RegisterAsync(int eventId, string name, string token)
    {
        await using var scope = site.Scope();
        var outcome = await scope.ServiceProvider.GetRequiredService<RegisterForEvent>()
            .RunAsync(new RegistrationRequest { EventId = eventId, Name = name, Email = $"{name.ToLowerInvariant()}-{token}@example.org" });
        return outcome.Value ?? throw new InvalidOperationException(string.Join("; ", outcome.Problems.Select(p => p.Message)));
    }

    private async Task<(Registration Cancelled, IReadOnlyList<Registration> Promoted)?> CancelAsync(string token)
    {
        await using var scope = site.Scope();
        return await scope.ServiceProvider.GetRequiredService<CancelRegistration>().RunAsync(token);
    }

    private Task<RegistrationStatus> StatusOfAsync(int id) =>
        site.WithDbAsync(db => db.Registrations.Where(r => r.Id == id).Select(r => r.Status).SingleAsync());

    [Fact]
    public async Task Cancelling_gives_the_seat_to_the_first_person_waiting_and_the_link_then_opens_nothing()
    {
        var token = new Some().Token;
        var eventId = await EventAsync(token, site.Clock.GetCurrentInstant() + Duration.FromDays(5), capacity: 1);
        var ana = await RegisterAsync(eventId, "Ana", token);
        var ben = await RegisterAsync(eventId, "Ben", token);
        var cai = await RegisterAsync(eventId, "Cai", token);
        ana.Registration.Status.Should().Be(RegistrationStatus.Confirmed);
        ben.Registration.Status.Should().Be(RegistrationStatus.Waitlisted);

        var result = await CancelAsync(ana.PrivateToken);

        result!.Value.Promoted.Select(r => r.Id).Should().Equal(ben.Registration.Id);
        (await StatusOfAsync(ana.Registration.Id)).Should().Be(RegistrationStatus.Cancelled);
        (await StatusOfAsync(ben.Registration.Id)).Should().Be(RegistrationStatus.Confirmed);
        (await StatusOfAsync(cai.Registration.Id)).Should().Be(RegistrationStatus.Waitlisted);
        (await CancelAsync(ana.PrivateToken)).Should().BeNull("a cancelled registration cannot be cancelled again");
        (await CancelAsync(ana.PrivateToken[..^2] + "xx")).Should().BeNull("a tampered link opens nothing");
        (await StatusOfAsync(cai.Registration.Id)).Should().Be(RegistrationStatus.Waitlisted);
    }

    [Fact]
    public async Task Personal_data_is_erased_after_the_retention_period_and_only_counts_remain()
    {
        var token = new Some().Token;
        var now = site.Clock.GetCurrentInstant();
        var old = await EventAsync(token, now - Duration.FromDays(32));
        var recent = await EventAsync(token, now - Duration.FromDays(20));
        await site.WithDbAsync(async db =>
        {
            foreach (var (eventId, name) in new[] { (old, "Old"), (old, "Older"), (recent, "Recent") })
            {
                db.Registrations.Add(new Registration
                {
                    EventId = eventId, Name = name, Email = $"{name}-{token}@example.org", NormalizedEmail = $"{name.ToLowerInvariant()}-{token}@example.org",
                    Organization = "Defenders", AnswersJson = """{"1":"yes"}""",
                    Status = RegistrationStatus.Confirmed, Attended = true, CreatedAt = now - Duration.FromDays(40), UpdatedAt = now - Duration.FromDays(40),
                });
            }
            return await db.SaveChangesAsync();
        });

        await using (var scope = site.Scope())
            await scope.ServiceProvider.GetRequiredService<EraseExpiredRegistrations>().RunAsync();

        var oldRows = await site.WithDbAsync(db => db.Registrations.AsNoTracking().Where(r => r.EventId == old).ToListAsync());
        oldRows.Should().HaveCount(2).And.OnlyContain(r => r.Name == "" && r.Email == "" && r.Organization == "" && r.AnswersJson == "{}" && r.ErasedAt != null);
        oldRows.Should().OnlyContain(r => r.Status == RegistrationStatus.Confirmed && r.Attended, "counts and attendance remain");
        var recentRow = await site.WithDbAsync(db => db.Registrations.AsNoTracking().SingleAsync(r => r.EventId == recent));
        recentRow.Name.Should().Be("Recent");
    }
}

public sealed class RegistrationLifecycleOnSqlite(SqliteSite site) : RegistrationLifecycleTests(site), IClassFixture<SqliteSite>;

public sealed class RegistrationLifecycleOnPostgres(PostgresSite site) : RegistrationLifecycleTests(site), IClassFixture<PostgresSite>;
