using System.Globalization;
using System.Net;
using System.Text;
using AwesomeAssertions;
using Haven.Core.Audit;
using Haven.Core.Events;
using Haven.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using NodaTime;

namespace Haven.Web.Tests.Admin;

/// <summary>The hosts' registrant management over HTTP, with mail through a real SMTP server, on both databases: an
/// editor of the owning organization approves, declines, moves to and confirms from the waitlist (each letter arrives,
/// and a freed seat goes to the next in line), marks attendance, writes to a group (each letter with its own private
/// link) and exports CSV; another organization's editor and forged registration ids change nothing.</summary>
public abstract class RegistrantManagementTests(SiteWithSmtp site)
{
    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    private static string Page(int eventId) => $"/admin/events/{eventId}/registrations";

    private static string Action(int eventId, string handler) => $"{Page(eventId)}?handler={handler}";

    private sealed record World(TestTaxonomy T, Event Event, HttpClient Editor);

    private async Task<World> ArrangeAsync(int? capacity, RegistrationMode mode = RegistrationMode.Open, Action<Event>? with = null)
    {
        var t = await site.CreateTaxonomyAsync();
        var e = await site.CreateEventAsync(t.Some, $"Know your rights {t.Some.Token}", site.Clock.GetCurrentInstant() + Duration.FromDays(10), x =>
        {
            x.OwnerOrganizationId = t.Organization.Id;
            x.Capacity = capacity;
            x.RegistrationMode = mode;
            x.TimeZoneId = "America/Chicago";
            with?.Invoke(x);
        }, hostIds: [t.Organization.Id]);
        return new World(t, e, await site.MemberClientAsync(t.Organization.Id));
    }

    private async Task<Registration> RegisterAsync(World w, string name)
    {
        await using var scope = site.Scope();
        var outcome = await scope.ServiceProvider.GetRequiredService<RegisterForEvent>().RunAsync(new RegistrationRequest
        {
            EventId = w.Event.Id,
            Name = name,
            Email = AddressOf(w, name),
            Organization = $"{name} Legal Aid",
        });
        return outcome.Value?.Registration ?? throw new InvalidOperationException(string.Join("; ", outcome.Problems));
    }

    private static string AddressOf(World w, string name) => $"{name.ToLowerInvariant()}-{w.T.Some.Token}@example.org";

    private Task<RegistrationStatus> StatusOfAsync(Registration r) =>
        site.WithDbAsync(db => db.Registrations.Where(x => x.Id == r.Id).Select(x => x.Status).SingleAsync());

    private async Task<HttpResponseMessage> ActAsync(World w, string handler, Registration r)
    {
        var response = await w.Editor.PostFormAsync(Page(w.Event.Id), Action(w.Event.Id, handler), new Dictionary<string, string> { ["registrationId"] = Id(r.Id) });
        return response;
    }

