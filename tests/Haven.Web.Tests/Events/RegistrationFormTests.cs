using System.Net;
using AngleSharp.Dom;
using AwesomeAssertions;
using Haven.Core.Events;
using Haven.TestSupport;
using Ical.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using NodaTime;
using EventStatus = Haven.Core.Events.EventStatus;

namespace Haven.Web.Tests.Events;

/// <summary>Registering through an event's page and using the private page the mail links to: the form, the mail
/// with its calendar entry (read back from a real SMTP server), changing and cancelling, and every refusal leaving the
/// database as it was. Both databases.</summary>
public abstract class RegistrationFormTests(SiteWithSmtp site)
{
    private HttpClient NewClient() => site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private sealed record Arranged(Event Event, Some Some, EventQuestion Role, EventQuestion Needs, EventQuestion Agree)
    {
        public string Page => $"/events/{Event.Slug}";
        public string Address(string name) => $"{name.ToLowerInvariant()}-{Some.Token}@example.org";
    }

    /// <summary>An event in five days with joining details, calendar sequence 3 and three questions.</summary>
    private async Task<Arranged> EventAsync(Action<Event>? with = null)
    {
        var some = new Some();
        var e = await site.CreateEventAsync(some, $"Know your rights {some.Token}", site.Clock.GetCurrentInstant() + Duration.FromDays(5), x =>
        {
            x.JoinUrl = $"https://meet.example.org/{some.Token}";
            x.DialIn = $"+1 555 0100 PIN {some.Token[1..7]}";
            x.CalendarSequence = 3;
            x.Questions.Add(new EventQuestion { Kind = QuestionKind.Choice, Label = "Your role", Options = "Attorney\nOrganizer\nCommunity member", Required = true, Position = 1 });
            x.Questions.Add(new EventQuestion { Kind = QuestionKind.ShortText, Label = "Access needs", Position = 2 });
            x.Questions.Add(new EventQuestion { Kind = QuestionKind.Checkbox, Label = "I may be quoted", Position = 3 });
            with?.Invoke(x);
        });
        var questions = e.Questions.OrderBy(q => q.Position).ToList();
        return new Arranged(e, some, questions[0], questions[1], questions[2]);
    }

    private static Dictionary<string, string> Fields(Arranged a, string name, string? email = null, string role = "Organizer") => new()
    {
        ["Form.Name"] = name,
        ["Form.Email"] = email ?? a.Address(name),
        ["Form.Organization"] = "Defenders Network",
        [$"Form.Answers[{a.Role.Id}]"] = role,
        [$"Form.Answers[{a.Needs.Id}]"] = "Captions, please",
        [$"Form.Answers[{a.Agree.Id}]"] = "yes",
    };

    private static Task<HttpResponseMessage> RegisterAsync(HttpClient client, Arranged a, Dictionary<string, string> fields, string prefix = "") =>
        client.PostFormAsync($"{prefix}{a.Page}", $"{prefix}{a.Page}?handler=Register", fields);

    /// <summary>Registers and returns the private page's path the answer sends to.</summary>
    private static async Task<string> RegisteredAsync(HttpClient client, Arranged a, string name, string prefix = "")
    {
        var response = await RegisterAsync(client, a, Fields(a, name), prefix);
        response.StatusCode.Should().Be(HttpStatusCode.SeeOther, await response.Content.ReadAsStringAsync());
        return response.Headers.Location!.ToString();
    }

    private async Task<MimeMessage> MailAsync(string to, string subject, int count = 1)
    {
        site.WakeMailDispatcher();
        var found = await site.Smtp.WaitForAsync(m => m.To.Mailboxes.Any(b => b.Address == to) && (m.Subject ?? "").StartsWith(subject, StringComparison.Ordinal), count);
        return found[^1];
    }

    private static Calendar CalendarIn(MimeMessage mail, string method)
    {
        var part = mail.Attachments.OfType<MimePart>().Should().ContainSingle(p => p.ContentType.MimeType == "text/calendar").Subject;
        part.ContentType.Parameters["method"].Should().Be(method);
        using var content = new MemoryStream();
        part.Content!.DecodeTo(content);
        var calendar = Calendar.Load(System.Text.Encoding.UTF8.GetString(content.ToArray()))!;
        calendar.Method.Should().Be(method);
        return calendar;
    }

