using AwesomeAssertions;
using Haven.Core.Accounts;
using Haven.Core.Bills;
using Haven.Core.Taxonomy;
using Haven.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Haven.BrowserTests;

/// <summary>A reader in Chromium narrows the bills to one state's action alerts with the form (a plain GET form, no
/// script), opens a bill and reads its positions, reasons and call to action. Both pages pass axe and fit a phone.</summary>
public sealed class BillsBrowserTests(BrowserSite site) : IClassFixture<BrowserSite>
{
    [Fact]
    public async Task A_reader_narrows_the_bills_to_action_alerts_and_opens_one()
    {
        var some = new Some();
        var t = await site.CreateTaxonomyAsync();
        var state = new Jurisdiction { Slug = some.Slug("state"), Name = $"State {some.Token}", Kind = JurisdictionKind.State, StateCode = "ZZ" };
        await site.WithDbAsync(db => { db.Jurisdictions.Add(state); return db.SaveChangesAsync(); });
        var alert = await AddAsync(state.Id, "SB 54", $"Values Act {some.Token}", null, BillStance.Support, "Call your senator today.");
        var quiet = await AddAsync(state.Id, "AB 9", $"Quiet bill {some.Token}", t.Organization.Id, BillStance.Watching, "");

        var page = await site.NewPageAsync();
        await page.GotoAsync("/bills");
        await page.GetByLabel("Jurisdiction").SelectOptionAsync(new SelectOptionValue { Label = state.Name });
        await page.GetByLabel("Action alerts only").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Show", Exact = true }).ClickAsync();
        await page.WaitForURLAsync($"**/bills?jurisdiction={state.Slug}**alerts=true**");
        await Assertions.Expect(page.Locator(".bill-title a")).ToHaveTextAsync(["SB 54"]);
        await Assertions.Expect(page.Locator(".bill-positions")).ToContainTextAsync("The coalition");
        await BrowserChecks.ExpectNoSeriousViolationsAsync(page, "the bills list");
        await BrowserChecks.ExpectToFitAPhoneAsync(page, "the bills list");
        await BrowserChecks.ScreenshotAsync(page, "bills");

        await page.GetByRole(AriaRole.Link, new() { Name = "SB 54" }).ClickAsync();
        await page.WaitForURLAsync($"**/bills/{alert.Slug}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync($"Values Act {some.Token}");
        await Assertions.Expect(page.Locator(".action-alert")).ToContainTextAsync("Call your senator today.");
        await Assertions.Expect(page.Locator(".bill-position .body em")).ToHaveTextAsync("detainers");
        await BrowserChecks.ExpectNoSeriousViolationsAsync(page, "a bill's page");
        await BrowserChecks.ExpectToFitAPhoneAsync(page, "a bill's page");
        await BrowserChecks.ScreenshotAsync(page, "bill");
        quiet.Slug.Should().NotBe(alert.Slug);
    }

    private async Task<Bill> AddAsync(int jurisdictionId, string number, string title, int? organizationId, BillStance stance, string call)
    {
        await using var scope = site.Scope();
        var system = Actor.System("test");
        var bill = (await scope.ServiceProvider.GetRequiredService<SaveBill>().RunAsync(new BillEdit
        {
            Actor = system,
            Fields = new BillFields { JurisdictionId = jurisdictionId, Number = number, Title = title, Session = "2025-2026", Status = "In committee" },
        })).Value!;
        var stated = await scope.ServiceProvider.GetRequiredService<StateBillPosition>().RunAsync(new BillPositionEdit
        {
            Actor = system, BillId = bill.Id,
            Fields = new BillPositionFields
            {
                OrganizationId = organizationId, Stance = stance, TakenOn = "2025-03-01", Reasons = "It ends holds on *detainers*.",
                IsActionAlert = call.Length > 0, CallToAction = call,
            },
        });
        stated.Succeeded.Should().BeTrue(string.Join("; ", stated.Problems));
        return bill;
    }
}