    private static async Task ShouldRedirectBackAsync(HttpResponseMessage response, World w)
    {
        response.StatusCode.Should().Be(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        response.Headers.Location!.ToString().Should().StartWith(Page(w.Event.Id) + "?done=");
    }

    private async Task<MimeMessage> MailAsync(World w, string name, string subjectStart)
    {
        site.WakeMailDispatcher();
        var address = AddressOf(w, name);
        return (await site.Smtp.WaitForAsync(m => m.To.Mailboxes.Any(b => b.Address == address) && (m.Subject ?? "").StartsWith(subjectStart, StringComparison.Ordinal))).Single();
    }

    private Task<List<AuditEntry>> AuditAsync(string action, string subjectType, int subjectId) => site.WithDbAsync(db =>
        db.AuditLog.AsNoTracking().Where(a => a.Action == action && a.SubjectType == subjectType && a.SubjectId == Id(subjectId)).ToListAsync());

    [Fact]
    public async Task Approving_gives_a_free_seat_and_mails_it_then_the_waitlist_when_seats_run_out()
    {
        var w = await ArrangeAsync(capacity: 1, RegistrationMode.Approval);
        var ana = await RegisterAsync(w, "Ana");
        var ben = await RegisterAsync(w, "Ben");
        ana.Status.Should().Be(RegistrationStatus.PendingApproval);

        var page = await w.Editor.GetDocumentAsync(Page(w.Event.Id));
        page.QuerySelector($"#registration-{ana.Id}")!.TextContent.Should().Contain("Ana").And.Contain("Ana Legal Aid");
        page.QuerySelectorAll($"form[action='{Action(w.Event.Id, "approve")}']").Should().HaveCount(2);

        await ShouldRedirectBackAsync(await ActAsync(w, "approve", ana), w);
        await ShouldRedirectBackAsync(await ActAsync(w, "approve", ben), w);

        (await StatusOfAsync(ana)).Should().Be(RegistrationStatus.Confirmed);
        (await StatusOfAsync(ben)).Should().Be(RegistrationStatus.Waitlisted, "the only seat went to Ana");
        var letter = await MailAsync(w, "Ana", "You are registered:");
        PrivateLinks.In(letter.TextBody).Should().NotBeEmpty();
        await MailAsync(w, "Ben", "You are on the waitlist:");
        (await AuditAsync(AuditActions.RegistrationApproved, "registration", ana.Id)).Should().ContainSingle();
        var after = await w.Editor.GetStringAsync(Page(w.Event.Id) + "?done=approve&count=1");
        after.Should().Contain("Registration approved.");

        var again = await ActAsync(w, "approve", ana);
        again.StatusCode.Should().Be(HttpStatusCode.OK);
        (await again.Content.ReadAsStringAsync()).Should().Contain("This registration is not waiting for approval.");
    }

    [Fact]
    public async Task Declining_a_confirmed_registration_gives_the_seat_to_the_first_person_waiting()
    {
        var w = await ArrangeAsync(capacity: 1);
        var ana = await RegisterAsync(w, "Ana");
        var ben = await RegisterAsync(w, "Ben");
        var cai = await RegisterAsync(w, "Cai");
        ben.Status.Should().Be(RegistrationStatus.Waitlisted);

        await ShouldRedirectBackAsync(await ActAsync(w, "decline", ana), w);

        (await StatusOfAsync(ana)).Should().Be(RegistrationStatus.Declined);
        (await StatusOfAsync(ben)).Should().Be(RegistrationStatus.Confirmed);
        (await StatusOfAsync(cai)).Should().Be(RegistrationStatus.Waitlisted);
        await MailAsync(w, "Ana", "Registration not accepted:");
        await MailAsync(w, "Ben", "A seat is yours:");
        (await AuditAsync(AuditActions.RegistrationDeclined, "registration", ana.Id)).Single().After.Should().Contain(Id(ben.Id));
    }

    [Fact]
    public async Task Moving_someone_to_the_waitlist_sends_them_to_the_back_and_the_next_in_line_gets_the_seat()
    {
        var w = await ArrangeAsync(capacity: 1);
        var ana = await RegisterAsync(w, "Ana");
        var ben = await RegisterAsync(w, "Ben");
        var cai = await RegisterAsync(w, "Cai");

        await ShouldRedirectBackAsync(await ActAsync(w, "move", ana), w);

        (await StatusOfAsync(ana)).Should().Be(RegistrationStatus.Waitlisted);
        (await StatusOfAsync(ben)).Should().Be(RegistrationStatus.Confirmed);
        await MailAsync(w, "Ana", "Moved to the waitlist:");
        await MailAsync(w, "Ben", "A seat is yours:");
        var line = await site.WithDbAsync(db => db.Registrations.Where(r => r.EventId == w.Event.Id && r.Status == RegistrationStatus.Waitlisted)
            .OrderBy(r => r.QueuedAt).ThenBy(r => r.Id).Select(r => r.Id).ToListAsync());
        line.Should().Equal([cai.Id, ana.Id], "Ana went to the back of the line");
        (await AuditAsync(AuditActions.RegistrationMoved, "registration", ana.Id)).Should().ContainSingle();

        // Alone on the waitlist, a moved registrant keeps waiting rather than getting the seat straight back.
        var solo = await ArrangeAsync(capacity: 1);
        var dee = await RegisterAsync(solo, "Dee");
        await ShouldRedirectBackAsync(await ActAsync(solo, "move", dee), solo);
        (await StatusOfAsync(dee)).Should().Be(RegistrationStatus.Waitlisted);
    }

    [Fact]
    public async Task Confirming_from_the_waitlist_takes_a_free_seat_and_is_refused_when_all_are_taken()
    {
        var w = await ArrangeAsync(capacity: 1);
        var ana = await RegisterAsync(w, "Ana");
        var ben = await RegisterAsync(w, "Ben");

        var refused = await ActAsync(w, "confirm", ben);
        refused.StatusCode.Should().Be(HttpStatusCode.OK);
        (await refused.Content.ReadAsStringAsync()).Should().Contain("All seats are taken: raise the capacity or move someone to the waitlist first.");
        (await StatusOfAsync(ben)).Should().Be(RegistrationStatus.Waitlisted);

        await site.WithDbAsync(db => db.Events.Where(e => e.Id == w.Event.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.Capacity, 2)));
        await ShouldRedirectBackAsync(await ActAsync(w, "confirm", ben), w);

        (await StatusOfAsync(ben)).Should().Be(RegistrationStatus.Confirmed);
        (await StatusOfAsync(ana)).Should().Be(RegistrationStatus.Confirmed);
        await MailAsync(w, "Ben", "You are registered:");
    }

