using System.Net;
using AwesomeAssertions;
using Haven.Core.Resources;
using Haven.TestSupport;

namespace Haven.Web.Tests.Resources;

/// <summary>A resource's own page and the topic, organization and jurisdiction pages. Runs on both databases.</summary>
public abstract class ResourcePageTests(HavenFactory site)
{
    private readonly HttpClient _client = site.CreateClient();

    [Fact]
    public async Task A_superseded_resource_says_so_at_the_top_and_links_the_newest_version()
    {
        var t = await site.CreateTaxonomyAsync();
        var first = await site.SaveResourceAsync(t.Resource($"Advisory 2015 {t.Some.Token}", publishedOn: "2015-03-01"));
        var second = await site.SaveResourceAsync(t.Resource($"Advisory 2019 {t.Some.Token}", publishedOn: "2019-03-01") with { SupersedesId = first.Id });
        var third = await site.SaveResourceAsync(t.Resource($"Advisory 2025 {t.Some.Token}", publishedOn: "2025-03-01") with { SupersedesId = second.Id });

        var page = await _client.GetDocumentAsync($"/resources/{first.Slug}");
        var notice = page.QuerySelector("article .notice-warning")!;
        notice.TextContent.Should().Contain("superseded");
        notice.QuerySelector("a")!.GetAttribute("href").Should().Be($"/resources/{third.Slug}");
        // The notice comes before the title.
        page.QuerySelector("article")!.Children[0].ClassList.Should().Contain("notice-warning");

        var current = await _client.GetDocumentAsync($"/resources/{third.Slug}");
        current.QuerySelector(".notice-warning").Should().BeNull();
        current.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).Should().Contain($"/resources/{second.Slug}");
    }

    [Fact]
    public async Task A_resource_past_its_review_age_warns_that_it_may_be_out_of_date()
    {
        var t = await site.CreateTaxonomyAsync();
        var old = await site.SaveResourceAsync(t.Resource($"Old advisory {t.Some.Token}", publishedOn: "2016-01-01"));
        var fresh = await site.SaveResourceAsync(t.Resource($"Fresh advisory {t.Some.Token}", publishedOn: site.Clock.GetCurrentInstant().InUtc().Date.ToString("uuuu-MM-dd", null)));

        (await _client.GetDocumentAsync($"/resources/{old.Slug}")).QuerySelector(".notice-warning")!.TextContent.Should().Contain("out of date");
        (await _client.GetDocumentAsync($"/resources/{fresh.Slug}")).QuerySelector(".notice-warning").Should().BeNull();
    }

    [Fact]
    public async Task A_resource_lists_its_translations()
    {
        var t = await site.CreateTaxonomyAsync();
        var english = await site.SaveResourceAsync(t.Resource($"Know your rights {t.Some.Token}"));
        var spanish = await site.SaveResourceAsync(t.Resource($"Conozca sus derechos {t.Some.Token}", language: "es") with { TranslationOfId = english.Id });

        var page = await _client.GetDocumentAsync($"/resources/{english.Slug}");
        var link = page.QuerySelector(".translations a")!;
        link.GetAttribute("href").Should().Be($"/resources/{spanish.Slug}");
        link.GetAttribute("hreflang").Should().Be("es");
        page.QuerySelector($"link[rel=alternate][hreflang=es][href='/resources/{spanish.Slug}']").Should().NotBeNull();
    }

    [Fact]
    public async Task Drafts_do_not_exist_for_readers()
    {
        var t = await site.CreateTaxonomyAsync();
        var draft = await site.SaveResourceAsync(t.Resource($"Draft {t.Some.Token}"), SaveAction.SaveDraft);
        (await _client.GetAsync($"/resources/{draft.Slug}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await _client.GetAsync("/resources/no-such-resource")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Markup_typed_into_any_field_is_shown_as_text()
    {
        var t = await site.CreateTaxonomyAsync();
        var resource = await site.SaveResourceAsync(t.Resource($"<script>alert('t')</script> {t.Some.Token}", "<img src=x onerror=alert(1)> **bold**")
            with { Summary = "<b onmouseover=alert(1)>hi</b>", Links = "https://example.org/a <script>x</script>" });

        var html = await _client.GetStringAsync($"/resources/{resource.Slug}");
        var page = Html.Parse(html);
        // The page's JSON-LD (data, never run) is its only script, and the markup stayed inside its JSON strings.
        page.QuerySelectorAll("script:not([type='application/ld+json'])").Should().BeEmpty();
        page.QuerySelectorAll("script[type='application/ld+json']").Should().AllSatisfy(s =>
            System.Text.Json.JsonDocument.Parse(s.TextContent).RootElement.GetProperty("@type").GetString().Should().NotBeNullOrEmpty());
        page.QuerySelectorAll("img").Should().BeEmpty();
        page.QuerySelectorAll("[onmouseover], [onerror]").Should().BeEmpty();
        page.QuerySelector("h1")!.TextContent.Should().StartWith("<script>");
        page.QuerySelector(".body strong")!.TextContent.Should().Be("bold");
    }

    [Fact]
    public async Task Topic_organization_and_jurisdiction_pages_list_their_resources()
    {
        var t = await site.CreateTaxonomyAsync();
        await site.SaveResourceAsync(t.Resource($"Listed {t.Some.Token}"));
        await site.SaveResourceAsync(t.Resource($"Elsewhere {t.Some.Token}") with { TopicIds = [t.OtherTopic.Id], AuthorIds = [t.OtherOrganization.Id], JurisdictionIds = [] });

        (await _client.GetDocumentAsync($"/topics/{t.Topic.Slug}")).ResultTitles().Should().Equal($"Listed {t.Some.Token}");
        (await _client.GetDocumentAsync($"/organizations/{t.Organization.Slug}")).ResultTitles().Should().Equal($"Listed {t.Some.Token}");
        var jurisdiction = await _client.GetDocumentAsync($"/jurisdictions/{t.Jurisdiction.Slug}");
        jurisdiction.QuerySelector("h1")!.TextContent.Should().Be(t.Jurisdiction.Name);
        jurisdiction.ResultTitles().Should().Equal($"Listed {t.Some.Token}");

        (await _client.GetAsync("/topics/no-such-topic")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await _client.GetAsync("/organizations/no-such-organization")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await _client.GetAsync("/jurisdictions/99999")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Attachments_are_served_as_their_checked_type_and_cannot_run_scripts()
    {
        var t = await site.CreateTaxonomyAsync();
        var resource = await site.SaveResourceAsync(t.Resource($"With file {t.Some.Token}"));
        var attachment = await site.AttachPdfAsync(resource.Id, "checklist.pdf", "A checklist.");

        var response = await _client.GetAsync($"/files/{attachment.Id}/checklist.pdf");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/pdf");
        response.Headers.GetValues("X-Content-Type-Options").Should().Contain("nosniff");
        response.Headers.GetValues("Content-Security-Policy").Single().Should().Contain("sandbox");
        response.Content.Headers.ContentDisposition!.FileNameStar.Should().Be("checklist.pdf");
        (await response.Content.ReadAsByteArrayAsync()).Take(5).Should().Equal("%PDF-"u8.ToArray());

        var draft = await site.SaveResourceAsync(t.Resource($"Draft with file {t.Some.Token}"), SaveAction.SaveDraft);
        var hidden = await site.AttachPdfAsync(draft.Id, "secret.pdf", "Not yet public.");
        (await _client.GetAsync($"/files/{hidden.Id}/secret.pdf")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}

public sealed class ResourcePageOnSqlite(SqliteSite site) : ResourcePageTests(site), IClassFixture<SqliteSite>;

public sealed class ResourcePageOnPostgres(PostgresSite site) : ResourcePageTests(site), IClassFixture<PostgresSite>;
