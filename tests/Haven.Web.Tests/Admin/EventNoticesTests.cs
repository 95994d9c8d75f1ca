using System.Globalization;
using System.Net;
using AwesomeAssertions;
using Haven.Core.Events;
using Haven.Core.Resources;
using Haven.TestSupport;
using Ical.Net;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using NodaTime;
using Calendar = Ical.Net.Calendar;

namespace Haven.Web.Tests.Admin;

/// <summary>The editor's questions, prerequisites, reminders and drafts, and the mail a saved change sends registrants
/// (through a real SMTP server), on both databases.</summary>
public abstract class EventNoticesTests(SiteWithSmtp site)
{
    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    private string Local(Instant at) => EventFields.LocalPattern.Format(at.InZone(DateTimeZoneProviders.Tzdb["America/Chicago"]).LocalDateTime);

    private Instant Days(int days) => site.Clock.GetCurrentInstant() + Duration.FromDays(days);

    private List<KeyValuePair<string, string>> Fields(string title, int revision, int host, Instant startsAt, string capacity = "", string status = "Scheduled")
    {
        return
        [
            new("Form.ExpectedRevision", Id(revision)),
            new("Form.Title", title),
            new("Form.Kind", "Webinar"),
            new("Form.Status", status),
            new("Form.Language", "en"),
            new("Form.StartsAt", Local(startsAt)),
            new("Form.TimeZoneId", "America/Chicago"),
            new("Form.DurationMinutes", "60"),
            new("Form.RegistrationMode", "Open"),
            new("Form.Capacity", capacity),
            new("Form.JoinUrl", "https://meet.example.org/room"),
            new("Form.Hosts[0]", Id(host)),
        ];
    }

    private static List<KeyValuePair<string, string>> With(List<KeyValuePair<string, string>> fields, string key, string value)
    {
        fields.RemoveAll(f => f.Key == key);
        fields.Add(new(key, value));
        return fields;
    }

    private Task<Event?> FindAsync(string title) => site.WithDbAsync(db => db.Events.AsNoTracking()
        .Include(e => e.Questions).Include(e => e.Prerequisites).AsSplitQuery().FirstOrDefaultAsync(e => e.Title == title));

