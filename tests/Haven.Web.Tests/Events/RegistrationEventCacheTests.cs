using System.Globalization;
using System.Net;
using AwesomeAssertions;
using Haven.Core.Events;
using Haven.Core.Shared;
using Haven.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Haven.Web.Tests.Events;

/// <summary>The registration form's posts read their event from <see cref="RegistrationEventCache"/>. An editor's
/// change reaches the next registration at once (the content-change notice empties the cache), and a registration
/// that still carries an older copy of the event (another instance that has not heard the notice yet) is decided by
/// the event as it stands under the lock: a raised capacity gives seats, a cancelled event refuses and writes
/// nothing. Both databases.</summary>
public abstract class RegistrationEventCacheTests(HavenFactory site)
{
    private Dictionary<string, string> EditorFields(string title, int expectedRevision, int host, string capacity) => new()
    {
        ["Form.ExpectedRevision"] = expectedRevision.ToString(CultureInfo.InvariantCulture),
        ["Form.Title"] = title,
        ["Form.Kind"] = "Webinar",
        ["Form.Status"] = "Scheduled",
        ["Form.Language"] = "en",
        ["Form.Description"] = "What changes under the **new rule**.",
        ["Form.StartsAt"] = (site.Clock.GetCurrentInstant() + Duration.FromDays(30)).InUtc().Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T14:00",
        ["Form.ContactEmail"] = "events@example.org",
        ["Form.TimeZoneId"] = "America/Chicago",
        ["Form.DurationMinutes"] = "90",
        ["Form.RegistrationMode"] = "Open",
        ["Form.Capacity"] = capacity,
        ["Form.Hosts[0]"] = host.ToString(CultureInfo.InvariantCulture),
    };

    private Task<Event> FindAsync(string title) => site.WithDbAsync(db => db.Events.AsNoTracking().SingleAsync(e => e.Title == title));

    private Task<RegistrationStatus> StatusOfAsync(int eventId, string email) => site.WithDbAsync(db =>
        db.Registrations.Where(r => r.EventId == eventId && r.NormalizedEmail == email).Select(r => r.Status).SingleAsync());