    private Task<(int Registrations, int Outbox, int Links)> CountsAsync() => site.WithDbAsync(async db =>
        (await db.Registrations.CountAsync(), await db.Outbox.CountAsync(), await db.RegistrationLinks.CountAsync()));

    private Task<Registration> RegistrationOfAsync(string email) =>
        site.WithDbAsync(db => db.Registrations.AsNoTracking().SingleAsync(r => r.NormalizedEmail == email));

    private static string? ErrorAt(IDocument page, string field) =>
        page.GetElementById(field)?.Closest(".field")?.QuerySelector(".field-error")?.TextContent.Trim();

    private static void ShowsTheNoLinkMessage(HttpResponseMessage response, string html)
    {
        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        html.Should().Contain("This link opens no registration");
    }

    [Fact]
    public async Task Registering_opens_the_private_page_with_the_join_link_and_mails_an_invitation_whose_link_opens_it_too()
    {
        var a = await EventAsync();
        var client = NewClient();
        var form = await client.GetDocumentAsync(a.Page);
        var registration = form.QuerySelector("form.registration-form")!;
        registration.QuerySelectorAll("input[type=radio]").Select(i => i.GetAttribute("value")).Should().Equal("Attorney", "Organizer", "Community member");
        registration.QuerySelector("#InvitationCode").Should().BeNull("this event needs no code");
        registration.QuerySelector("#Language option[selected]")!.GetAttribute("value").Should().Be("en");
        var days = (int)site.Services.GetRequiredService<RetentionSettings>().Period.TotalDays;
        var privacy = registration.QuerySelector(".privacy-note")!;
        privacy.TextContent.Should().Contain($"erase them {days} days after it ends").And.Contain("name, email address, organization and answers")
            .And.Contain("sent by email only").And.Contain("see, change or cancel");
        privacy.CompareDocumentPosition(registration.QuerySelector("button[type=submit]")!).Should().HaveFlag(DocumentPositions.Following, "the explanation comes before the button");

        var response = await RegisterAsync(client, a, Fields(a, "Ana"));

        response.StatusCode.Should().Be(HttpStatusCode.SeeOther);
        var location = response.Headers.Location!.ToString();
        location.Should().StartWith($"/events/{a.Event.Slug}/registration/");
        var page = await client.GetAsync(location);
        page.StatusCode.Should().Be(HttpStatusCode.OK);
        page.Headers.CacheControl!.NoStore.Should().BeTrue();
        page.Headers.GetValues("Referrer-Policy").Should().Equal("no-referrer");
        page.Headers.GetValues("X-Robots-Tag").Should().Equal("noindex");
        var html = await page.Content.ReadAsStringAsync();
        var doc = Html.Parse(html);
        doc.QuerySelector(".registration-status")!.TextContent.Should().Contain("your seat is confirmed");
        doc.QuerySelector(".registration-join a[href]")!.GetAttribute("href").Should().Be(a.Event.JoinUrl);
        doc.QuerySelector(".registration-join")!.TextContent.Should().Contain(a.Event.DialIn);
        doc.QuerySelector($".registration-join a[href='/events/{a.Event.Slug}.ics']").Should().NotBeNull();
        doc.QuerySelector(".registration-details")!.TextContent.Should().Contain("Ana").And.Contain(a.Address("Ana"))
            .And.Contain("Organizer").And.Contain("Captions, please").And.Contain("Defenders Network");
        (await client.GetStringAsync(a.Page)).Should().NotContain(a.Event.JoinUrl).And.NotContain(a.Event.DialIn);

        var stored = await RegistrationOfAsync(a.Address("Ana"));
        stored.Status.Should().Be(RegistrationStatus.Confirmed);
        RegistrationAnswers.Parse(stored.AnswersJson).Should().BeEquivalentTo(new Dictionary<int, string>
        {
            [a.Role.Id] = "Organizer",
            [a.Needs.Id] = "Captions, please",
            [a.Agree.Id] = "yes",
        });

        var mail = await MailAsync(a.Address("Ana"), "You are registered:");
        var calendar = CalendarIn(mail, "REQUEST");
        var entry = calendar.Events.Should().ContainSingle().Subject;
        entry.Uid.Should().Be($"event-{a.Event.Id}@localhost");
        entry.Sequence.Should().Be(3);
        var mailed = PrivateLinks.PathIn(mail);
        mailed.Should().Be(location, "the confirmation carries the link the page was opened with");
        var fromMail = Html.Parse(await client.GetStringAsync(mailed));
        fromMail.QuerySelector(".registration-details")!.TextContent.Should().Contain(a.Address("Ana"));
        fromMail.QuerySelector(".registration-join a[href]")!.GetAttribute("href").Should().Be(a.Event.JoinUrl);
    }

