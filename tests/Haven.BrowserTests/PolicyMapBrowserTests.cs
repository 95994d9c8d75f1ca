using AwesomeAssertions;
using Haven.Core.Data;
using Haven.TestSupport;
using Haven.Web.Policies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Haven.BrowserTests;

/// <summary>A reader in Chromium opens the policy map, picks an area and a past date with the form (a plain GET form,
/// no script), reads a county's past position in its region's name, zooms to its state, reaches the county with the
/// Tab key, opens it with Enter and finds its history on the jurisdiction page, newest first. Real places from the
/// Census import (Cook County, Illinois; Los Angeles County, California; Harris County, Texas). Both pages pass axe
/// and fit a phone.</summary>
public sealed class PolicyMapBrowserTests(BrowserSite site) : IClassFixture<BrowserSite>
{
    private const string Cook = "17031";

    [Fact]
    public async Task A_reader_picks_a_past_date_reaches_a_county_with_the_keyboard_and_opens_its_history()
    {
        var some = new Some();
        var (cook, losAngeles, harris) = await RealCountiesAsync();
        var area = await site.CreateAreaAsync(some, "declines", "warrant-only", "honors-all");
        await TestPolicies.SaveAsync(site, cook, area.Slug, "honors-all", "2012-01-01");
        await TestPolicies.SaveAsync(site, cook, area.Slug, "declines", "2019-07-01");
        await TestPolicies.SaveAsync(site, losAngeles, area.Slug, "warrant-only", "2015-01-01");
        await TestPolicies.SaveAsync(site, harris, area.Slug, "honors-all", "2010-05-01");

        // The reader chooses the area and a date before Cook County's change, with the form.
        var page = await site.NewPageAsync();
        await page.GotoAsync("/policies");
        await page.GetByLabel("Policy area").SelectOptionAsync(new SelectOptionValue { Label = area.Name });
        await page.GetByLabel("As of").FillAsync("2016-06-01");
        await page.GetByLabel("Show", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Counties" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Show the map" }).ClickAsync();
        await page.WaitForURLAsync($"**/policies?area={area.Slug}&date=2016-06-01**");

        var map = page.Locator("figure.policy-map > svg");
        await Assertions.Expect(map).ToHaveAccessibleNameAsync($"{area.Name} on 2016-06-01");
        var cookRegion = map.Locator($"a[href='/jurisdictions/{Cook}']");
        await Assertions.Expect(cookRegion.Locator("title")).ToHaveTextAsync("Cook County, Illinois: honors-all");
        await Assertions.Expect(cookRegion).ToHaveAccessibleNameAsync("Cook County, Illinois: honors-all");
        await Assertions.Expect(map.Locator("a[href='/jurisdictions/06037'] title")).ToHaveTextAsync("Los Angeles County, California: warrant-only");
        await Assertions.Expect(map.Locator("a[href='/jurisdictions/36061'] title")).ToHaveTextAsync("New York County, New York: No record");
        (await cookRegion.EvaluateAsync<bool>("a => { a.focus(); return document.activeElement === a; }"))
            .Should().BeTrue("every region is a link the keyboard reaches");
        var table = page.GetByRole(AriaRole.Table);
        await Assertions.Expect(table).ToContainTextAsync("3 places with a record in force on 2016-06-01");
        await Assertions.Expect(table.GetByRole(AriaRole.Row, new() { Name = "Cook County, Illinois honors-all 2012-01-01" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".map-legend li")).ToHaveTextAsync(["declines", "warrant-only", "honors-all", "No record"]);
        await BrowserChecks.ExpectNoSeriousViolationsAsync(page, "the county map");
        await BrowserChecks.ExpectToFitAPhoneAsync(page, "the county map");
        await ExpectSideBySideAsync(page);
        await BrowserChecks.ScreenshotAsync(page, "policy-map-counties");

        // Today the same county declines.
        await page.GotoAsync($"/policies?area={area.Slug}");
        await Assertions.Expect(page.Locator($"figure.policy-map a[href='/jurisdictions/{Cook}'] title")).ToHaveTextAsync("Cook County, Illinois: declines");

        // Zoomed to Illinois at the past date, the reader tabs from the form's button to Cook County...
        await page.GotoAsync($"/policies?area={area.Slug}&date=2016-06-01");
        await page.GetByLabel("State", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Illinois" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Show the map" }).ClickAsync();
        await page.WaitForURLAsync("**state=IL**");
        await Assertions.Expect(page.Locator("figure.policy-map > svg")).ToHaveAccessibleNameAsync($"{area.Name} in Illinois on 2016-06-01");
        await Assertions.Expect(page.Locator("figure.policy-map .m-regions a")).ToHaveCountAsync(102);
        await BrowserChecks.ExpectNoSeriousViolationsAsync(page, "one state's counties");
        await BrowserChecks.ScreenshotAsync(page, "policy-map-illinois");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show the map" }).FocusAsync();
        var presses = 0;
        while (await page.EvaluateAsync<string?>("() => document.activeElement?.getAttribute('href')") != $"/jurisdictions/{Cook}")
        {
            presses.Should().BeLessThan(120, "Tab reaches Cook County among Illinois's 102 counties");
            await page.Keyboard.PressAsync("Tab");
            presses++;
        }
        // ...sees where the focus is (the region's border thickens and darkens)...
        var border = await page.EvaluateAsync<string[]>("() => { const s = getComputedStyle(document.activeElement.querySelector('path')); return [s.stroke, s.strokeWidth]; }");
        border.Should().Equal(["rgb(29, 35, 48)", "3px"], "the focused region shows where the keyboard is");
        await BrowserChecks.ScreenshotAsync(page, "policy-map-illinois-focus", fullPage: false);