    [Fact]
    public async Task Attendance_marks_the_ticked_confirmed_registrants_and_unmarks_the_rest()
    {
        var w = await ArrangeAsync(capacity: null);
        var ana = await RegisterAsync(w, "Ana");
        var ben = await RegisterAsync(w, "Ben");
        var cai = await RegisterAsync(w, "Cai");
        await site.WithDbAsync(db => db.Registrations.Where(r => r.Id == ben.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.Attended, true)));

        var page = await w.Editor.GetDocumentAsync(Page(w.Event.Id));
        page.QuerySelectorAll("input[type=checkbox][form=attendance][name=attended]").Should().HaveCount(3);
        page.QuerySelector($"#attended-{ben.Id}")!.HasAttribute("checked").Should().BeTrue();

        var response = await w.Editor.PostFormAsync(Page(w.Event.Id), Action(w.Event.Id, "attendance"),
            [new("attended", Id(ana.Id)), new("attended", Id(cai.Id))]);
        await ShouldRedirectBackAsync(response, w);

        var attended = await site.WithDbAsync(db => db.Registrations.Where(r => r.EventId == w.Event.Id && r.Attended).Select(r => r.Id).ToListAsync());
        attended.Should().BeEquivalentTo([ana.Id, cai.Id]);
        (await AuditAsync(AuditActions.AttendanceMarked, "event", w.Event.Id)).Should().ContainSingle();
    }

    [Fact]
    public async Task A_message_to_the_confirmed_reaches_each_of_them_with_their_own_private_link_and_nobody_else()
    {
        var w = await ArrangeAsync(capacity: 2);
        var ana = await RegisterAsync(w, "Ana");
        var ben = await RegisterAsync(w, "Ben");
        await RegisterAsync(w, "Cai");
        var subject = $"Room change {w.T.Some.Token}";

        var response = await w.Editor.PostFormAsync(Page(w.Event.Id), Action(w.Event.Id, "message"), new Dictionary<string, string>
        {
            ["Group"] = nameof(RegistrantGroup.Confirmed),
            ["Subject"] = subject,
            ["Message"] = "We meet in room 204 now.",
        });
        await ShouldRedirectBackAsync(response, w);
        response.Headers.Location!.ToString().Should().Contain("count=2");

        site.WakeMailDispatcher();
        var letters = await site.Smtp.WaitForAsync(m => (m.Subject ?? "").StartsWith(subject, StringComparison.Ordinal), count: 2);
        letters.Should().HaveCount(2);
        foreach (var (registration, name) in new[] { (ana, "Ana"), (ben, "Ben") })
        {
            var letter = letters.Single(m => m.To.Mailboxes.Single().Address == AddressOf(w, name));
            letter.TextBody.Should().Contain("We meet in room 204 now.");
            var token = PrivateLinks.In(letter.TextBody).Single();
            await using var scope = site.Scope();
            var opened = await scope.ServiceProvider.GetRequiredService<RegisterForEvent>().FindByTokenAsync(token);
            opened!.Id.Should().Be(registration.Id, "each letter carries the link to its own registration");
        }
        (await AuditAsync(AuditActions.RegistrantsMessaged, "event", w.Event.Id)).Single().Summary.Should().Contain("Messaged 2 registrants");

        var invalid = await w.Editor.PostFormAsync(Page(w.Event.Id), Action(w.Event.Id, "message"), new Dictionary<string, string>
        {
            ["Group"] = nameof(RegistrantGroup.AllActive),
            ["Subject"] = new string('s', 201),
            ["Message"] = "",
        });
        var html = await invalid.Content.ReadAsStringAsync();
        html.Should().Contain("Keep this under 200 characters.").And.Contain("Write the message.");
    }

    [Fact]
    public async Task The_csv_export_lists_every_registration_with_answers_guards_formulas_and_is_audited()
    {
        var w = await ArrangeAsync(capacity: 1);
        var question = await site.WithDbAsync(async db =>
        {
            var q = new EventQuestion { EventId = w.Event.Id, Label = "Bar number", Kind = QuestionKind.ShortText };
            db.Add(q);
            await db.SaveChangesAsync();
            return q;
        });
        var ana = await RegisterAsync(w, "Ana");
        var ben = await RegisterAsync(w, "Ben");
        await site.WithDbAsync(db => db.Registrations.Where(r => r.Id == ana.Id).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.Name, "=HYPERLINK(\"http://evil.example\",\"Ana\")")
            .SetProperty(r => r.AnswersJson, $$"""{"{{question.Id}}":"TX, 12345"}""")));

        var response = await w.Editor.GetAsync($"{Page(w.Event.Id)}.csv");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.ToString().Should().Be("text/csv; charset=utf-8");
        response.Content.Headers.ContentDisposition!.FileName!.Trim('"').Should().Be($"{w.Event.Slug}-registrations.csv");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var rows = CsvText.Parse(Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF'));
        rows[0].Should().Equal("Name", "Email", "Organization", "Language", "Status", "Registered at", "Attended", "Bar number");
        rows.Should().HaveCount(3);
        rows[1].Should().Equal("'=HYPERLINK(\"http://evil.example\",\"Ana\")", AddressOf(w, "Ana"), "Ana Legal Aid", "en", "Confirmed",
            RegistrationsCsv.RegisteredAt(w.Event, ana.CreatedAt), "No", "TX, 12345");
        rows[2][4].Should().Be("Waitlisted");
        rows[2][0].Should().Be("Ben");
        var audit = (await AuditAsync(AuditActions.RegistrationsExported, "event", w.Event.Id)).Single();
        audit.Summary.Should().Contain("Exported 2 registrations");
        _ = ben;
    }

    [Fact]
    public async Task Erased_registrations_are_counted_and_shown_as_erased_but_cannot_be_acted_on()
    {
        var w = await ArrangeAsync(capacity: 5);
        var ana = await RegisterAsync(w, "Ana");
        await site.WithDbAsync(db => db.Registrations.Where(r => r.Id == ana.Id).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.Name, "").SetProperty(r => r.Email, "").SetProperty(r => r.ErasedAt, site.Clock.GetCurrentInstant())));

        var page = await w.Editor.GetDocumentAsync(Page(w.Event.Id));
        var row = page.QuerySelector($"#registration-{ana.Id}")!;
        row.TextContent.Should().Contain("erased");
        row.QuerySelectorAll("form").Should().BeEmpty();
        page.QuerySelector("#status-Confirmed")!.TextContent.Should().Contain("(1)");

        var refused = await ActAsync(w, "move", ana);
        (await refused.Content.ReadAsStringAsync()).Should().Contain("personal data was erased");
        (await StatusOfAsync(ana)).Should().Be(RegistrationStatus.Confirmed);
    }

    [Fact]
    public async Task Another_organizations_editor_is_refused_everywhere_and_nothing_changes()
    {
        var w = await ArrangeAsync(capacity: 1, RegistrationMode.Approval);
        var ana = await RegisterAsync(w, "Ana");
        var outsider = await site.MemberClientAsync(w.T.OtherOrganization.Id);

        (await outsider.GetAsync(Page(w.Event.Id))).Headers.Location!.ToString().Should().Contain("/account/denied");
        (await outsider.GetAsync($"{Page(w.Event.Id)}.csv")).Headers.Location!.ToString().Should().Contain("/account/denied");
        foreach (var handler in new[] { "approve", "decline", "move", "confirm" })
        {
            // The token comes from a page the outsider may open; the post itself is what a crafted form would send.
            var response = await outsider.PostFormAsync("/admin/events/new", Action(w.Event.Id, handler), new Dictionary<string, string> { ["registrationId"] = Id(ana.Id) });
            response.Headers.Location!.ToString().Should().Contain("/account/denied", handler);
        }
        var message = await outsider.PostFormAsync("/admin/events/new", Action(w.Event.Id, "message"), new Dictionary<string, string>
        {
            ["Group"] = "AllActive",
            ["Subject"] = "Hello",
            ["Message"] = "Spam",
        });
        message.Headers.Location!.ToString().Should().Contain("/account/denied");

        (await StatusOfAsync(ana)).Should().Be(RegistrationStatus.PendingApproval);
        (await site.WithDbAsync(db => db.Outbox.CountAsync(m => m.Subject.StartsWith("Hello")))).Should().Be(0);
        (await AuditAsync(AuditActions.RegistrationManagementRefused, "event", w.Event.Id)).Should().HaveCount(6, "four actions, the message and the export");
        (await AuditAsync(AuditActions.RegistrationsExported, "event", w.Event.Id)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_registration_id_from_another_event_is_refused_and_nothing_changes()
    {
        var w = await ArrangeAsync(capacity: 1, RegistrationMode.Approval);
        var other = await ArrangeAsync(capacity: 1, RegistrationMode.Approval);
        var ana = await RegisterAsync(w, "Ana");
        var stranger = await RegisterAsync(other, "Zed");

        foreach (var handler in new[] { "approve", "decline", "move", "confirm" })
        {
            var response = await ActAsync(w, handler, stranger);
            response.StatusCode.Should().Be(HttpStatusCode.OK, handler);
            (await response.Content.ReadAsStringAsync()).Should().Contain("That registration is not one of this event&#x27;s.", handler);
        }
        var attendance = await w.Editor.PostFormAsync(Page(w.Event.Id), Action(w.Event.Id, "attendance"), [new("attended", Id(stranger.Id))]);
        (await attendance.Content.ReadAsStringAsync()).Should().Contain("That registration is not one of this event&#x27;s.");

        (await StatusOfAsync(stranger)).Should().Be(RegistrationStatus.PendingApproval);
        (await StatusOfAsync(ana)).Should().Be(RegistrationStatus.PendingApproval);
        (await site.WithDbAsync(db => db.Registrations.AnyAsync(r => r.Id == stranger.Id && r.Attended))).Should().BeFalse();
    }
}

public sealed class RegistrantManagementOnSqlite(SqliteSiteWithSmtp site) : RegistrantManagementTests(site), IClassFixture<SqliteSiteWithSmtp>;

public sealed class RegistrantManagementOnPostgres(PostgresSiteWithSmtp site) : RegistrantManagementTests(site), IClassFixture<PostgresSiteWithSmtp>;
