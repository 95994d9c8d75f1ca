using System.Text;
using AwesomeAssertions;
using Haven.Core.Events;
using Haven.TestSupport;
using Ical.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using NodaTime;

namespace Haven.Web.Tests.Events;

/// <summary>Registration mail as it reaches a real SMTP server: the letter for where the registrant stands, in their
/// language, joining details only with a seat, a private link that opens the registration, and a calendar entry with
/// the event's UID and SEQUENCE; reminders once per lead. Both databases.</summary>
public abstract class RegistrationMailTests(SiteWithSmtp site)
{
    private const string JoinUrl = "https://meet.example.org/j/4455";

    private Task<Event> EventAsync(Some some, Duration fromNow, int? capacity = null, string reminders = Event.DefaultReminderMinutes) =>
        site.CreateEventAsync(some, $"Detainer defense {some.Token}", site.Clock.GetCurrentInstant() + fromNow, e =>
        {
            e.TimeZoneId = "America/Chicago";
            e.Capacity = capacity;
            e.JoinUrl = JoinUrl;
            e.DialIn = "+1 555 0100, code 4455";
            e.ContactEmail = "events@example.org";
            e.ReminderMinutes = reminders;
        });

    private async Task<RegistrationResult> RegisterAsync(Event e, string name, Some some, string language = "en")
    {
        await using var scope = site.Scope();
        var outcome = await scope.ServiceProvider.GetRequiredService<RegisterForEvent>().RunAsync(new RegistrationRequest
        {
            EventId = e.Id, Name = name, Email = Address(name, some), Language = language,
        });
        return outcome.Value ?? throw new InvalidOperationException(string.Join("; ", outcome.Problems.Select(p => p.Message)));
    }

    private static string Address(string name, Some some) => $"{name.ToLowerInvariant()}.{some.Token}@example.org";

    private async Task<MimeMessage> MailToAsync(string name, Some some, string subjectStart)
    {
        var to = Address(name, some);
        var found = await site.Smtp.WaitForAsync(m => m.To.Mailboxes.Any(b => b.Address == to) && (m.Subject ?? "").StartsWith(subjectStart, StringComparison.Ordinal));
        return found.Single();
    }

    private static byte[]? CalendarBytes(MimeMessage message)
    {
        var part = message.Attachments.OfType<MimePart>().SingleOrDefault(p => p.ContentType.MimeType == "text/calendar");
        if (part is null) return null;
        using var content = new MemoryStream();
        part.Content!.DecodeTo(content);
        return content.ToArray();
    }

    private static Calendar? CalendarIn(MimeMessage message) =>
        CalendarBytes(message) is { } bytes ? Calendar.Load(Encoding.UTF8.GetString(bytes)) : null;

    [Fact]
    public async Task A_confirmed_registrant_gets_the_joining_details_a_working_private_link_and_a_calendar_invitation()
    {
        var some = new Some();
        var e = await EventAsync(some, Duration.FromDays(3));
        var ana = await RegisterAsync(e, "Ana", some);

        var mail = await MailToAsync("Ana", some, "You are registered:");

        mail.Subject.Should().Be($"You are registered: {e.Title}");
        mail.ReplyTo.Mailboxes.Single().Address.Should().Be("events@example.org");
        var text = mail.TextBody!;
        text.Should().Contain("Hello Ana,").And.Contain(JoinUrl).And.Contain("+1 555 0100, code 4455").And.Contain("Chicago time");
        text.Should().Contain("erase them", "the letter repeats how long personal data is kept");
        var token = PrivateLinks.In(text).Should().ContainSingle().Subject;
        token.Should().Be(ana.PrivateToken, "the letter carries the link the registration page was opened with");
        PrivateLinks.PathIn(mail).Should().Be($"/events/{e.Slug}/registration/{token}");

        var calendar = CalendarIn(mail)!;
        calendar.Method.Should().Be("REQUEST");
        var entry = calendar.Events.Should().ContainSingle().Subject;
        entry.Uid.Should().Be($"event-{e.Id}@localhost");
        entry.Sequence.Should().Be(e.CalendarSequence);
        entry.Attendees.Single().Value!.ToString().Should().Be($"mailto:{Address("Ana", some)}");
        entry.Start!.AsUtc.Should().Be(Instant.FromUnixTimeSeconds(e.StartsAt.ToUnixTimeSeconds()).ToDateTimeUtc(), "calendars keep whole seconds");
    }

    [Fact]
    public async Task Mail_is_in_the_registrants_language_and_the_waitlisted_get_no_joining_details_until_promoted()
    {
        var some = new Some();
        var e = await EventAsync(some, Duration.FromDays(3), capacity: 1);
        var ana = await RegisterAsync(e, "Ana", some);
        await RegisterAsync(e, "Beto", some, language: "es");

        var waitlisted = await MailToAsync("Beto", some, "Está en la lista de espera:");
        waitlisted.TextBody.Should().Contain("Hola, Beto:").And.NotContain(JoinUrl);
        CalendarIn(waitlisted).Should().BeNull("a waitlisted person has no seat to put in a calendar");
        PrivateLinks.PathIn(waitlisted).Should().StartWith("/es/events/", "the link opens the page in their language");

        await using (var scope = site.Scope())
            (await scope.ServiceProvider.GetRequiredService<CancelRegistration>().RunAsync(ana.PrivateToken)).Should().NotBeNull();

        var cancelled = await MailToAsync("Ana", some, "Registration cancelled:");
        CalendarIn(cancelled)!.Method.Should().Be("CANCEL");
        CalendarIn(cancelled)!.Events.Single().Uid.Should().Be($"event-{e.Id}@localhost");
        var promoted = await MailToAsync("Beto", some, "Tiene un lugar:");
        promoted.TextBody.Should().Contain(JoinUrl).And.Contain("Cómo conectarse");
        CalendarIn(promoted)!.Method.Should().Be("REQUEST");
        var link = PrivateLinks.In(promoted.TextBody).Single();
        await using (var scope = site.Scope())
            (await scope.ServiceProvider.GetRequiredService<RegisterForEvent>().FindByTokenAsync(link))!.Status.Should().Be(RegistrationStatus.Confirmed);
    }

