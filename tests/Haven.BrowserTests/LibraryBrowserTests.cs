using AwesomeAssertions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Haven.Core.Resources;
using Haven.TestSupport;
using Microsoft.Playwright;

namespace Haven.BrowserTests;

/// <summary>What a reader does in Chromium: search, narrow, open, read the notice; and an axe check of the library.</summary>
public sealed class LibraryBrowserTests(BrowserSite site) : IClassFixture<BrowserSite>
{
    [Fact]
    public async Task A_reader_finds_a_word_inside_a_pdf_narrows_by_two_facets_and_sees_the_supersession_notice()
    {
        var t = await site.CreateTaxonomyAsync();
        var word = $"quillwort{t.Some.Token}";
        var old = await site.SaveResourceAsync(t.Resource($"Detainer advisory 2019 {t.Some.Token}", publishedOn: "2019-04-01")
            with { TopicIds = [t.Topic.Id, t.OtherTopic.Id] });
        await site.AttachPdfAsync(old.Id, "screening.pdf", $"Worked example: the {word} reentry pilot and how to screen for it.");
        // Same word in a resource of another type and topic: the facets must take it out.
        var other = await site.SaveResourceAsync(t.Resource($"Unrelated toolkit {t.Some.Token}", type: ResourceType.Toolkit));
        await site.AttachPdfAsync(other.Id, "toolkit.pdf", $"Also mentions {word} once.");
        var current = await site.SaveResourceAsync(t.Resource($"Detainer advisory 2025 {t.Some.Token}", publishedOn: "2025-04-01") with { SupersedesId = old.Id });

        var page = await site.NewPageAsync();
        await page.GotoAsync("/resources");
        await page.GetByLabel("Search words").FillAsync(word);
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Assertions.Expect(page.Locator(".result")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator(".snippet mark").First).ToHaveTextAsync(word, new() { IgnoreCase = true });

        await page.Locator($"a.facet-option[data-facet=type][data-value=practice-advisory]").ClickAsync();
        await page.Locator($"a.facet-option[data-facet=topic][data-value={t.OtherTopic.Slug}]").ClickAsync();
        await Assertions.Expect(page.Locator(".result")).ToHaveCountAsync(1);
        page.Url.Should().Contain("type=practice-advisory").And.Contain($"topic={t.OtherTopic.Slug}").And.Contain(word);

        await page.GetByRole(AriaRole.Link, new() { Name = $"Detainer advisory 2019 {t.Some.Token}" }).ClickAsync();
        var notice = page.Locator("article .notice-warning");
        await Assertions.Expect(notice).ToContainTextAsync("This resource has been superseded.");
        await notice.GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(current.Title);
    }

    [Theory]
    [InlineData("/resources")]
    [InlineData("/resources?q=detainer&sort=newest")]
    [InlineData("/es/resources")]
    [InlineData("/")]
    public async Task Library_pages_have_no_serious_accessibility_violations(string url)
    {
        var t = await site.CreateTaxonomyAsync();
        var resource = await site.SaveResourceAsync(t.Resource($"Detainer explainer {t.Some.Token}", "## What a detainer is\n\nA request from ICE."));
        var page = await site.NewPageAsync();

        foreach (var address in new[] { url, $"/resources/{resource.Slug}", $"/topics/{t.Topic.Slug}" })
        {
            await page.GotoAsync(address);
            var result = await page.RunAxe();
            var serious = result.Violations.Where(v => v.Impact is "serious" or "critical")
                .Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => string.Join(" ", n.Target)))})").ToList();
            serious.Should().BeEmpty($"{address} should pass axe");
        }
    }

    [Fact]
    public async Task A_ten_thousand_character_search_over_a_real_server_gets_the_library_with_a_notice()
    {
        var page = await site.NewPageAsync();
        var response = await page.GotoAsync("/resources?q=" + string.Join('+', Enumerable.Repeat("detainer", 1111)));
        response!.Status.Should().Be(200);
        await Assertions.Expect(page.Locator(".notice")).ToContainTextAsync("500");
    }

    [Fact]
    public async Task The_accessibility_check_does_catch_serious_violations()
    {
        // A canary: the check above is only worth something if axe really runs and reports in this setup.
        var page = await site.NewPageAsync();
        await page.SetContentAsync("<html><body><main><img src='x.png'><a href='#'></a><input type='text'></main></body></html>");
        var result = await page.RunAxe();
        result.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => v.Id).Should().Contain(["image-alt", "link-name"]);
    }

    [Fact]
    public async Task The_library_works_without_javascript()
    {
        var t = await site.CreateTaxonomyAsync();
        await site.SaveResourceAsync(t.Resource($"No script needed {t.Some.Token}"));
        var context = await site.Browser.NewContextAsync(new() { BaseURL = site.BaseUrl, JavaScriptEnabled = false });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByLabel("Search the library").First.FillAsync(t.Some.Token);
        await page.Locator("header form button").ClickAsync();
        await Assertions.Expect(page.Locator(".result-title")).ToHaveTextAsync($"No script needed {t.Some.Token}");
        await page.Locator("a.language-switch").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Biblioteca");
        await Assertions.Expect(page.Locator(".result-title")).ToHaveTextAsync($"No script needed {t.Some.Token}");
    }
}