    [Fact]
    public async Task A_registration_on_the_spanish_page_gets_spanish_mail_and_a_spanish_private_page()
    {
        var a = await EventAsync();
        var client = NewClient();
        var form = await client.GetDocumentAsync($"/es{a.Page}");
        form.QuerySelector("form.registration-form #Language option[selected]")!.GetAttribute("value").Should().Be("es", "mail defaults to the page's language");
        var fields = Fields(a, "Beatriz");
        fields["Form.Language"] = "es";

        var response = await RegisterAsync(client, a, fields, "/es");

        response.StatusCode.Should().Be(HttpStatusCode.SeeOther);
        response.Headers.Location!.ToString().Should().StartWith($"/es/events/{a.Event.Slug}/registration/");
        (await client.GetDocumentAsync(response.Headers.Location!.ToString())).QuerySelector("h1")!.TextContent.Should().Be("Su inscripción");
        (await RegistrationOfAsync(a.Address("Beatriz"))).Language.Should().Be("es");
        var mail = await MailAsync(a.Address("Beatriz"), "Inscripción confirmada:");
        mail.TextBody.Should().Contain("Hola");
        PrivateLinks.PathIn(mail).Should().StartWith("/es/events/");
    }

    [Fact]
    public async Task The_same_address_again_is_told_its_link_was_mailed_and_is_shown_no_link()
    {
        var a = await EventAsync();
        await RegisteredAsync(NewClient(), a, "Carla");
        await MailAsync(a.Address("Carla"), "You are registered:");
        var before = await CountsAsync();

        var stranger = NewClient();
        var fields = Fields(a, "Someone Else", a.Address("Carla").ToUpperInvariant());
        var response = await RegisterAsync(stranger, a, fields);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        Html.Parse(html).QuerySelector(".registration-exists")!.TextContent.Should().Contain("already registered").And.Contain("sent the link");
        html.Should().NotContain("/registration/").And.NotContain(a.Event.JoinUrl);
        var after = await CountsAsync();
        after.Registrations.Should().Be(before.Registrations, "no second seat");
        after.Outbox.Should().Be(before.Outbox + 1, "the registration is mailed to its address again");
        (await RegistrationOfAsync(a.Address("Carla"))).Name.Should().Be("Carla", "whoever typed the address changes nothing");
        var again = await MailAsync(a.Address("Carla"), "You are registered:", count: 2);
        PrivateLinks.In(again.TextBody).Should().ContainSingle();
    }

    [Fact]
    public async Task The_private_page_changes_the_details_but_never_the_address_and_refuses_bad_ones_with_nothing_changed()
    {
        var a = await EventAsync();
        var client = NewClient();
        var path = await RegisteredAsync(client, a, "Dara");
        var form = await client.GetDocumentAsync(path);
        form.GetElementById("Form.Email").Should().BeNull();
        form.QuerySelector("#Email")!.HasAttribute("readonly").Should().BeTrue();
        form.QuerySelector(".registration-change")!.TextContent.Should().Contain("cancel this registration and register again");

        var changed = await client.PostFormAsync(path, $"{path}?handler=Change", new Dictionary<string, string>
        {
            ["Form.Name"] = "Dara Quispe",
            ["Form.Email"] = $"thief-{a.Some.Token}@example.org",
            ["Form.Organization"] = "",
            ["Form.Language"] = "es",
            [$"Form.Answers[{a.Role.Id}]"] = "Attorney",
        });

        changed.StatusCode.Should().Be(HttpStatusCode.SeeOther);
        changed.Headers.Location!.ToString().Should().Be($"{path}?done=changed");
        var page = await client.GetDocumentAsync(changed.Headers.Location!.ToString());
        page.QuerySelector(".notice-success")!.TextContent.Should().Contain("Your changes are saved.");
        page.QuerySelector(".registration-details")!.TextContent.Should().Contain("Dara Quispe").And.Contain("Attorney").And.Contain("Spanish");
        var stored = await RegistrationOfAsync(a.Address("Dara"));
        stored.Should().Match<Registration>(r => r.Name == "Dara Quispe" && r.Organization == "" && r.Language == "es" && r.Email == a.Address("Dara"));
        RegistrationAnswers.Parse(stored.AnswersJson).Should().BeEquivalentTo(new Dictionary<int, string> { [a.Role.Id] = "Attorney", [a.Agree.Id] = "no" });

        var refused = await client.PostFormAsync(path, $"{path}?handler=Change", new Dictionary<string, string>
        {
            ["Form.Name"] = "",
            [$"Form.Answers[{a.Role.Id}]"] = "Judge",
            [$"Form.Answers[{a.Needs.Id}]"] = "typed again",
        });

        refused.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var again = Html.Parse(await refused.Content.ReadAsStringAsync());
        ErrorAt(again, "Name").Should().Be("Enter your name.");
        ErrorAt(again, $"Answers[{a.Role.Id}]").Should().Be("Choose one of the options.");
        again.GetElementById($"Answers[{a.Needs.Id}]")!.GetAttribute("value").Should().Be("typed again");
        (await RegistrationOfAsync(a.Address("Dara"))).Should().BeEquivalentTo(stored, "a refused change changes nothing");
    }