    private static async Task RegisterAsync(HttpClient client, Event e, string name, string email)
    {
        var page = $"/events/{e.Slug}";
        var response = await client.PostFormAsync(page, $"{page}?handler=Register", new Dictionary<string, string>
        {
            ["Form.Name"] = name,
            ["Form.Email"] = email,
            ["Form.Language"] = "en",
        });
        response.StatusCode.Should().Be(HttpStatusCode.SeeOther, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_capacity_an_editor_raises_gives_the_next_registration_a_seat()
    {
        var t = await site.CreateTaxonomyAsync();
        var title = $"Cached {t.Some.Token}";
        var editor = await site.MemberClientAsync(t.Organization.Id);
        (await editor.PostFormAsync("/admin/events/new", "/admin/events/new", EditorFields(title, 0, t.Organization.Id, "1")))
            .StatusCode.Should().Be(HttpStatusCode.Redirect);
        var e = await FindAsync(title);
        var visitor = site.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        await RegisterAsync(visitor, e, "Ana", $"ana-{t.Some.Token}@example.org");
        await RegisterAsync(visitor, e, "Beto", $"beto-{t.Some.Token}@example.org");
        (await StatusOfAsync(e.Id, $"beto-{t.Some.Token}@example.org")).Should().Be(RegistrationStatus.Waitlisted, "the one seat is taken");

        (await ReadsAgainAsync(e.Slug)).Should().BeFalse("registering kept the event");

        var edit = $"/admin/events/{e.Id}/edit";
        (await editor.PostFormAsync(edit, edit, EditorFields(title, e.Revision, t.Organization.Id, "3"))).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await ReadsAgainAsync(e.Slug)).Should().BeTrue("the editor's save emptied the cache");
        await RegisterAsync(visitor, e, "Carla", $"carla-{t.Some.Token}@example.org");

        (await StatusOfAsync(e.Id, $"carla-{t.Some.Token}@example.org")).Should().Be(RegistrationStatus.Confirmed,
            "the editor's new capacity counts from the next registration on");
    }

    /// <summary>Whether the cache has to read <paramref name="slug"/>'s event (it does not keep what this returns).</summary>
    private async Task<bool> ReadsAgainAsync(string slug)
    {
        var read = false;
        await site.Services.GetRequiredService<RegistrationEventCache>().GetAsync(slug, _ =>
        {
            read = true;
            return Task.FromResult<Event?>(null);
        }, CancellationToken.None);
        return read;
    }

    /// <summary>An event with one seat, and a copy of it as registering reads it.</summary>
    private async Task<Event> OldCopyAsync(Some some)
    {
        var created = await site.CreateEventAsync(some, $"Copied {some.Token}", site.Clock.GetCurrentInstant() + Duration.FromDays(10), e =>
        {
            e.Capacity = 1;
            e.RegistrationMode = RegistrationMode.Open;
        });
        await using var scope = site.Scope();
        return (await scope.ServiceProvider.GetRequiredService<RegisterForEvent>().LoadEventAsync(created.Id))!;
    }

    /// <summary>Changes the event as an editor's save would (a new revision).</summary>
    private Task ChangeAsync(int eventId, Action<Event> change) => site.WithDbAsync(async db =>
    {
        var e = await db.Events.SingleAsync(x => x.Id == eventId);
        change(e);
        e.Revision++;
        await db.SaveChangesAsync();
        return 0;
    });

    private async Task<Outcome<RegistrationResult>[]> WriteAsync(Event copy, params string[] emails)
    {
        var batch = emails.Select(email => new QueuedRegistration(copy, "Someone", email, Registration.Normalize(email), "", Languages.English, "{}")).ToArray();
        await using var scope = site.Scope();
        await scope.ServiceProvider.GetRequiredService<RegisterForEvent>().WriteBatchAsync(batch);
        return await Task.WhenAll(batch.Select(b => b.Result.Task));
    }

    [Fact]
    public async Task A_registration_carrying_an_old_copy_of_the_event_gets_the_seats_the_event_now_has()
    {
        var some = new Some();
        var copy = await OldCopyAsync(some);
        await ChangeAsync(copy.Id, e => e.Capacity = 3);

        var results = await WriteAsync(copy, $"a-{some.Token}@example.org", $"b-{some.Token}@example.org", $"c-{some.Token}@example.org", $"d-{some.Token}@example.org");

        results.Select(r => r.Value!.Registration.Status).Should().Equal(
            RegistrationStatus.Confirmed, RegistrationStatus.Confirmed, RegistrationStatus.Confirmed, RegistrationStatus.Waitlisted);
    }

    [Fact]
    public async Task A_registration_carrying_an_old_copy_of_an_event_cancelled_since_is_refused_and_writes_nothing()
    {
        var some = new Some();
        var copy = await OldCopyAsync(some);
        await ChangeAsync(copy.Id, e => e.Status = EventStatus.Cancelled);

        var results = await WriteAsync(copy, $"a-{some.Token}@example.org", $"b-{some.Token}@example.org");

        results.Should().OnlyContain(r => !r.Succeeded && r.Problems.Single().Code == "event_cancelled");
        (await site.WithDbAsync(db => db.Registrations.CountAsync(r => r.EventId == copy.Id))).Should().Be(0);
        (await site.WithDbAsync(db => db.Outbox.CountAsync(m => m.To.EndsWith($"-{some.Token}@example.org")))).Should().Be(0);
    }
}

public sealed class RegistrationEventCacheOnSqlite(SqliteSite site) : RegistrationEventCacheTests(site), IClassFixture<SqliteSite>;

public sealed class RegistrationEventCacheOnPostgres(PostgresSite site) : RegistrationEventCacheTests(site), IClassFixture<PostgresSite>;
