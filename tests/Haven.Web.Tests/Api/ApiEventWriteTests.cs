using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AwesomeAssertions;
using Haven.Core.Accounts;
using Haven.Core.Api;
using Haven.Core.Audit;
using Haven.Core.Events;
using Haven.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Haven.Web.Tests.Api;

/// <summary>Events written through the API with an organization's token, through the editor's use case: created,
/// changed (registrants told of a new time, as from the editor) and cancelled; If-Match required; another
/// organization's event refused and audited; every invalid field listed; and writes limited per token (429 with
/// Retry-After) while reads are not. Both databases.</summary>
public abstract class ApiEventWriteTests(HavenFactory site)
{
    private async Task<CreatedApiToken> TokenAsync(int organizationId)
    {
        await using var scope = site.Scope();
        var outcome = await scope.ServiceProvider.GetRequiredService<ManageApiTokens>()
            .CreateAsync(Actor.System("test"), organizationId, "Calendar sync", 0);
        return outcome.Value ?? throw new InvalidOperationException(string.Join("; ", outcome.Problems));
    }

    private HttpClient Bearer(string secret)
    {
        var client = site.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    /// <summary>A local time in New York some days from the test clock's now.</summary>
    private string InDays(int days) => EventFields.LocalPattern.Format(
        (site.Clock.GetCurrentInstant() + NodaTime.Duration.FromDays(days)).InZone(NodaTime.DateTimeZoneProviders.Tzdb["America/New_York"]).Date.At(new NodaTime.LocalTime(14, 0)));

    private object Input(TestTaxonomy t, string title, string? startsAt = null) => new
    {
        title,
        kind = "webinar",
        description = "Know your rights **before** the hearing.",
        startsAt = startsAt ?? InDays(30),
        timeZone = "America/New_York",
        durationMinutes = 90,
        language = "en",
        topics = new[] { t.Topic.Slug },
        registration = "open",
        capacity = 40,
        joinUrl = "https://meet.example.org/rights",
    };

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(expected, body);
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    private static HttpRequestMessage Send(HttpMethod method, string url, object? input, string? ifMatch)
    {
        var request = new HttpRequestMessage(method, url) { Content = input is null ? null : JsonContent.Create(input) };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return request;
    }

    [Fact]
    public async Task A_token_creates_changes_and_cancels_its_event_and_registrants_are_told_of_the_new_time()
    {
        var t = await site.CreateTaxonomyAsync();
        var api = Bearer((await TokenAsync(t.Organization.Id)).Secret);

        using var created = await api.PostAsJsonAsync("/api/v1/events", Input(t, $"Know your rights {t.Some.Token}"));
        var result = await JsonAsync(created, HttpStatusCode.Created);
        var id = result.GetProperty("id").GetInt32();
        created.Headers.ETag!.Tag.Should().Be("\"r1\"");
        var item = await JsonAsync(await site.CreateClient().GetAsync($"/api/v1/events/{id}"), HttpStatusCode.OK);
        item.GetProperty("title").GetString().Should().Be($"Know your rights {t.Some.Token}");
        var saved = await site.WithDbAsync(db => db.Events.Include(e => e.Hosts).AsNoTracking().FirstAsync(e => e.Id == id));
        saved.OwnerOrganizationId.Should().Be(t.Organization.Id);
        saved.Capacity.Should().Be(40);

        // Someone registers; then the time moves through the API.
        var email = $"reader-{t.Some.Token}@example.org";
        await site.WithDbAsync(async db =>
        {
            db.Registrations.Add(new Registration
            {
                EventId = id, Email = email, NormalizedEmail = email, Name = "Ana Reader", Status = RegistrationStatus.Confirmed,
                CreatedAt = site.Clock.GetCurrentInstant(), QueuedAt = site.Clock.GetCurrentInstant(),
            });
            return await db.SaveChangesAsync();
        });

        using var missing = await api.SendAsync(Send(HttpMethod.Put, $"/api/v1/events/{id}", new { startsAt = InDays(31) }, null));
        missing.StatusCode.Should().Be((HttpStatusCode)428);
        using var stale = await api.SendAsync(Send(HttpMethod.Put, $"/api/v1/events/{id}", new { startsAt = InDays(31) }, "\"r9\""));
        stale.StatusCode.Should().Be(HttpStatusCode.PreconditionFailed);

        // The ETag of the public GET is as good as the last write's.
        using var get = await site.CreateClient().GetAsync($"/api/v1/events/{id}");
        using var moved = await api.SendAsync(Send(HttpMethod.Put, $"/api/v1/events/{id}", new { startsAt = InDays(31) }, get.Headers.ETag!.Tag));
        var movedResult = await JsonAsync(moved, HttpStatusCode.OK);
        movedResult.GetProperty("registrantsTold").GetInt32().Should().Be(1);
        (await site.WithDbAsync(db => db.Outbox.CountAsync(m => m.To.Contains(email)))).Should().Be(1);
        // Fields left out stay as they were.
        var after = await site.WithDbAsync(db => db.Events.AsNoTracking().FirstAsync(e => e.Id == id));
        (after.Title, after.Capacity, after.CalendarSequence > saved.CalendarSequence).Should().Be(($"Know your rights {t.Some.Token}", 40, true));

        using var cancelled = await api.SendAsync(Send(HttpMethod.Delete, $"/api/v1/events/{id}", null, $"\"r{movedResult.GetProperty("revision").GetInt32()}\""));
        (await JsonAsync(cancelled, HttpStatusCode.OK)).GetProperty("status").GetString().Should().Be("cancelled");
        (await site.WithDbAsync(db => db.Outbox.CountAsync(m => m.To.Contains(email)))).Should().Be(2);
        (await site.WithDbAsync(db => db.Events.AsNoTracking().FirstAsync(e => e.Id == id))).Status.Should().Be(EventStatus.Cancelled);

        var audit = await site.WithDbAsync(db => db.AuditLog.AsNoTracking().Where(a => a.SubjectType == "event" && a.SubjectId == id.ToString()).OrderBy(a => a.Id).ToListAsync());
        audit.Select(a => a.Action).Should().Equal(AuditActions.EventCreated, AuditActions.EventSaved, AuditActions.EventSaved);
        audit.Should().AllSatisfy(a => a.ActorName.Should().Be($"API token \u2018Calendar sync\u2019 of {t.Organization.Name}"));
    }

    [Fact]
    public async Task Another_organizations_event_is_refused_and_audited_and_invalid_fields_are_all_listed()
    {
        var t = await site.CreateTaxonomyAsync();
        var api = Bearer((await TokenAsync(t.Organization.Id)).Secret);
        var theirs = await site.CreateEventAsync(t.Some, $"Theirs {t.Some.Token}", site.Clock.GetCurrentInstant() + NodaTime.Duration.FromDays(30),
            e => e.OwnerOrganizationId = t.OtherOrganization.Id, hostIds: [t.OtherOrganization.Id]);

        using var other = await api.SendAsync(Send(HttpMethod.Put, $"/api/v1/events/{theirs.Id}", new { title = $"Hijacked {t.Some.Token}" }, "\"r1\""));
        other.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        using var otherCancel = await api.SendAsync(Send(HttpMethod.Delete, $"/api/v1/events/{theirs.Id}", null, "\"r1\""));
        otherCancel.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var refusals = await site.WithDbAsync(db => db.AuditLog.AsNoTracking().CountAsync(a => a.SubjectType == "event" && a.SubjectId == theirs.Id.ToString() && a.Action == AuditActions.EventEditRefused));
        refusals.Should().Be(2);
        (await site.WithDbAsync(db => db.Events.AsNoTracking().FirstAsync(e => e.Id == theirs.Id))).Title.Should().Be($"Theirs {t.Some.Token}");

        using var invalid = await api.PostAsJsonAsync("/api/v1/events", new
        {
            title = "",
            kind = "party",
            startsAt = "someday",
            timeZone = "America/New_York",
            language = "en",
            topics = new[] { "no-such-topic-" + t.Some.Token },
        });
        var problem = await JsonAsync(invalid, HttpStatusCode.UnprocessableEntity);
        problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString())
            .Should().Contain(["title", "kind", "startsAt", "topics"]);
        (await site.WithDbAsync(db => db.Events.CountAsync(e => e.Title.Contains(t.Some.Token) && e.Id != theirs.Id))).Should().Be(0);
    }

