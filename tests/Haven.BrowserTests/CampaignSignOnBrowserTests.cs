using AwesomeAssertions;
using Haven.Core.Campaigns;
using Haven.TestSupport;
using Microsoft.Playwright;
using MimeKit;

namespace Haven.BrowserTests;

/// <summary>An organization signs a campaign in Chromium through the public form (the campaign publishes signatures as
/// soon as the email is confirmed), opens the link from the confirmation mail (an .eml file in the pickup folder),
/// confirms there, and sees its name in the public list as the count rises from 0 to 1. The pages pass axe and fit a
/// phone.</summary>
public sealed class CampaignSignOnBrowserTests(BrowserSite site) : IClassFixture<BrowserSite>
{
    [Fact]
    public async Task A_signer_signs_confirms_by_the_mailed_link_and_sees_the_count_rise()
    {
        var t = await site.CreateTaxonomyAsync();
        var campaign = await site.CreateCampaignAsync(t.Some, [t.Organization.Id], c => c.Review = EndorsementReview.ConfirmationOnly);
        var organization = $"Valley Immigrant Rights {t.Some.Token}";
        var email = $"ana@valley-{t.Some.Token}.example.org";

        var page = await site.NewPageAsync();
        await page.GotoAsync($"/campaigns/{campaign.Slug}");
        var count = page.Locator("#signatures-heading .signature-count");
        await Assertions.Expect(count).ToHaveTextAsync("(0)");
        await BrowserChecks.ExpectNoSeriousViolationsAsync(page, "a campaign's page with the sign-on form");
        await BrowserChecks.ExpectToFitAPhoneAsync(page, "a campaign's page with the sign-on form");
        await BrowserChecks.ScreenshotAsync(page, "campaign-page");

        var form = page.Locator("form.sign-on-form");
        await form.Locator("#OrganizationName").FillAsync(organization);
        await form.Locator("#City").FillAsync("Fresno");
        await form.Locator("#State").SelectOptionAsync(new SelectOptionValue { Value = "CA" });
        await form.Locator("#SignerName").FillAsync("Ana Ruiz");
        await form.Locator("#SignerRole").FillAsync("Executive director");
        await form.Locator("#Email").FillAsync(email);
        await form.GetByLabel("I may sign for this organization.").CheckAsync();
        await form.GetByRole(AriaRole.Button, new() { Name = "Sign", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("open the link in it to confirm your signature");
        // The signature counts only once confirmed.
        await Assertions.Expect(count).ToHaveTextAsync("(0)");

        var mail = await MailAsync(email, $"Confirm your signature: {campaign.Title}");
        var fromMail = await site.NewPageAsync();
        await fromMail.GotoAsync(TestCampaigns.EndorsementPathIn(mail));
        await Assertions.Expect(fromMail.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Your signature");
        await BrowserChecks.ExpectNoSeriousViolationsAsync(fromMail, "the signer's private page");
        await fromMail.GetByRole(AriaRole.Button, new() { Name = "Confirm my signature" }).ClickAsync();
        await Assertions.Expect(fromMail.GetByRole(AriaRole.Status)).ToContainTextAsync("your email address is confirmed");
        await Assertions.Expect(fromMail.Locator(".endorsement-status")).ToContainTextAsync("Your signature is in the public list.");

        await page.ReloadAsync();
        await Assertions.Expect(count).ToHaveTextAsync("(1)");
        await Assertions.Expect(page.Locator("ol.signatures")).ToContainTextAsync(organization);
        (await page.ContentAsync()).Should().NotContain(email, "addresses are never public");
        await BrowserChecks.ScreenshotAsync(page, "campaign-page-signed");
    }

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
