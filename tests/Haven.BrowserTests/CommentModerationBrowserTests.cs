using AwesomeAssertions;
using Haven.TestSupport;
using Microsoft.Playwright;
using MimeKit;

namespace Haven.BrowserTests;

/// <summary>A reader comments in Chromium under a resource with comments on: the personal-data warning comes back
/// first (the form keeps the text), the comment is held and only a notice shows; a moderator, mailed about it, approves
/// it from the queue with its checkbox; the reader then sees it published at its anchor. The pages pass axe.</summary>
public sealed class CommentModerationBrowserTests(BrowserSite site) : IClassFixture<BrowserSite>
{
    [Fact]
    public async Task A_held_comment_is_approved_by_a_moderator_and_then_public()
    {
        var t = await site.CreateTaxonomyAsync();
        var title = $"Rights at the door {t.Some.Token}";
        var resource = await site.SaveResourceAsync(t.Resource(title) with { CommentsEnabled = true });
        var moderatorEmail = await site.CreateModeratorAsync();
        var text = $"We printed these cards for our members. {t.Some.Token}";

        var reader = await site.NewPageAsync();
        await reader.GotoAsync($"/resources/{resource.Slug}");
        var form = reader.Locator("#comment-form");
        await form.GetByLabel("Your name").FillAsync("Ana Commenter");
        await form.GetByLabel("Email", new() { Exact = false }).FillAsync($"ana-{t.Some.Token}@example.org");
        await form.Locator("#comment-Body").FillAsync(text + " Call 555-123-4567.");
        // The script says it while typing; the server says it again on posting (and alone without JavaScript).
        await Assertions.Expect(form.Locator("#comment-Body-live")).ToContainTextAsync("looks like it contains a phone number");
        await form.GetByRole(AriaRole.Button, new() { Name = "Post comment" }).ClickAsync();

        // The warning: the form is back with the text, and the writer takes the number out.
        await Assertions.Expect(reader.Locator(".personal-data-warning")).ToContainTextAsync("phone number");
        await BrowserChecks.ExpectNoSeriousViolationsAsync(reader, "the comment form with the personal-data warning");
        form = reader.Locator("#comment-form");
        await Assertions.Expect(form.Locator("#comment-Body")).ToHaveValueAsync(text + " Call 555-123-4567.");
        await form.Locator("#comment-Body").FillAsync(text);
        await form.GetByRole(AriaRole.Button, new() { Name = "Post comment" }).ClickAsync();

        await Assertions.Expect(reader.GetByRole(AriaRole.Status)).ToContainTextAsync("held for moderation");
        await Assertions.Expect(reader.Locator("#comments")).Not.ToContainTextAsync(text);
        await BrowserChecks.ExpectNoSeriousViolationsAsync(reader, "the resource page with the held-comment notice");
        await BrowserChecks.ScreenshotAsync(reader, "comment-held");

        var mail = await MailAsync(moderatorEmail, $"Comment to moderate: {title}");
        mail.TextBody.Should().Contain(text);

        var moderator = await site.NewPageAsync();
        await moderator.GotoAsync("/account/signin");
        await moderator.GetByLabel("Email").FillAsync(moderatorEmail);
        await moderator.GetByLabel("Password").FillAsync(TestAccounts.Password);
        await moderator.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await moderator.GotoAsync("/admin");
        await moderator.GetByRole(AriaRole.Link, new() { Name = "Comments to moderate" }).ClickAsync();
        await Assertions.Expect(moderator.Locator(".moderation-queue")).ToContainTextAsync(text);
        await BrowserChecks.ExpectNoSeriousViolationsAsync(moderator, "the moderation queue");
        await BrowserChecks.ScreenshotAsync(moderator, "moderation-queue");
        await moderator.GetByLabel("Choose the comment by Ana Commenter").CheckAsync();
        await moderator.GetByRole(AriaRole.Button, new() { Name = "Approve chosen" }).ClickAsync();
        await Assertions.Expect(moderator.GetByRole(AriaRole.Status)).ToContainTextAsync("Approved: 1");

        await reader.GotoAsync($"/resources/{resource.Slug}");
        var published = reader.Locator(".comment").Filter(new() { HasText = text });
        await Assertions.Expect(published).ToBeVisibleAsync();
        await Assertions.Expect(published.Locator(".comment-author")).ToHaveTextAsync("Ana Commenter");
        await Assertions.Expect(reader.Locator("#comments-heading")).ToContainTextAsync("(1)");
        await BrowserChecks.ExpectToFitAPhoneAsync(reader, "the resource page with a comment");
        await BrowserChecks.ScreenshotAsync(reader, "comment-published");
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