    [Fact]
    public async Task Cancelling_asks_first_then_mails_a_calendar_cancellation_and_gives_the_seat_to_the_first_person_waiting()
    {
        var a = await EventAsync(e => e.Capacity = 1);
        var client = NewClient();
        var first = await RegisteredAsync(client, a, "Eli");
        var second = await RegisteredAsync(NewClient(), a, "Fay");
        var waiting = await client.GetDocumentAsync(second);
        waiting.QuerySelector(".registration-status")!.TextContent.Should().Contain("on the waitlist: number 1 in line");
        waiting.QuerySelector(".registration-join").Should().BeNull("no seat, no way in");
        waiting.Body!.InnerHtml.Should().NotContain(a.Event.JoinUrl);

        var page = await client.GetDocumentAsync(first);
        page.QuerySelectorAll("form[method=post]").Select(f => f.GetAttribute("action")).Should().NotContain(x => x!.EndsWith("handler=Cancel", StringComparison.Ordinal),
            "cancelling takes a confirmation step");
        var ask = await client.GetDocumentAsync(page.QuerySelector(".registration-cancel a")!.GetAttribute("href")!);
        ask.QuerySelector("#confirm-cancel")!.TextContent.Should().Contain("Cancel your registration for this event?");
        (await RegistrationOfAsync(a.Address("Eli"))).Status.Should().Be(RegistrationStatus.Confirmed, "asking changes nothing");

        var cancelled = await client.PostFormAsync($"{first}?cancel=1", $"{first}?handler=Cancel", new Dictionary<string, string>());

        cancelled.StatusCode.Should().Be(HttpStatusCode.SeeOther);
        var after = await client.GetDocumentAsync(cancelled.Headers.Location!.ToString());
        after.QuerySelector(".registration-status")!.TextContent.Should().Contain("Your registration is cancelled.");
        after.QuerySelector(".registration-join").Should().BeNull();
        after.QuerySelector(".registration-change").Should().BeNull();
        (await RegistrationOfAsync(a.Address("Eli"))).Status.Should().Be(RegistrationStatus.Cancelled);
        (await RegistrationOfAsync(a.Address("Fay"))).Status.Should().Be(RegistrationStatus.Confirmed);

        var cancellation = await MailAsync(a.Address("Eli"), "Registration cancelled:");
        CalendarIn(cancellation, "CANCEL").Events.Should().ContainSingle().Which.Uid.Should().Be($"event-{a.Event.Id}@localhost");
        var promotion = await MailAsync(a.Address("Fay"), "A seat is yours:");
        CalendarIn(promotion, "REQUEST").Events.Single().Sequence.Should().Be(3);
        var promoted = await client.GetDocumentAsync(PrivateLinks.PathIn(promotion));
        promoted.QuerySelector(".registration-join a[href]")!.GetAttribute("href").Should().Be(a.Event.JoinUrl);
    }

