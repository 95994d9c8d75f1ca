using System.Net;
using AngleSharp.Dom;
using AwesomeAssertions;
using Haven.Core.Events;
using Haven.TestSupport;
using Ical.Net;
using NodaTime;
using NodaTime.Text;
using EventStatus = Haven.Core.Events.EventStatus;

namespace Haven.Web.Tests.Events;

/// <summary>The public events list, an event's page and the iCalendar downloads. Runs on both databases; "now" is the
/// site's fake clock, and each test sees only its own events by filtering on its own host organization.</summary>
public abstract class EventPageTests(HavenFactory site)
{
    private readonly HttpClient _client = site.CreateClient();

    private static Instant At(string utc) => InstantPattern.General.Parse(utc).Value;

    private static IReadOnlyList<string> ListedTitles(IDocument page) =>
        page.QuerySelectorAll(".event-item .event-title a").Select(a => a.TextContent.Trim()).ToList();

    [Fact]
    public async Task The_list_shows_upcoming_events_soonest_first_and_past_ones_newest_first()
    {
        var t = await site.CreateTaxonomyAsync();
        var now = site.Clock.GetCurrentInstant();
        var hosts = new[] { t.Organization.Id };
        await site.CreateEventAsync(t.Some, $"In two days {t.Some.Token}", now + Duration.FromDays(2), hostIds: hosts);
        await site.CreateEventAsync(t.Some, $"Tomorrow {t.Some.Token}", now + Duration.FromDays(1), hostIds: hosts);
        await site.CreateEventAsync(t.Some, $"Called off {t.Some.Token}", now + Duration.FromDays(3), e => e.Status = EventStatus.Cancelled, hostIds: hosts);
        await site.CreateEventAsync(t.Some, $"Under way {t.Some.Token}", now - Duration.FromMinutes(30), hostIds: hosts);
        await site.CreateEventAsync(t.Some, $"Last week {t.Some.Token}", now - Duration.FromDays(7), hostIds: hosts);
        await site.CreateEventAsync(t.Some, $"Three days ago {t.Some.Token}", now - Duration.FromDays(3), hostIds: hosts);

        var upcoming = await _client.GetDocumentAsync($"/events?organization={t.Organization.Slug}");
        ListedTitles(upcoming).Should().Equal($"Under way {t.Some.Token}", $"Tomorrow {t.Some.Token}", $"In two days {t.Some.Token}", $"Called off {t.Some.Token}");
        var cancelled = upcoming.QuerySelectorAll(".event-item").Single(li => li.TextContent.Contains("Called off", StringComparison.Ordinal));
        cancelled.QuerySelector(".event-status")!.TextContent.Should().Be("Cancelled");
        upcoming.QuerySelector(".event-item .event-hosts")!.TextContent.Should().Contain(t.Organization.Name);
        upcoming.QuerySelector(".event-views a")!.GetAttribute("href").Should().Be($"/events?when=past&organization={t.Organization.Slug}");

        var past = await _client.GetDocumentAsync($"/events?when=past&organization={t.Organization.Slug}");
        ListedTitles(past).Should().Equal($"Three days ago {t.Some.Token}", $"Last week {t.Some.Token}");
    }