    [Fact]
    public async Task Another_parser_ical_js_reads_the_invitation_and_its_cancellation_as_the_same_entry()
    {
        var some = new Some();
        var e = await EventAsync(some, Duration.FromDays(4));
        var ana = await RegisterAsync(e, "Ana", some);
        using var invitation = await IcalJs.ReadAsync(CalendarBytes(await MailToAsync("Ana", some, "You are registered:"))!);
        if (invitation is null) Assert.Skip("ical.js is not installed: run scripts/install-test-deps.sh");
        await using (var scope = site.Scope())
            await scope.ServiceProvider.GetRequiredService<CancelRegistration>().RunAsync(ana.PrivateToken);
        using var cancellation = await IcalJs.ReadAsync(CalendarBytes(await MailToAsync("Ana", some, "Registration cancelled:"))!);

        invitation.RootElement.GetProperty("method").GetString().Should().Be("REQUEST");
        cancellation!.RootElement.GetProperty("method").GetString().Should().Be("CANCEL");
        var invited = invitation.RootElement.GetProperty("events").EnumerateArray().Single();
        var cancelled = cancellation.RootElement.GetProperty("events").EnumerateArray().Single();
        cancelled.GetProperty("uid").GetString().Should().Be(invited.GetProperty("uid").GetString()).And.Be($"event-{e.Id}@localhost");
        invited.GetProperty("status").GetString().Should().Be("CONFIRMED");
        cancelled.GetProperty("status").GetString().Should().Be("CANCELLED");
        invited.GetProperty("start").GetProperty("zone").GetString().Should().Be("America/Chicago");
        invited.GetProperty("start").GetProperty("utc").GetString().Should().StartWith(e.StartsAt.ToString("uuuu-MM-dd'T'HH:mm:ss", null));
    }

    [Fact]
    public async Task A_reminder_goes_once_to_confirmed_registrants_and_a_missed_longer_lead_is_skipped()
    {
        var some = new Some();
        // Starts in 50 minutes: the one-hour reminder is due, and the one-day reminder was never sent (the site was
        // down, or the event was created today): only the one-hour reminder goes.
        var e = await EventAsync(some, Duration.FromMinutes(50), capacity: 2);
        foreach (var name in new[] { "Ana", "Beto", "Cai" }) await RegisterAsync(e, name, some);

        for (var run = 0; run < 2; run++)
        {
            await using var scope = site.Scope();
            await scope.ServiceProvider.GetRequiredService<SendDueReminders>().RunAsync();
        }

        var markers = await site.WithDbAsync(db => db.EventReminders.Where(r => r.EventId == e.Id).ToListAsync());
        markers.Should().ContainSingle().Which.Should().BeEquivalentTo(new { LeadMinutes = 60, Recipients = 2 });
        var reminders = await site.WithDbAsync(db => db.Outbox.Where(m => m.Subject.StartsWith("Reminder: ") && m.Subject.Contains(some.Token)).Select(m => m.To).ToListAsync());
        reminders.Should().BeEquivalentTo([Address("Ana", some), Address("Beto", some)], "the waitlisted get no reminder, and nobody gets two");
        var mail = await MailToAsync("Ana", some, "Reminder:");
        mail.TextBody.Should().Contain(JoinUrl);
    }

    [Fact]
    public async Task An_event_that_moves_is_reminded_again_at_its_new_time()
    {
        var some = new Some();
        var e = await EventAsync(some, Duration.FromMinutes(30), reminders: "60");
        await RegisterAsync(e, "Ana", some);
        await using (var scope = site.Scope())
            await scope.ServiceProvider.GetRequiredService<SendDueReminders>().RunAsync();
        await site.WithDbAsync(async db =>
        {
            var moved = await db.Events.SingleAsync(x => x.Id == e.Id);
            moved.StartsAt += Duration.FromMinutes(10);
            return await db.SaveChangesAsync();
        });
        await using (var scope = site.Scope())
            await scope.ServiceProvider.GetRequiredService<SendDueReminders>().RunAsync();

        (await site.WithDbAsync(db => db.EventReminders.CountAsync(r => r.EventId == e.Id))).Should().Be(2);
    }
}

public sealed class RegistrationMailOnSqlite(SqliteSiteWithSmtp site) : RegistrationMailTests(site), IClassFixture<SqliteSiteWithSmtp>;

public sealed class RegistrationMailOnPostgres(PostgresSiteWithSmtp site) : RegistrationMailTests(site), IClassFixture<PostgresSiteWithSmtp>;