    public static TheoryData<string> BadInputs() =>
    [
        "invalid email", "overlong email", "missing name", "overlong name", "missing required answer", "invalid choice", "overlong answer",
    ];

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Bad_input_is_shown_next_to_its_field_with_the_typed_values_and_nothing_is_saved(string bad)
    {
        var a = await EventAsync();
        var fields = Fields(a, "Gus");
        var field = bad switch
        {
            "invalid email" => Set("Form.Email", "gus at example.org", "Email"),
            "overlong email" => Set("Form.Email", new string('g', 310) + "@example.org", "Email"),
            "missing name" => Set("Form.Name", "  ", "Name"),
            "overlong name" => Set("Form.Name", new string('G', 201), "Name"),
            "missing required answer" => Set($"Form.Answers[{a.Role.Id}]", "", $"Answers[{a.Role.Id}]"),
            "invalid choice" => Set($"Form.Answers[{a.Role.Id}]", "Judge", $"Answers[{a.Role.Id}]"),
            _ => Set($"Form.Answers[{a.Needs.Id}]", new string('n', 501), $"Answers[{a.Needs.Id}]"),
        };
        string Set(string name, string value, string id)
        {
            fields[name] = value;
            return id;
        }
        var before = await CountsAsync();

        var response = await RegisterAsync(NewClient(), a, fields);

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var page = Html.Parse(await response.Content.ReadAsStringAsync());
        ErrorAt(page, field).Should().Be(bad switch
        {
            "invalid email" or "overlong email" => "Enter one email address, like name@example.org.",
            "missing name" => "Enter your name.",
            "overlong name" => "Keep this under 200 characters.",
            "missing required answer" => "Choose an answer.",
            "invalid choice" => "Choose one of the options.",
            _ => "Keep this under 500 characters.",
        });
        page.QuerySelector(".problems")!.TextContent.Should().Contain(ErrorAt(page, field));
        page.GetElementById("Organization")!.GetAttribute("value").Should().Be("Defenders Network", "what was typed stays");
        if (field != "Email") page.GetElementById("Email")!.GetAttribute("value").Should().Be(a.Address("Gus"));
        (await CountsAsync()).Should().Be(before);
    }

    [Fact]
    public async Task A_wrong_invitation_code_is_refused_and_the_right_one_registers()
    {
        var a = await EventAsync(e =>
        {
            e.RegistrationMode = RegistrationMode.InvitationCode;
            e.InvitationCodeHash = RegistrationRules.HashCode("OPEN-SESAME");
        });
        var client = NewClient();
        (await client.GetDocumentAsync(a.Page)).QuerySelector("form.registration-form #InvitationCode").Should().NotBeNull();
        var fields = Fields(a, "Hana");
        fields["Form.InvitationCode"] = "open-seasame";
        var before = await CountsAsync();

        var refused = await RegisterAsync(client, a, fields);

        refused.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        ErrorAt(Html.Parse(await refused.Content.ReadAsStringAsync()), "InvitationCode").Should().Be("That invitation code is not right.");
        (await CountsAsync()).Should().Be(before);

        fields["Form.InvitationCode"] = " open-sesame ";
        (await RegisterAsync(client, a, fields)).StatusCode.Should().Be(HttpStatusCode.SeeOther);
    }

    [Theory]
    [InlineData("deadline")]
    [InlineData("cancelled")]
    public async Task A_closed_event_shows_no_form_and_refuses_a_crafted_registration(string why)
    {
        var a = await EventAsync(e =>
        {
            if (why == "deadline") e.RegistrationDeadline = site.Clock.GetCurrentInstant() - Duration.FromHours(1);
            else e.Status = EventStatus.Cancelled;
        });
        var open = await EventAsync();
        var client = NewClient();
        (await client.GetDocumentAsync(a.Page)).QuerySelector("form.registration-form").Should().BeNull();
        var before = await CountsAsync();

        // The antiforgery token of another event's form: a request crafted by hand.
        var response = await client.PostFormAsync(open.Page, $"{a.Page}?handler=Register", Fields(a, "Ivo"));

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        Html.Parse(await response.Content.ReadAsStringAsync()).QuerySelector(".event-registration .problems")!.TextContent
            .Should().Contain(why == "deadline" ? "Registration closed on" : "This event was cancelled.");
        (await CountsAsync()).Should().Be(before);
    }