        // ...and opens it with Enter: its history, newest first, both periods.
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync($"**/jurisdictions/{Cook}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Cook County");
        var history = page.Locator(".policy-area").Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = area.Name }) }).Locator(".policy-history > li");
        await Assertions.Expect(history).ToHaveCountAsync(2);
        await Assertions.Expect(history.Nth(0)).ToContainTextAsync("In force");
        await Assertions.Expect(history.Nth(0)).ToContainTextAsync("declines");
        await Assertions.Expect(history.Nth(0)).ToContainTextAsync("from 2019-07-01");
        await Assertions.Expect(history.Nth(1)).ToContainTextAsync("honors-all");
        await Assertions.Expect(history.Nth(1)).ToContainTextAsync("from 2012-01-01 until 2019-06-30");
        await Assertions.Expect(history.Nth(1)).Not.ToContainTextAsync("In force");
        await BrowserChecks.ExpectNoSeriousViolationsAsync(page, "the jurisdiction page");
        await BrowserChecks.ExpectToFitAPhoneAsync(page, "the jurisdiction page");
        await BrowserChecks.ScreenshotAsync(page, "jurisdiction-page");
    }

    /// <summary>The Census places (the test site skips the start-up import), imported once per site; the ids of Cook,
    /// Los Angeles and Harris counties.</summary>
    private async Task<(int Cook, int LosAngeles, int Harris)> RealCountiesAsync()
    {
        await using var scope = site.Scope();
        var import = scope.ServiceProvider.GetRequiredService<ImportJurisdictions>();
        if (await import.IsNeededAsync()) await import.RunAsync();
        var db = scope.ServiceProvider.GetRequiredService<HavenDbContext>();
        var ids = await db.Jurisdictions.AsNoTracking().Where(j => j.Fips == Cook || j.Fips == "06037" || j.Fips == "48201")
            .ToDictionaryAsync(j => j.Fips!, j => j.Id);
        return (ids[Cook], ids["06037"], ids["48201"]);
    }

    /// <summary>On a laptop the map and the table stand side by side; on a phone the table comes under the map.</summary>
    private static async Task ExpectSideBySideAsync(IPage page)
    {
        var size = page.ViewportSize!;
        await page.SetViewportSizeAsync(1280, 800);
        var map = (await page.Locator("figure.policy-map").BoundingBoxAsync())!;
        var table = (await page.Locator(".policy-map-table").BoundingBoxAsync())!;
        table.X.Should().BeGreaterThanOrEqualTo(map.X + map.Width, "on a laptop the table is beside the map");
        await page.SetViewportSizeAsync(390, 844);
        map = (await page.Locator("figure.policy-map").BoundingBoxAsync())!;
        table = (await page.Locator(".policy-map-table").BoundingBoxAsync())!;
        table.Y.Should().BeGreaterThanOrEqualTo(map.Y + map.Height, "on a phone the table is under the map");
        await page.SetViewportSizeAsync(size.Width, size.Height);
    }
}
