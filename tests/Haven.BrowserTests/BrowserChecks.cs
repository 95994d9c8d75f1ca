using AwesomeAssertions;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Haven.BrowserTests;

/// <summary>Checks every browser test makes: axe, a phone's width, and pictures for a person to look at.</summary>
public static class BrowserChecks
{
    public static async Task ExpectNoSeriousViolationsAsync(IPage page, string what)
    {
        var result = await page.RunAxe();
        result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => string.Join(" ", n.Target)))})")
            .Should().BeEmpty($"{what} should pass axe");
    }

    /// <summary>At a phone's width the page scrolls only down, never sideways (a wide table or a long question would).</summary>
    public static async Task ExpectToFitAPhoneAsync(IPage page, string what)
    {
        var size = page.ViewportSize!;
        await page.SetViewportSizeAsync(360, 740);
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        await page.SetViewportSizeAsync(size.Width, size.Height);
        widths[0].Should().BeLessThanOrEqualTo(widths[1], $"{what} should fit a phone's width");
    }

    /// <summary>Full-page pictures, as wide as a laptop's window and as a phone's, for a person to look at when
    /// HAVEN_SCREENSHOTS names a folder.</summary>
    public static async Task ScreenshotAsync(IPage page, string name, bool fullPage = true)
    {
        if (Environment.GetEnvironmentVariable("HAVEN_SCREENSHOTS") is not { Length: > 0 } folder) return;
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"{name}.png"), FullPage = fullPage });
        var size = page.ViewportSize;
        await page.SetViewportSizeAsync(390, 844);
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"{name}-phone.png"), FullPage = fullPage });
        if (size is not null) await page.SetViewportSizeAsync(size.Width, size.Height);
    }
}