    [Fact]
    public async Task Links_that_open_no_registration_are_a_404_and_change_nothing()
    {
        var a = await EventAsync();
        var other = await EventAsync();
        var client = NewClient();
        var path = await RegisteredAsync(client, a, "Jo");
        var token = path[(path.LastIndexOf('/') + 1)..];
        var tampered = $"{a.Page}/registration/{token[..^2]}{(token[^2..] == "xx" ? "yy" : "xx")}";
        var elsewhere = $"{other.Page}/registration/{token}";
        var before = await CountsAsync();

        foreach (var url in new[] { tampered, elsewhere, $"{a.Page}/registration/short", $"{a.Page}/registration/{new string('a', 43)}" })
        {
            var response = await client.GetAsync(url);
            ShowsTheNoLinkMessage(response, await response.Content.ReadAsStringAsync());
            response.Headers.CacheControl!.NoStore.Should().BeTrue();
            response.Headers.GetValues("Referrer-Policy").Should().Equal("no-referrer");
        }
        foreach (var url in new[] { tampered, elsewhere })
        {
            var cancel = await client.PostFormAsync(path, $"{url}?handler=Cancel", new Dictionary<string, string>());
            ShowsTheNoLinkMessage(cancel, await cancel.Content.ReadAsStringAsync());
            var change = await client.PostFormAsync(path, $"{url}?handler=Change", new Dictionary<string, string> { ["Form.Name"] = "Mallory" });
            ShowsTheNoLinkMessage(change, await change.Content.ReadAsStringAsync());
        }

        (await CountsAsync()).Should().Be(before);
        (await RegistrationOfAsync(a.Address("Jo"))).Should().Match<Registration>(r => r.Status == RegistrationStatus.Confirmed && r.Name == "Jo");
        (await client.GetAsync(path)).StatusCode.Should().Be(HttpStatusCode.OK, "the real link still works");

        // Erased: the sweep removes the links too; a row marked erased opens nothing even with a link left.
        await site.WithDbAsync(db => db.Registrations.Where(r => r.NormalizedEmail == a.Address("Jo"))
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.ErasedAt, site.Clock.GetCurrentInstant())));
        var erased = await client.GetAsync(path);
        ShowsTheNoLinkMessage(erased, await erased.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_registration_waiting_for_approval_is_told_so_and_shown_no_way_to_join()
    {
        var a = await EventAsync(e => e.RegistrationMode = RegistrationMode.Approval);
        var client = NewClient();
        var page = await client.GetDocumentAsync(await RegisteredAsync(client, a, "Kim"));

        page.QuerySelector(".registration-status")!.TextContent.Should().Contain("waiting for the hosts' approval");
        page.QuerySelector(".registration-join").Should().BeNull();
        page.Body!.InnerHtml.Should().NotContain(a.Event.JoinUrl).And.NotContain(a.Event.DialIn);
        (await MailAsync(a.Address("Kim"), "Registration received:")).Attachments.Should().BeEmpty();
    }
}

public sealed class RegistrationFormOnSqlite(SqliteSiteWithSmtp site) : RegistrationFormTests(site), IClassFixture<SqliteSiteWithSmtp>;

public sealed class RegistrationFormOnPostgres(PostgresSiteWithSmtp site) : RegistrationFormTests(site), IClassFixture<PostgresSiteWithSmtp>;

/// <summary>The registration limit, on a site of its own with a low limit.</summary>
public sealed class RegistrationRateLimitTests : IAsyncLifetime
{
    private readonly SqliteSite _site = new();

    public ValueTask InitializeAsync()
    {
        _site.Settings["Haven:RateLimits:RegistrationsPerMinute"] = "3";
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Repeated_registrations_from_one_address_are_slowed_down_but_reading_the_page_is_not()
    {
        var some = new Some();
        var e = await _site.CreateEventAsync(some, $"Limited {some.Token}", _site.Clock.GetCurrentInstant() + Duration.FromDays(3));
        var client = _site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            var response = await client.PostFormAsync($"/events/{e.Slug}", $"/events/{e.Slug}?handler=Register",
                new Dictionary<string, string> { ["Form.Name"] = "", ["Form.Email"] = "nobody" });
            statuses.Add(response.StatusCode);
        }

        statuses.Take(3).Should().AllSatisfy(s => s.Should().Be(HttpStatusCode.UnprocessableEntity));
        statuses.Skip(3).Should().AllSatisfy(s => s.Should().Be(HttpStatusCode.TooManyRequests));
        (await client.GetAsync($"/events/{e.Slug}")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    public async ValueTask DisposeAsync() => await _site.DisposeAsync();
}