    private async Task<(HttpClient Editor, Event Event)> CreateAsync(TestTaxonomy t, string title, Instant startsAt, string capacity = "", Action<List<KeyValuePair<string, string>>>? more = null)
    {
        var editor = await site.MemberClientAsync(t.Organization.Id);
        var fields = Fields(title, 0, t.Organization.Id, startsAt, capacity);
        more?.Invoke(fields);
        var response = await editor.PostFormAsync("/admin/events/new", "/admin/events/new", fields);
        response.StatusCode.Should().Be(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        return (editor, (await FindAsync(title))!);
    }

    /// <summary>Registrations written straight to the database (the registration form is built elsewhere), in line order.</summary>
    private Task<List<Registration>> RegistrantsAsync(int eventId, string token, params (string Name, RegistrationStatus Status)[] people) => site.WithDbAsync(async db =>
    {
        var now = site.Clock.GetCurrentInstant();
        var rows = people.Select((p, i) => new Registration
        {
            EventId = eventId,
            Name = p.Name,
            Email = $"{p.Name.ToLowerInvariant()}-{token}@example.org",
            NormalizedEmail = $"{p.Name.ToLowerInvariant()}-{token}@example.org",
            Status = p.Status,
            CreatedAt = now,
            QueuedAt = now + Duration.FromSeconds(i),
            UpdatedAt = now,
        }).ToList();
        db.Registrations.AddRange(rows);
        await db.SaveChangesAsync();
        return rows;
    });

    private static string To(string name, string token) => $"{name.ToLowerInvariant()}-{token}@example.org";

    private static bool Addressed(MimeMessage m, string address) => m.To.Mailboxes.Any(b => b.Address == address);

    private static Calendar CalendarIn(MimeMessage m) =>
        Calendar.Load(m.BodyParts.OfType<TextPart>().First(p => p.ContentType.IsMimeType("text", "calendar")).Text)!;

    private async Task<string> EditAsync(HttpClient editor, Event e, List<KeyValuePair<string, string>> fields)
    {
        var edit = $"/admin/events/{e.Id}/edit";
        var response = await editor.PostFormAsync(edit, edit, fields);
        response.StatusCode.Should().Be(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        site.WakeMailDispatcher();
        return await editor.GetStringAsync(response.Headers.Location);
    }

    [Fact]
    public async Task Editing_questions_keeps_their_ids_and_prerequisites_and_reminders_are_saved()
    {
        var t = await site.CreateTaxonomyAsync();
        var guide = await site.SaveResourceAsync(t.Resource($"Detainer guide {t.Some.Token}"));
        var title = $"Questions {t.Some.Token}";
        var (editor, e) = await CreateAsync(t, title, Days(10), more: f =>
        {
            f.Add(new("Form.Questions[0].Kind", "ShortText"));
            f.Add(new("Form.Questions[0].Label", "Your bar number"));
            f.Add(new("Form.Questions[1].Kind", "Choice"));
            f.Add(new("Form.Questions[1].Label", "Which session?"));
            f.Add(new("Form.Questions[1].Options", "Morning\r\nAfternoon"));
            f.Add(new("Form.Questions[1].Required", "true"));
            f.Add(new("Form.Questions[2].Kind", "Checkbox"));
            f.Add(new("Form.Questions[2].Label", "I need interpretation"));
            f.Add(new("Form.Prerequisites", $"https://haven.example.org/resources/{guide.Slug}"));
            f.Add(new("Form.Reminders", ""));
            f.Add(new("Form.Reminders", "10080"));
            f.Add(new("Form.Reminders", "15"));
        });
        e.Questions.OrderBy(q => q.Position).Select(q => (q.Kind, q.Label, q.Options, q.Required)).Should().Equal(
            (QuestionKind.ShortText, "Your bar number", "", false), (QuestionKind.Choice, "Which session?", "Morning\nAfternoon", true),
            (QuestionKind.Checkbox, "I need interpretation", "", false));
        e.Prerequisites.Select(r => r.Id).Should().Equal(guide.Id);
        e.ReminderMinutes.Should().Be("10080,15");

        // The editor shows the saved rows, their ids and the reminder boxes as saved.
        var page = Html.Parse(await editor.GetStringAsync($"/admin/events/{e.Id}/edit"));
        page.QuerySelector("#QuestionLabel1")!.GetAttribute("value").Should().Be("Which session?");
        page.QuerySelectorAll("input[name='Form.Reminders'][checked]").Select(i => i.GetAttribute("value")).Should().Equal("10080", "15");
        page.QuerySelector("#Prerequisites")!.TextContent.Trim().Should().Be(guide.Slug);

        // Reorder (the choice first), rename the first, remove the checkbox, add one; no reminders at all.
        var byLabel = e.Questions.ToDictionary(q => q.Label, q => q.Id);
        var fields = Fields(title, e.Revision, t.Organization.Id, Days(10));
        fields.AddRange([
            new("Form.Questions[0].Id", Id(byLabel["Your bar number"])), new("Form.Questions[0].Kind", "ShortText"),
            new("Form.Questions[0].Label", "Bar number and state"), new("Form.Questions[0].Position", "2"),
            new("Form.Questions[1].Id", Id(byLabel["Which session?"])), new("Form.Questions[1].Kind", "Choice"),
            new("Form.Questions[1].Label", "Which session?"), new("Form.Questions[1].Options", "Morning\nAfternoon\nEvening"), new("Form.Questions[1].Position", "1"),
            new("Form.Questions[2].Id", Id(byLabel["I need interpretation"])), new("Form.Questions[2].Kind", "Checkbox"),
            new("Form.Questions[2].Label", "I need interpretation"), new("Form.Questions[2].Remove", "true"),
            new("Form.Questions[3].Kind", "ShortText"), new("Form.Questions[3].Label", "Anything else?"), new("Form.Questions[3].Position", "3"),
            new("Form.Questions[4].Label", ""),
            new("Form.Reminders", ""),
        ]);
        await EditAsync(editor, e, fields);

        var after = (await FindAsync(title))!;
        var questions = after.Questions.OrderBy(q => q.Position).ToList();
        questions.Select(q => q.Label).Should().Equal("Which session?", "Bar number and state", "Anything else?");
        questions[0].Id.Should().Be(byLabel["Which session?"]);
        questions[0].Options.Should().Be("Morning\nAfternoon\nEvening");
        questions[1].Id.Should().Be(byLabel["Your bar number"], "an edited question keeps its id, so answers given to it still match");
        questions[2].Id.Should().NotBe(byLabel["I need interpretation"]);
        after.ReminderMinutes.Should().BeEmpty();
    }

    [Fact]
    public async Task A_draft_is_hidden_from_the_public_everywhere_and_shown_to_its_editors_until_published()
    {
        var t = await site.CreateTaxonomyAsync();
        var title = $"Draft webinar {t.Some.Token}";
        var (editor, e) = await CreateAsync(t, title, Days(5), more: f => f.Add(new("Form.IsDraft", "true")));
        e.IsDraft.Should().BeTrue();
        var anonymous = site.CreateClient(new() { AllowAutoRedirect = false });
        var outsider = await site.MemberClientAsync(t.OtherOrganization.Id);

        foreach (var client in new[] { anonymous, outsider })
        {
            (await client.GetStringAsync("/events")).Should().NotContain(title);
            (await client.GetStringAsync($"/events?organization={t.Organization.Slug}")).Should().NotContain(title);
            (await client.GetStringAsync("/events?kind=webinar&language=en")).Should().NotContain(title);
            (await client.GetStringAsync("/events.ics")).Should().NotContain(title);
            (await client.GetAsync($"/events/{e.Slug}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
            (await client.GetAsync($"/events/{e.Slug}.ics")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        }
        var own = Html.Parse(await editor.GetStringAsync($"/events/{e.Slug}"));
        own.QuerySelector(".event-draft-banner")!.TextContent.Should().Contain("Draft");
        (await editor.GetStringAsync("/admin/events")).Should().Contain(title);

        // Published: the box unticked.
        await EditAsync(editor, e, Fields(title, e.Revision, t.Organization.Id, Days(5)));
        (await anonymous.GetStringAsync("/events")).Should().Contain(title);
        (await anonymous.GetStringAsync("/events.ics")).Should().Contain(title);
        var page = await anonymous.GetAsync($"/events/{e.Slug}");
        page.StatusCode.Should().Be(HttpStatusCode.OK);
        Html.Parse(await page.Content.ReadAsStringAsync()).QuerySelector(".event-draft-banner").Should().BeNull();
    }

    [Fact]
    public async Task A_new_time_is_mailed_to_every_active_registrant_with_the_same_calendar_entry_at_a_higher_sequence()
    {
        var t = await site.CreateTaxonomyAsync();
        var title = $"Moving webinar {t.Some.Token}";
        var (editor, e) = await CreateAsync(t, title, Days(7), capacity: "1");
        await RegistrantsAsync(e.Id, t.Some.Token, ("Ana", RegistrationStatus.Confirmed), ("Ben", RegistrationStatus.Waitlisted),
            ("Cai", RegistrationStatus.PendingApproval), ("Dee", RegistrationStatus.Cancelled), ("Eli", RegistrationStatus.Declined));
        var feedUid = Calendar.Load(await editor.GetStringAsync($"/events/{e.Slug}.ics"))!.Events.Single().Uid;

        var page = await EditAsync(editor, e, Fields(title, e.Revision, t.Organization.Id, Days(8), capacity: "1"));

        Html.Parse(page).QuerySelector("[role=status]")!.TextContent.Should().Contain("Saved; 3 registrants were told of the change.");
        var letters = await site.Smtp.WaitForAsync(m => m.Subject == $"New time: {title}", count: 3);
        letters.SelectMany(m => m.To.Mailboxes).Select(b => b.Address).Should().BeEquivalentTo([To("Ana", t.Some.Token), To("Ben", t.Some.Token), To("Cai", t.Some.Token)]);
        var ana = letters.Single(m => Addressed(m, To("Ana", t.Some.Token)));
        var entry = CalendarIn(ana).Events.Single();
        entry.Uid.Should().Be(feedUid);
        entry.Sequence.Should().Be(e.CalendarSequence + 1).And.BeGreaterThan(0);
        CalendarIn(ana).Method.Should().Be("REQUEST");
        PrivateLinks.In(ana.TextBody).Should().ContainSingle();
        await Task.Delay(300);
        site.Smtp.Received().Should().NotContain(m => Addressed(m, To("Dee", t.Some.Token)) || Addressed(m, To("Eli", t.Some.Token)));
        (await FindAsync(title))!.CalendarSequence.Should().Be(e.CalendarSequence + 1);
    }

    [Fact]
    public async Task An_event_years_ahead_can_be_moved_and_its_letter_carries_a_calendar_another_parser_reads()
    {
        // Regression: the letter's VTIMEZONE was built from a range ending at the machine's clock, so an event more
        // than a year ahead crashed the save with a 500.
        var t = await site.CreateTaxonomyAsync();
        var title = $"Far webinar {t.Some.Token}";
        var startsAt = Instant.FromUtc(2031, 6, 3, 17, 0);
        var (editor, e) = await CreateAsync(t, title, startsAt);
        await RegistrantsAsync(e.Id, t.Some.Token, ("Ana", RegistrationStatus.Confirmed));

        var page = await EditAsync(editor, e, Fields(title, e.Revision, t.Organization.Id, startsAt + Duration.FromHours(2)));

        Html.Parse(page).QuerySelector("[role=status]")!.TextContent.Should().Contain("Saved; 1 registrant was told of the change.");
        var letter = (await site.Smtp.WaitForAsync(m => m.Subject == $"New time: {title}" && Addressed(m, To("Ana", t.Some.Token)))).Single();
        var calendar = CalendarIn(letter);
        calendar.TimeZones.Single().TzId.Should().Be("America/Chicago");
        calendar.Events.Single().DtStart!.AsUtc.Should().Be(new DateTime(2031, 6, 3, 19, 0, 0, DateTimeKind.Utc));
        var ics = letter.BodyParts.OfType<TextPart>().First(p => p.ContentType.IsMimeType("text", "calendar")).Text;
        using var read = await IcalJs.ReadAsync(System.Text.Encoding.UTF8.GetBytes(ics));
        if (read is null) Assert.Skip("ical.js is not installed: run scripts/install-test-deps.sh");
        var start = read.RootElement.GetProperty("events").EnumerateArray().Single().GetProperty("start");
        start.GetProperty("zone").GetString().Should().Be("America/Chicago");
        start.GetProperty("utc").GetString().Should().StartWith("2031-06-03T19:00:00");
    }

    [Fact]
    public async Task Cancelling_mails_a_calendar_cancellation_and_completing_mails_nothing()
    {
        var t = await site.CreateTaxonomyAsync();
        var title = $"Cancelled webinar {t.Some.Token}";
        var (editor, e) = await CreateAsync(t, title, Days(7));
        await RegistrantsAsync(e.Id, t.Some.Token, ("Ana", RegistrationStatus.Confirmed), ("Ben", RegistrationStatus.Waitlisted));
        var erased = await RegistrantsAsync(e.Id, t.Some.Token, ("Gone", RegistrationStatus.Confirmed));
        await site.WithDbAsync(db => db.Registrations.Where(r => r.Id == erased[0].Id)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.Email, "").SetProperty(r => r.Name, "").SetProperty(r => r.ErasedAt, site.Clock.GetCurrentInstant())));

        var page = await EditAsync(editor, e, Fields(title, e.Revision, t.Organization.Id, Days(7), status: "Cancelled"));

        Html.Parse(page).QuerySelector("[role=status]")!.TextContent.Should().Contain("Saved; 2 registrants were told of the cancellation.");
        var letters = await site.Smtp.WaitForAsync(m => m.Subject == $"Cancelled: {title}", count: 2);
        letters.Should().OnlyContain(m => CalendarIn(m).Method == "CANCEL");
        CalendarIn(letters[0]).Events.Single().Sequence.Should().Be(e.CalendarSequence + 1);

        // Completing the cancelled event later tells nobody.
        var cancelled = (await FindAsync(title))!;
        page = await EditAsync(editor, cancelled, Fields(title, cancelled.Revision, t.Organization.Id, Days(7), status: "Completed"));
        Html.Parse(page).QuerySelector("[role=status]")!.TextContent.Trim().Should().Be("Saved.");
    }

    [Fact]
    public async Task A_recording_added_to_a_past_event_is_mailed_to_those_who_had_a_seat()
    {
        var t = await site.CreateTaxonomyAsync();
        var title = $"Past webinar {t.Some.Token}";
        var (editor, e) = await CreateAsync(t, title, Days(-3));
        await RegistrantsAsync(e.Id, t.Some.Token, ("Ana", RegistrationStatus.Confirmed), ("Ben", RegistrationStatus.Waitlisted), ("Cai", RegistrationStatus.Confirmed));

        var page = await EditAsync(editor, e, With(Fields(title, e.Revision, t.Organization.Id, Days(-3)), "Form.RecordingUrl", "https://video.example.org/past"));

        Html.Parse(page).QuerySelector("[role=status]")!.TextContent.Should().Contain("Saved; 2 registrants were sent the recording or materials.");
        var letters = await site.Smtp.WaitForAsync(m => m.Subject == $"Recording available: {title}", count: 2);
        letters.SelectMany(m => m.To.Mailboxes).Select(b => b.Address).Should().BeEquivalentTo([To("Ana", t.Some.Token), To("Cai", t.Some.Token)]);
        letters[0].TextBody.Should().Contain("https://video.example.org/past");

        // Saving again with the same recording sends nothing more.
        var saved = (await FindAsync(title))!;
        page = await EditAsync(editor, saved, With(Fields(title, saved.Revision, t.Organization.Id, Days(-3)), "Form.RecordingUrl", "https://video.example.org/past"));
        Html.Parse(page).QuerySelector("[role=status]")!.TextContent.Trim().Should().Be("Saved.");
    }

    [Fact]
    public async Task Materials_added_after_the_event_are_listed_on_its_page_and_mailed_once_to_those_who_had_a_seat()
    {
        var t = await site.CreateTaxonomyAsync();
        var slides = await site.SaveResourceAsync(t.Resource($"Slides on detainers {t.Some.Token}"));
        var title = $"Past training {t.Some.Token}";
        var (editor, e) = await CreateAsync(t, title, Days(-2));
        await RegistrantsAsync(e.Id, t.Some.Token, ("Ana", RegistrationStatus.Confirmed), ("Ben", RegistrationStatus.Waitlisted));

        var page = await EditAsync(editor, e, With(Fields(title, e.Revision, t.Organization.Id, Days(-2)), "Form.Materials", slides.Slug));

        Html.Parse(page).QuerySelector("[role=status]")!.TextContent.Should().Contain("Saved; 1 registrant was sent the recording or materials.");
        var letter = (await site.Smtp.WaitForAsync(m => m.Subject == $"Recording available: {title}")).Single();
        letter.To.Mailboxes.Single().Address.Should().Be(To("Ana", t.Some.Token));
        letter.TextBody.Should().Contain("The materials of this event are online.").And.Contain($"{slides.Title}: ").And.Contain($"/resources/{slides.Slug}");
        var eventPage = Html.Parse(await site.CreateClient().GetStringAsync($"/events/{e.Slug}"));
        eventPage.QuerySelector(".event-materials a")!.GetAttribute("href").Should().Be($"/resources/{slides.Slug}");

        var saved = (await FindAsync(title))!;
        page = await EditAsync(editor, saved, With(Fields(title, saved.Revision, t.Organization.Id, Days(-2)), "Form.Materials", slides.Slug));
        Html.Parse(page).QuerySelector("[role=status]")!.TextContent.Trim().Should().Be("Saved.", "materials already sent are not sent again");
    }

    [Fact]
    public async Task More_seats_promote_the_waitlist_in_order_and_tell_them()
    {
        var t = await site.CreateTaxonomyAsync();
        var title = $"Growing webinar {t.Some.Token}";
        var (editor, e) = await CreateAsync(t, title, Days(7), capacity: "1");
        var rows = await RegistrantsAsync(e.Id, t.Some.Token, ("Ana", RegistrationStatus.Confirmed), ("Ben", RegistrationStatus.Waitlisted),
            ("Cai", RegistrationStatus.Waitlisted), ("Dee", RegistrationStatus.Waitlisted));

        var page = await EditAsync(editor, e, Fields(title, e.Revision, t.Organization.Id, Days(7), capacity: "3"));

        Html.Parse(page).QuerySelector("[role=status]")!.TextContent.Should().Contain("2 people on the waitlist got a seat and were told.");
        var letters = await site.Smtp.WaitForAsync(m => m.Subject == $"A seat is yours: {title}", count: 2);
        letters.SelectMany(m => m.To.Mailboxes).Select(b => b.Address).Should().BeEquivalentTo([To("Ben", t.Some.Token), To("Cai", t.Some.Token)]);
        var statuses = await site.WithDbAsync(db => db.Registrations.Where(r => r.EventId == e.Id).OrderBy(r => r.QueuedAt).Select(r => r.Status).ToListAsync());
        statuses.Should().Equal(RegistrationStatus.Confirmed, RegistrationStatus.Confirmed, RegistrationStatus.Confirmed, RegistrationStatus.Waitlisted);

        // No limit at all: the last one too.
        var grown = (await FindAsync(title))!;
        await EditAsync(editor, grown, Fields(title, grown.Revision, t.Organization.Id, Days(7)));
        await site.Smtp.WaitForAsync(m => m.Subject == $"A seat is yours: {title}" && Addressed(m, To("Dee", t.Some.Token)));
        rows.Should().HaveCount(4);
    }

    [Fact]
    public async Task Bad_questions_reminders_and_prerequisites_are_explained_and_change_nothing()
    {
        var t = await site.CreateTaxonomyAsync();
        var draft = await site.SaveResourceAsync(t.Resource($"Unpublished guide {t.Some.Token}"), SaveAction.SaveDraft);
        var title = $"Careful webinar {t.Some.Token}";
        var (editor, e) = await CreateAsync(t, title, Days(7));
        var fields = Fields($"Renamed {t.Some.Token}", e.Revision, t.Organization.Id, Days(7));
        fields.AddRange([
            new("Form.Questions[0].Kind", "Choice"), new("Form.Questions[0].Label", "Which one?"), new("Form.Questions[0].Options", "Only this"),
            new("Form.Reminders", "0"),
            new("Form.Prerequisites", $"no-such-resource-{t.Some.Token}\n{draft.Slug}"),
        ]);
        var edit = $"/admin/events/{e.Id}/edit";

        var response = await editor.PostFormAsync(edit, edit, fields);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var page = Html.Parse(await response.Content.ReadAsStringAsync());
        string ErrorsIn(string id) => string.Join(" ", page.QuerySelector($"#{id}")!.QuerySelectorAll(".field-error").Select(p => p.TextContent));
        ErrorsIn("Questions").Should().Contain("Give a choice question at least two options, one a line.");
        ErrorsIn("ReminderMinutes").Should().Contain("each from one minute to four weeks before the start");
        var prerequisiteErrors = string.Join(" ", page.QuerySelector("#Prerequisites")!.ParentElement!.QuerySelectorAll(".field-error").Select(p => p.TextContent));
        prerequisiteErrors.Should().Contain($"No published resource has the address \"no-such-resource-{t.Some.Token}\".")
            .And.Contain($"No published resource has the address \"{draft.Slug}\".");
        page.QuerySelector("#QuestionOptions0")!.TextContent.Should().Be("Only this");

        var after = (await FindAsync(title))!;
        after.Revision.Should().Be(e.Revision);
        after.Questions.Should().BeEmpty();
        after.Prerequisites.Should().BeEmpty();
        after.ReminderMinutes.Should().Be(e.ReminderMinutes);
    }
}

public sealed class EventNoticesOnSqlite(SqliteSiteWithSmtp site) : EventNoticesTests(site), IClassFixture<SqliteSiteWithSmtp>;

public sealed class EventNoticesOnPostgres(PostgresSiteWithSmtp site) : EventNoticesTests(site), IClassFixture<PostgresSiteWithSmtp>;
