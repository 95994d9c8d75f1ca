using System.Text.RegularExpressions;
using AwesomeAssertions;
using Deque.AxeCore.Playwright;
using Haven.Core.Accounts;
using Haven.TestSupport;
using Microsoft.Playwright;

namespace Haven.BrowserTests;

/// <summary>An organization's lead invites an editor in Chromium; the editor opens the account from the mail (written
/// as an .eml file, the embedded default without SMTP), sets up two-factor sign-in, signs in again with it, edits
/// their organization's resource and is refused another organization's.</summary>
public sealed partial class AccountsBrowserTests(BrowserSite site) : IClassFixture<BrowserSite>
{
    [Fact]
    public async Task An_invited_editor_opens_the_account_sets_up_two_factor_and_edits_only_their_organizations_resource()
    {
        var t = await site.CreateTaxonomyAsync();
        var ours = await site.SaveResourceAsync(t.Resource($"Our toolkit {t.Some.Token}"));
        var theirs = await site.SaveResourceAsync(t.Resource($"Their toolkit {t.Some.Token}") with { AuthorIds = [t.OtherOrganization.Id] });
        var leadEmail = await site.CreateMemberAsync(t.Organization.Id, MembershipRole.Lead);
        var editorEmail = $"rosa-{t.Some.Token}@example.org";

        // The lead invites.
        var lead = await site.NewPageAsync();
        await SignInAsync(lead, leadEmail, TestAccounts.Password);
        await lead.GotoAsync("/admin/accounts");
        await lead.GetByLabel("Email").FillAsync(editorEmail);
        await lead.GetByLabel("Role").SelectOptionAsync(new SelectOptionValue { Label = "editor" });
        await lead.GetByLabel("Organization (for editors and leads)").SelectOptionAsync(new SelectOptionValue { Label = t.Organization.Name });
        await lead.GetByRole(AriaRole.Button, new() { Name = "Send the invitation" }).ClickAsync();
        await Assertions.Expect(lead.GetByRole(AriaRole.Status)).ToContainTextAsync("Invitation sent.");

        // The mail, as the site wrote it without an SMTP server.
        var link = await LinkInMailToAsync(editorEmail);

        // The editor opens the account...
        var editor = await site.NewPageAsync();
        await editor.GotoAsync(new Uri(link).PathAndQuery);
        await editor.GetByLabel("Your name").FillAsync("Rosa Editor");
        await editor.GetByLabel("Password (at least 12 characters)").FillAsync("a fine long passphrase");
        await editor.GetByLabel("The same password again").FillAsync("a fine long passphrase");
        await editor.GetByRole(AriaRole.Button, new() { Name = "Open my account" }).ClickAsync();
        await Assertions.Expect(editor.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Manage");

        // ...sets up two-factor sign-in with the key the page shows...
        await editor.GotoAsync("/account/security");
        var key = await editor.Locator(".authenticator-key").GetAttributeAsync("data-key");
        await editor.GetByLabel("Enter the six-digit code the app shows").FillAsync(TestAccounts.CodeFor(key!));
        await editor.GetByRole(AriaRole.Button, new() { Name = "Turn on two-factor sign-in" }).ClickAsync();
        await Assertions.Expect(editor.Locator(".recovery-codes li")).ToHaveCountAsync(10);
        var axe = await editor.RunAxe();
        axe.Violations.Where(v => v.Impact is "serious" or "critical").Should().BeEmpty();

        // ...signs out, and in again with the second step.
        await editor.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true }).ClickAsync();
        await SignInAsync(editor, editorEmail, "a fine long passphrase");
        await editor.GetByLabel("Code from your authenticator app").FillAsync(TestAccounts.CodeFor(key!));
        await editor.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(editor.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Manage");

        // Their organization's resource: edited and saved.
        await editor.GotoAsync($"/admin/resources/{ours.Id}/edit");
        await editor.GetByLabel("Title", new() { Exact = true }).FillAsync($"Our toolkit, revised {t.Some.Token}");
        await editor.GetByRole(AriaRole.Button, new() { Name = "Update" }).ClickAsync();
        await Assertions.Expect(editor.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved.");

        // Another organization's: refused.
        await editor.GotoAsync($"/admin/resources/{theirs.Id}/edit");
        await Assertions.Expect(editor.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Not allowed");
        (await site.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Resources, r => r.Id == theirs.Id))).Title
            .Should().Be($"Their toolkit {t.Some.Token}");
    }

    private static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/account/signin");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    private async Task<string> LinkInMailToAsync(string email)
    {
        var folder = Path.Combine(site.DataPath, "mail");
        string? link = null;
        await Poll.UntilAsync(() =>
        {
            var mail = Directory.Exists(folder)
                ? Directory.EnumerateFiles(folder, "*.eml").Select(File.ReadAllText).FirstOrDefault(m => m.Contains(email, StringComparison.Ordinal))
                : null;
            link = mail is null ? null : InvitationLink().Match(mail).Value;
            return Task.FromResult(!string.IsNullOrEmpty(link));
        }, describe: () => $"an invitation to {email} in {folder}");
        return link!;
    }

    [GeneratedRegex(@"http://\S+/account/invitation/[A-Za-z0-9_\-]+")]
    private static partial Regex InvitationLink();
}
