using AwesomeAssertions;
using Haven.Core.Events;
using Haven.TestSupport;
using Microsoft.Playwright;
using MimeKit;
using NodaTime;

namespace Haven.BrowserTests;

/// <summary>Two people register in Chromium for an event with one seat, through the public form only: the first gets
/// the seat and the join link, the second the waitlist; the first opens the private link from the confirmation mail
/// (an .eml file, the embedded default without SMTP), cancels there, and the second opens the link in the promotion
/// mail and finds the seat and the join link. Both pages pass axe.</summary>
public sealed class EventRegistrationBrowserTests(BrowserSite site) : IClassFixture<BrowserSite>
{
    private const string Question = "What should the speakers cover?";

    [Fact]
    public async Task The_first_registrant_gets_the_seat_cancels_from_the_mailed_link_and_the_second_is_promoted_from_the_waitlist()
    {
        var some = new Some();
        var title = $"Know your rights at work {some.Token}";
        var joinUrl = $"https://meet.example.org/kyr-{some.Token}";
        var e = await site.CreateEventAsync(some, title, site.Clock.GetCurrentInstant() + Duration.FromDays(6), x =>
        {
            x.Capacity = 1;
            x.JoinUrl = joinUrl;
            x.Questions.Add(new EventQuestion { Kind = QuestionKind.ShortText, Label = Question, Required = true, Position = 1 });
        });
        var anaEmail = $"ana-{some.Token}@example.org";
        var benEmail = $"ben-{some.Token}@example.org";

        // Ana fills the form, with the privacy note in view before the button, and gets the seat.
        var ana = await site.NewPageAsync();
        await ana.GotoAsync($"/events/{e.Slug}");
        await Assertions.Expect(ana.Locator(".seats-left")).ToHaveTextAsync("1 of 1 seats left");
        await BrowserChecks.ExpectNoSeriousViolationsAsync(ana, "the event's page with the registration form");
        await BrowserChecks.ExpectToFitAPhoneAsync(ana, "the event's page with the registration form");
        await BrowserChecks.ScreenshotAsync(ana, "event-page");
        var form = ana.Locator("form.registration-form");
        var privacy = form.Locator(".privacy-note");
        var submit = form.GetByRole(AriaRole.Button, new() { Name = "Register", Exact = true });
        await Assertions.Expect(privacy).ToBeVisibleAsync();
        await Assertions.Expect(privacy).ToContainTextAsync("erase them");
        await Assertions.Expect(privacy).ToContainTextAsync("private link");
        (await privacy.EvaluateAsync<bool>("(note, button) => !!(note.compareDocumentPosition(button) & Node.DOCUMENT_POSITION_FOLLOWING)",
            await submit.ElementHandleAsync())).Should().BeTrue("the privacy note comes before the submit button");
        (await privacy.BoundingBoxAsync())!.Y.Should().BeLessThan((await submit.BoundingBoxAsync())!.Y, "the note is read before the button");
        await RegisterAsync(ana, "Ana Registrant", anaEmail, "Workplace raids");
        await Assertions.Expect(ana.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Your registration");
        await Assertions.Expect(ana.Locator(".registration-status")).ToContainTextAsync("You are registered: your seat is confirmed.");
        await Assertions.Expect(ana.Locator(".registration-join").GetByRole(AriaRole.Link, new() { Name = joinUrl })).ToHaveAttributeAsync("href", joinUrl);
        await Assertions.Expect(ana.Locator(".registration-details")).ToContainTextAsync("Workplace raids");
        await BrowserChecks.ExpectNoSeriousViolationsAsync(ana, "the private registration page");
        await BrowserChecks.ExpectToFitAPhoneAsync(ana, "the private registration page");
        await BrowserChecks.ScreenshotAsync(ana, "private-page");

        // Ben, in another browser, joins the waitlist and sees no join link.
        var ben = await site.NewPageAsync();
        await ben.GotoAsync($"/events/{e.Slug}");
        await Assertions.Expect(ben.Locator(".seats-left")).ToContainTextAsync("All 1 seats are taken");
        await RegisterAsync(ben, "Ben Waiting", benEmail, "Know your rights cards");
        await Assertions.Expect(ben.Locator(".registration-status")).ToContainTextAsync("You are on the waitlist: number 1 in line.");
        await Assertions.Expect(ben.Locator(".registration-join")).ToHaveCountAsync(0);
        (await ben.ContentAsync()).Should().NotContain(joinUrl);
        await BrowserChecks.ExpectNoSeriousViolationsAsync(ben, "the private page of someone waiting");
        await BrowserChecks.ScreenshotAsync(ben, "private-page-waitlisted");

        // Ana's confirmation: the private link and a calendar invitation; the link opens her registration elsewhere.
        var confirmation = await MailAsync(anaEmail, $"You are registered: {title}");
        var calendar = confirmation.BodyParts.OfType<MimePart>().Where(p => p.ContentType.MimeType == "text/calendar").ToList();
        calendar.Should().ContainSingle("the confirmation carries a calendar invitation");
        var fromMail = await site.NewPageAsync();
        await fromMail.GotoAsync(PrivateLinks.PathIn(confirmation));
        await Assertions.Expect(fromMail.Locator(".registration-details")).ToContainTextAsync(anaEmail);
        await Assertions.Expect(fromMail.Locator(".registration-status")).ToContainTextAsync("You are registered: your seat is confirmed.");

        // She cancels there, with the confirmation step.
        await fromMail.GetByRole(AriaRole.Link, new() { Name = "Cancel my registration…" }).ClickAsync();
        await Assertions.Expect(fromMail.Locator("#confirm-cancel")).ToContainTextAsync("Cancel your registration for this event?");
        await BrowserChecks.ExpectNoSeriousViolationsAsync(fromMail, "the private page asking to confirm the cancellation");
        await BrowserChecks.ScreenshotAsync(fromMail, "private-page-confirm-cancel");
        await fromMail.GetByRole(AriaRole.Button, new() { Name = "Yes, cancel my registration" }).ClickAsync();
        await Assertions.Expect(fromMail.GetByRole(AriaRole.Status)).ToContainTextAsync("Your registration is cancelled.");
        await Assertions.Expect(fromMail.Locator(".registration-status")).ToContainTextAsync("Your registration is cancelled.");
        await Assertions.Expect(fromMail.Locator(".registration-join")).ToHaveCountAsync(0);
        await Assertions.Expect(fromMail.GetByRole(AriaRole.Link, new() { Name = "Cancel my registration…" })).ToHaveCountAsync(0);
        await BrowserChecks.ScreenshotAsync(fromMail, "private-page-cancelled");

        // Ben is promoted, and the link in that mail shows his seat and how to join.
        var promotion = await MailAsync(benEmail, $"A seat is yours: {title}");
        var benFromMail = await site.NewPageAsync();
        await benFromMail.GotoAsync(PrivateLinks.PathIn(promotion));
        await Assertions.Expect(benFromMail.Locator(".registration-details")).ToContainTextAsync(benEmail);
        await Assertions.Expect(benFromMail.Locator(".registration-status")).ToContainTextAsync("You are registered: your seat is confirmed.");
        await Assertions.Expect(benFromMail.Locator(".registration-join").GetByRole(AriaRole.Link, new() { Name = joinUrl })).ToBeVisibleAsync();
    }

    private static async Task RegisterAsync(IPage page, string name, string email, string answer)
    {
        var form = page.Locator("form.registration-form");
        await form.GetByLabel("Your name").FillAsync(name);
        await form.GetByLabel("Email", new() { Exact = false }).First.FillAsync(email);
        await form.GetByLabel(Question).FillAsync(answer);
        await form.GetByLabel("Language for email").SelectOptionAsync(new SelectOptionValue { Value = "en" });
        await form.GetByRole(AriaRole.Button, new() { Name = "Register", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/registration/**");
    }

    /// <summary>The message to <paramref name="to"/> with this subject, as the site wrote it into the pickup folder.</summary>
    private async Task<MimeMessage> MailAsync(string to, string subject)
    {
        var folder = Path.Combine(site.DataPath, "mail");
        MimeMessage? found = null;
        await Poll.UntilAsync(() =>
        {
            found = Directory.Exists(folder)
                ? Directory.EnumerateFiles(folder, "*.eml").Select(f => MimeMessage.Load(f))
                    .FirstOrDefault(m => m.To.Mailboxes.Any(a => a.Address == to) && m.Subject == subject)
                : null;
            return Task.FromResult(found is not null);
        }, describe: () => $"\"{subject}\" to {to} in {folder}");
        return found!;
    }
}