    [Fact]
    public async Task Writes_are_limited_per_token_with_a_problem_and_retry_after_and_reads_are_not()
    {
        var t = await site.CreateTaxonomyAsync();
        var api = Bearer((await TokenAsync(t.Organization.Id)).Secret);
        for (var i = 0; i < Haven.Web.Api.ApiWriteLimit.DefaultPerMinute; i++)
        {
            // Refused bodies count too: the limit is on attempts.
            using var attempt = await api.PostAsync("/api/v1/events", new StringContent("{", System.Text.Encoding.UTF8, "application/json"));
            attempt.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        }
        using var limited = await api.PostAsJsonAsync("/api/v1/events", Input(t, $"One too many {t.Some.Token}"));
        var problem = await JsonAsync(limited, HttpStatusCode.TooManyRequests);
        limited.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        problem.GetProperty("status").GetInt32().Should().Be(429);
        limited.Headers.RetryAfter!.Delta!.Value.TotalSeconds.Should().BeInRange(1, 60);
        (await site.WithDbAsync(db => db.Events.CountAsync(e => e.Title.Contains(t.Some.Token)))).Should().Be(0);

        (await api.GetAsync("/api/v1/events")).StatusCode.Should().Be(HttpStatusCode.OK);
        // Another token of the same organization has its own allowance.
        using var fresh = await Bearer((await TokenAsync(t.Organization.Id)).Secret).PostAsJsonAsync("/api/v1/events", Input(t, $"Fresh {t.Some.Token}"));
        fresh.StatusCode.Should().Be(HttpStatusCode.Created);
    }
}

public sealed class ApiEventWriteOnSqlite(SqliteSite site) : ApiEventWriteTests(site), IClassFixture<SqliteSite>;

public sealed class ApiEventWriteOnPostgres(PostgresSite site) : ApiEventWriteTests(site), IClassFixture<PostgresSite>;