    [Fact]
    public async Task The_list_narrows_by_kind_topic_organization_and_language()
    {
        var t = await site.CreateTaxonomyAsync();
        var soon = site.Clock.GetCurrentInstant() + Duration.FromDays(5);
        await site.CreateEventAsync(t.Some, $"Webinar {t.Some.Token}", soon, hostIds: [t.Organization.Id], topicIds: [t.Topic.Id]);
        await site.CreateEventAsync(t.Some, $"Press {t.Some.Token}", soon + Duration.FromHours(1), e => e.Kind = EventKind.PressCall, hostIds: [t.Organization.Id], topicIds: [t.OtherTopic.Id]);
        await site.CreateEventAsync(t.Some, $"Spanish {t.Some.Token}", soon + Duration.FromHours(2), e => e.Language = "es", hostIds: [t.Organization.Id, t.OtherOrganization.Id]);

        var organization = $"organization={t.Organization.Slug}";
        ListedTitles(await _client.GetDocumentAsync($"/events?{organization}")).Should().HaveCount(3);
        ListedTitles(await _client.GetDocumentAsync($"/events?{organization}&kind=press-call")).Should().Equal($"Press {t.Some.Token}");
        var oneTopic = await _client.GetDocumentAsync($"/events?topic={t.Topic.Slug}");
        ListedTitles(oneTopic).Should().Equal($"Webinar {t.Some.Token}");
        oneTopic.QuerySelector("#events-count")!.TextContent.Trim().Should().Be("1 event");
        (await _client.GetDocumentAsync($"/es/events?topic={t.Topic.Slug}")).QuerySelector("#events-count")!.TextContent.Trim().Should().Be("1 evento");
        (await _client.GetDocumentAsync($"/events?{organization}")).QuerySelector("#events-count")!.TextContent.Trim().Should().Be("3 events");
        ListedTitles(await _client.GetDocumentAsync($"/events?organization={t.OtherOrganization.Slug}")).Should().Equal($"Spanish {t.Some.Token}");
        var spanish = await _client.GetDocumentAsync($"/events?{organization}&language=es");
        ListedTitles(spanish).Should().Equal($"Spanish {t.Some.Token}");
        spanish.QuerySelector("select#language option[selected]")!.GetAttribute("value").Should().Be("es");
    }

    [Fact]
    public async Task The_list_pages_by_twenty()
    {
        var t = await site.CreateTaxonomyAsync();
        var start = site.Clock.GetCurrentInstant() + Duration.FromDays(20);
        for (var i = 0; i < 21; i++)
            await site.CreateEventAsync(t.Some, $"Session {i:00} {t.Some.Token}", start + Duration.FromHours(i), hostIds: [t.Organization.Id]);

        var first = await _client.GetDocumentAsync($"/events?organization={t.Organization.Slug}");
        ListedTitles(first).Should().HaveCount(20);
        var next = first.QuerySelector(".pagination a[rel=next]")!.GetAttribute("href")!;
        next.Should().Be($"/events?organization={t.Organization.Slug}&page=2");
        ListedTitles(await _client.GetDocumentAsync(next)).Should().Equal($"Session 20 {t.Some.Token}");
    }

    [Fact]
    public async Task The_page_gives_the_time_in_each_zone_across_the_night_clocks_spring_forward()
    {
        var t = await site.CreateTaxonomyAsync();
        // 07:30 UTC on 8 March 2026: New York has just moved to daylight time, Chicago not yet (it does at 08:00 UTC,
        // during the event).
        var e = await site.CreateEventAsync(t.Some, $"Early call {t.Some.Token}", At("2026-03-08T07:30:00Z"), hostIds: [t.Organization.Id]);

        var page = await _client.GetDocumentAsync($"/events/{e.Slug}");
        var newYork = page.QuerySelector("tr[data-zone='America/New_York']")!;
        newYork.QuerySelector(".starts")!.TextContent.Should().Be("3:30 AM");
        newYork.QuerySelector(".abbreviation")!.TextContent.Should().Be("EDT");
        var chicago = page.QuerySelector("tr[data-zone='America/Chicago']")!;
        chicago.QuerySelector(".starts")!.TextContent.Should().Be("1:30 AM");
        chicago.QuerySelector(".ends")!.TextContent.Should().StartWith("3:30 AM");
        chicago.QuerySelector(".abbreviation")!.TextContent.Should().Be("CST/CDT");
        var losAngeles = page.QuerySelector("tr[data-zone='America/Los_Angeles']")!;
        losAngeles.QuerySelector(".starts")!.TextContent.Should().Be("11:30 PM");
        losAngeles.QuerySelector("td")!.TextContent.Should().Be("Saturday 7 March 2026");
        losAngeles.QuerySelector(".ends")!.TextContent.Should().Contain("(ends Sunday 8 March 2026)");
        page.QuerySelector("table.event-zones caption").Should().NotBeNull();
        page.QuerySelector(".event-own-time")!.TextContent.Should().Contain("Sunday 8 March 2026, 3:30 AM–4:30 AM EDT");

        // The reader's own zone: a <time> the self-hosted script rewrites, hidden until it does.
        var local = page.QuerySelector("time[data-local-time]")!;
        local.GetAttribute("datetime").Should().Be("2026-03-08T07:30:00Z");
        local.GetAttribute("data-end").Should().Be("2026-03-08T08:30:00Z");
        page.QuerySelector("[data-local-time-container]")!.HasAttribute("hidden").Should().BeTrue();
        page.QuerySelectorAll("script:not([type='application/ld+json'])").Select(s => s.GetAttribute("src")).Should().ContainSingle(src => src != null && src.StartsWith("/js/local-time.js", StringComparison.Ordinal));
        // The only inline script is the page's JSON-LD, which a browser never runs.
        page.QuerySelectorAll("script:not([src]):not([type='application/ld+json'])").Should().BeEmpty();
        page.QuerySelector("script[src^='/js/local-time.js']")!.HasAttribute("defer").Should().BeTrue();
        (await _client.GetAsync("/js/local-time.js")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_join_link_and_dial_in_never_reach_the_public_page_or_the_calendar()
    {
        var t = await site.CreateTaxonomyAsync();
        var joinUrl = $"https://meet.example.org/j/{t.Some.Token}secretjoin";
        var dialIn = $"+1 555 0100, PIN {t.Some.Token}secretpin";
        var e = await site.CreateEventAsync(t.Some, $"Private links {t.Some.Token}", site.Clock.GetCurrentInstant() + Duration.FromDays(3),
            x => { x.JoinUrl = joinUrl; x.DialIn = dialIn; }, hostIds: [t.Organization.Id]);

        foreach (var url in new[] { $"/events/{e.Slug}", $"/es/events/{e.Slug}", $"/events?organization={t.Organization.Slug}", $"/events/{e.Slug}.ics", "/events.ics" })
        {
            var body = await _client.GetStringAsync(url);
            body.Should().Contain(e.Title, $"{url} shows the event");
            body.Should().NotContain("secretjoin", $"{url} must not show the join link").And.NotContain("secretpin", $"{url} must not show the dial-in");
        }
    }

    [Fact]
    public async Task The_page_shows_hosts_speakers_prerequisites_and_a_registration_summary()
    {
        var t = await site.CreateTaxonomyAsync();
        var reading = await site.SaveResourceAsync(t.Resource($"Read first {t.Some.Token}"));
        var e = await site.CreateEventAsync(t.Some, $"Training day {t.Some.Token}", site.Clock.GetCurrentInstant() + Duration.FromDays(4),
            x => { x.Kind = EventKind.Training; x.Capacity = 40; x.Interpretation = "Spanish, ASL"; x.ContinuingEducationNote = "1.5 CLE credits pending"; x.ContactEmail = "events@defenders.example.org"; },
            hostIds: [t.Organization.Id, t.OtherOrganization.Id], prerequisiteIds: [reading.Id], speakers: [$"Ana Ruiz {t.Some.Token}"]);

        var page = await _client.GetDocumentAsync($"/events/{e.Slug}");
        page.QuerySelectorAll(".event-hosts a").Select(a => a.GetAttribute("href")).Should().Equal($"/organizations/{t.Organization.Slug}", $"/organizations/{t.OtherOrganization.Slug}");
        page.QuerySelector(".event-speakers h3.person-name")!.TextContent.Should().Be($"Ana Ruiz {t.Some.Token}");
        page.QuerySelector(".event-prerequisites a")!.GetAttribute("href").Should().Be($"/resources/{reading.Slug}");
        page.QuerySelector(".seats-left")!.TextContent.Should().Be("40 of 40 seats left");
        page.QuerySelector(".facts")!.TextContent.Should().Contain("Spanish, ASL").And.Contain("1.5 CLE credits pending");
        page.QuerySelector("a[href='mailto:events@defenders.example.org']").Should().NotBeNull();
        page.QuerySelector(".badge")!.TextContent.Should().Be("Training");
        page.QuerySelector(".body p")!.TextContent.Should().Be($"About Training day {t.Some.Token}.");
    }

    [Fact]
    public async Task A_cancelled_event_says_so_at_the_top_and_an_unknown_address_is_not_found()
    {
        var t = await site.CreateTaxonomyAsync();
        var e = await site.CreateEventAsync(t.Some, $"Off {t.Some.Token}", site.Clock.GetCurrentInstant() + Duration.FromDays(2), x => x.Status = EventStatus.Cancelled);

        var page = await _client.GetDocumentAsync($"/events/{e.Slug}");
        var banner = page.QuerySelector("article.event")!.Children[0];
        banner.ClassList.Should().Contain("event-status-banner");
        banner.TextContent.Should().Contain("Cancelled").And.Contain("will not take place");

        (await _client.GetAsync("/events/no-such-event")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await _client.GetAsync("/events/no-such-event.ics")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_completed_event_links_its_recording()
    {
        var t = await site.CreateTaxonomyAsync();
        var e = await site.CreateEventAsync(t.Some, $"Done {t.Some.Token}", site.Clock.GetCurrentInstant() - Duration.FromDays(2),
            x => { x.Status = EventStatus.Completed; x.RecordingUrl = "https://video.example.org/done"; });
        var upcoming = await site.CreateEventAsync(t.Some, $"Not yet {t.Some.Token}", site.Clock.GetCurrentInstant() + Duration.FromDays(2),
            x => x.RecordingUrl = "https://video.example.org/not-yet");

        var page = await _client.GetDocumentAsync($"/events/{e.Slug}");
        page.QuerySelector(".event-recording a")!.GetAttribute("href").Should().Be("https://video.example.org/done");
        page.QuerySelector(".event-status-banner")!.TextContent.Should().Contain("Completed");
        (await _client.GetDocumentAsync($"/events/{upcoming.Slug}")).QuerySelector(".event-recording").Should().BeNull();
    }

    [Fact]
    public async Task The_pages_read_in_Spanish_under_es()
    {
        var t = await site.CreateTaxonomyAsync();
        var e = await site.CreateEventAsync(t.Some, $"Llamada {t.Some.Token}", At("2026-03-08T07:30:00Z"), x => x.Status = EventStatus.Postponed, hostIds: [t.Organization.Id]);

        var page = await _client.GetDocumentAsync($"/es/events/{e.Slug}");
        page.DocumentElement.GetAttribute("lang").Should().Be("es");
        page.QuerySelector(".event-status-banner strong")!.TextContent.Should().Be("Aplazado");
        page.QuerySelector("table.event-zones caption")!.TextContent.Should().Be("La hora en otras zonas");
        page.QuerySelector("tr[data-zone='America/New_York'] td")!.TextContent.Should().Be("domingo 8 de marzo de 2026");
        page.QuerySelector("tr[data-zone='America/New_York'] .starts")!.TextContent.Should().Be("3:30");
        page.QuerySelector(".badge")!.TextContent.Should().Be("Seminario web");

        var list = await _client.GetDocumentAsync($"/es/events?when=past&organization={t.Organization.Slug}");
        list.QuerySelector("h1")!.TextContent.Should().Be("Eventos pasados");
        list.QuerySelector(".event-title a")!.GetAttribute("href").Should().Be($"/es/events/{e.Slug}");
        list.QuerySelector(".event-status")!.TextContent.Should().Be("Aplazado");
    }

    [Fact]
    public async Task An_event_downloads_as_iCalendar_in_its_own_zone_with_a_stable_uid()
    {
        var t = await site.CreateTaxonomyAsync();
        var e = await site.CreateEventAsync(t.Some, $"Calendar {t.Some.Token}", At("2026-03-08T07:30:00Z"),
            x => { x.TimeZoneId = "America/Chicago"; x.CalendarSequence = 3; x.Status = EventStatus.Cancelled; x.ContactEmail = "events@defenders.example.org"; });

        using var response = await _client.GetAsync($"/events/{e.Slug}.ics");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/calendar");
        response.Content.Headers.ContentType.CharSet.Should().Be("utf-8");
        response.Content.Headers.ContentDisposition!.FileNameStar.Should().Be($"{e.Slug}.ics");
        var text = await response.Content.ReadAsStringAsync();
        var calendar = Calendar.Load(text)!;

        calendar.Method.Should().Be("PUBLISH");
        calendar.TimeZones.Select(z => z.TzId).Should().Equal("America/Chicago");
        var entry = calendar.Events.Single();
        entry.Uid.Should().Be($"event-{e.Id}@localhost");
        entry.Sequence.Should().Be(3);
        entry.Status.Should().Be("CANCELLED");
        entry.Summary.Should().Be(e.Title);
        entry.DtStart!.TzId.Should().Be("America/Chicago");
        entry.DtStart.Value.Should().Be(new DateTime(2026, 3, 8, 1, 30, 0));
        entry.DtStart.AsUtc.Should().Be(new DateTime(2026, 3, 8, 7, 30, 0, DateTimeKind.Utc));
        entry.DtEnd!.AsUtc.Should().Be(new DateTime(2026, 3, 8, 8, 30, 0, DateTimeKind.Utc));
        entry.Url!.ToString().Should().Be($"http://localhost/events/{e.Slug}");
        entry.Organizer!.Value!.ToString().Should().Be("mailto:events@defenders.example.org");
        entry.Description.Should().Contain($"About Calendar {t.Some.Token}.");
    }

    [Fact]
    public async Task The_feed_publishes_upcoming_and_recent_events_and_both_addresses_resolve()
    {
        var t = await site.CreateTaxonomyAsync();
        var now = site.Clock.GetCurrentInstant();
        var soon = await site.CreateEventAsync(t.Some, $"Soon {t.Some.Token}", now + Duration.FromDays(1), x => x.Status = EventStatus.Postponed);
        var recent = await site.CreateEventAsync(t.Some, $"Recent {t.Some.Token}", now - Duration.FromDays(10));
        var old = await site.CreateEventAsync(t.Some, $"Old {t.Some.Token}", now - Duration.FromDays(400));

        using var response = await _client.GetAsync("/events.ics");
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/calendar");
        var calendar = Calendar.Load(await response.Content.ReadAsStringAsync())!;
        calendar.Method.Should().Be("PUBLISH");
        var uids = calendar.Events.Select(x => x.Uid).ToList();
        uids.Should().Contain($"event-{soon.Id}@localhost").And.Contain($"event-{recent.Id}@localhost").And.NotContain($"event-{old.Id}@localhost");
        calendar.Events.Single(x => x.Uid == $"event-{soon.Id}@localhost").Status.Should().Be("TENTATIVE");

        // A slug ending in ".ics"-like text is still a page, and the Spanish download links the Spanish page.
        (await _client.GetAsync($"/events/{soon.Slug}")).Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        var spanish = Calendar.Load(await _client.GetStringAsync($"/es/events/{soon.Slug}.ics"))!;
        spanish.Events.Single().Url!.ToString().Should().Be($"http://localhost/es/events/{soon.Slug}");
        spanish.Events.Single().Uid.Should().Be($"event-{soon.Id}@localhost");
    }

    [Fact]
    public async Task Another_parser_ical_js_reads_the_same_entry()
    {
        var t = await site.CreateTaxonomyAsync();
        var e = await site.CreateEventAsync(t.Some, $"Other parser {t.Some.Token}", At("2026-03-08T07:30:00Z"),
            x => { x.TimeZoneId = "America/Chicago"; x.CalendarSequence = 5; x.Status = EventStatus.Postponed; });
        using var json = await IcalJs.ReadAsync(await _client.GetByteArrayAsync($"/events/{e.Slug}.ics"));
        if (json is null) Assert.Skip("ical.js is not installed: run scripts/install-test-deps.sh");
        json.RootElement.GetProperty("method").GetString().Should().Be("PUBLISH");
        json.RootElement.GetProperty("zones").EnumerateArray().Select(z => z.GetString()).Should().Equal("America/Chicago");
        var entry = json.RootElement.GetProperty("events").EnumerateArray().Single();
        entry.GetProperty("uid").GetString().Should().Be($"event-{e.Id}@localhost");
        entry.GetProperty("sequence").GetInt32().Should().Be(5);
        entry.GetProperty("status").GetString().Should().Be("TENTATIVE");
        entry.GetProperty("start").GetProperty("zone").GetString().Should().Be("America/Chicago");
        entry.GetProperty("start").GetProperty("local").GetString().Should().Be("2026-03-08T01:30:00");
        entry.GetProperty("start").GetProperty("utc").GetString().Should().Be("2026-03-08T07:30:00.000Z");
        // After Chicago's clocks moved: 03:30 CDT, an hour after 01:30 CST.
        entry.GetProperty("end").GetProperty("local").GetString().Should().Be("2026-03-08T03:30:00");
        entry.GetProperty("end").GetProperty("utc").GetString().Should().Be("2026-03-08T08:30:00.000Z");
    }
}

public sealed class EventPageOnSqlite(SqliteSite site) : EventPageTests(site), IClassFixture<SqliteSite>;

public sealed class EventPageOnPostgres(PostgresSite site) : EventPageTests(site), IClassFixture<PostgresSite>;
