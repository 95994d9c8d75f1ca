using System.Net;
using System.Xml;
using System.Xml.Linq;
using AngleSharp.Dom;
using AwesomeAssertions;
using Haven.Core.Events;
using Haven.Core.Resources;
using Haven.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Haven.Web.Tests.Discovery;

/// <summary>Being found: robots.txt, the sitemap, and the canonical, hreflang and OpenGraph tags pages carry (and that
/// a registration's private page carries none with its token). Both databases.</summary>
public abstract class DiscoveryTests(HavenFactory site)
{
    private static readonly XNamespace Sitemap = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private static readonly XNamespace Xhtml = "http://www.w3.org/1999/xhtml";
    private readonly HttpClient _client = site.CreateClient();

    private async Task<XDocument> SitemapAsync()
    {
        using var response = await _client.GetAsync("/sitemap.xml");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/xml");
        // Parsed strictly: a malformed document throws here.
        var text = await response.Content.ReadAsStringAsync();
        using var reader = XmlReader.Create(new StringReader(text), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
        return XDocument.Load(reader);
    }

    private static IReadOnlyList<string> Locations(XDocument sitemap) =>
        sitemap.Root!.Elements(Sitemap + "url").Select(u => u.Element(Sitemap + "loc")!.Value).ToList();

    [Fact]
    public async Task Robots_txt_allows_public_pages_and_keeps_crawlers_out_of_private_ones()
    {
        var text = await _client.GetStringAsync("/robots.txt");
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().Contain(["User-agent: *", "Allow: /", "Disallow: /admin", "Disallow: /account",
            "Disallow: /events/*/registration/", "Disallow: /es/events/*/registration/", "Disallow: /comments/", "Sitemap: http://localhost/sitemap.xml"]);
    }

    [Fact]
    public async Task The_sitemap_lists_public_resources_and_events_in_both_languages_and_leaves_out_drafts()
    {
        var t = await site.CreateTaxonomyAsync();
        var published = await site.SaveResourceAsync(t.Resource($"Published {t.Some.Token}"));
        var draft = await site.SaveResourceAsync(t.Resource($"Draft {t.Some.Token}"), SaveAction.SaveDraft);
        var withdrawn = await site.SaveResourceAsync(t.Resource($"Withdrawn {t.Some.Token}"));
        await site.SaveResourceAsync(t.Resource($"Withdrawn {t.Some.Token}"), SaveAction.Unpublish, withdrawn.Id, withdrawn.Revision);
        var soon = site.Clock.GetCurrentInstant() + Duration.FromDays(3);
        var open = await site.CreateEventAsync(t.Some, $"Open {t.Some.Token}", soon, hostIds: [t.Organization.Id]);
        var hidden = await site.CreateEventAsync(t.Some, $"Hidden {t.Some.Token}", soon, e => e.IsDraft = true, hostIds: [t.Organization.Id]);

        var sitemap = await SitemapAsync();
        sitemap.Root!.Name.Should().Be(Sitemap + "urlset");
        var locations = Locations(sitemap);
        locations.Should().Contain([
            $"http://localhost/resources/{published.Slug}", $"http://localhost/es/resources/{published.Slug}",
            $"http://localhost/events/{open.Slug}", $"http://localhost/es/events/{open.Slug}",
            $"http://localhost/topics/{t.Topic.Slug}", $"http://localhost/organizations/{t.Organization.Slug}",
            "http://localhost/", "http://localhost/es/", "http://localhost/resources", "http://localhost/events", "http://localhost/policies",
        ]);
        locations.Should().NotContain(l => l.Contains(draft.Slug, StringComparison.Ordinal) || l.Contains(withdrawn.Slug, StringComparison.Ordinal)
            || l.Contains(hidden.Slug, StringComparison.Ordinal));
        // A place appears once it has policy records.
        locations.Should().NotContain(l => l.EndsWith($"/jurisdictions/{t.Jurisdiction.Slug}", StringComparison.Ordinal));

        var entry = sitemap.Root.Elements(Sitemap + "url").Single(u => u.Element(Sitemap + "loc")!.Value == $"http://localhost/es/resources/{published.Slug}");
        entry.Element(Sitemap + "lastmod")!.Value.Should().MatchRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$");
        entry.Elements(Xhtml + "link").Select(l => (l.Attribute("rel")!.Value, l.Attribute("hreflang")!.Value, l.Attribute("href")!.Value))
            .Should().Equal(
                ("alternate", "en", $"http://localhost/resources/{published.Slug}"),
                ("alternate", "es", $"http://localhost/es/resources/{published.Slug}"),
                ("alternate", "x-default", $"http://localhost/resources/{published.Slug}"));

        (await _client.GetAsync("/sitemap-1.xml")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await _client.GetAsync("/sitemap-999.xml")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_sitemap_lists_places_with_policy_records()
    {
        var t = await site.CreateTaxonomyAsync();
        await TestPolicies.SaveAsync(site, t.Jurisdiction.Id, "ice-detainers", "declines", "2020-01-01");
        Locations(await SitemapAsync()).Should().Contain($"http://localhost/jurisdictions/{t.Jurisdiction.Slug}");
    }

    private static string? Link(IDocument page, string selector) => page.QuerySelector(selector)?.GetAttribute("href");
    private static string? Meta(IDocument page, string property) =>
        page.QuerySelector($"meta[property='{property}']")?.GetAttribute("content");

    [Fact]
    public async Task A_resource_page_names_its_canonical_url_its_translations_and_an_article_preview()
    {
        var t = await site.CreateTaxonomyAsync();
        var resource = await site.SaveResourceAsync(t.Resource($"Detainer guide {t.Some.Token}"));

        var page = await _client.GetDocumentAsync($"/resources/{resource.Slug}?utm_source=newsletter&fbclid=x");
        var url = $"http://localhost/resources/{resource.Slug}";
        Link(page, "link[rel=canonical]").Should().Be(url);
        Link(page, "link[rel=alternate][hreflang=en]").Should().Be(url);
        Link(page, "link[rel=alternate][hreflang=es]").Should().Be($"http://localhost/es/resources/{resource.Slug}");
        Link(page, "link[rel=alternate][hreflang=x-default]").Should().Be(url);
        Meta(page, "og:title").Should().Be(resource.Title);
        Meta(page, "og:type").Should().Be("article");
        Meta(page, "og:url").Should().Be(url);
        Meta(page, "og:description").Should().Be(resource.Summary);
        Meta(page, "og:site_name").Should().Be("Haven");

        var spanish = await _client.GetDocumentAsync($"/es/resources/{resource.Slug}");
        Link(spanish, "link[rel=canonical]").Should().Be($"http://localhost/es/resources/{resource.Slug}");
        Link(spanish, "link[rel=alternate][hreflang=en]").Should().Be(url);
    }

    [Fact]
    public async Task The_library_keeps_its_filters_in_its_canonical_url_but_not_tracking()
    {
        var page = await _client.GetDocumentAsync("/resources?topic=detainers&utm_campaign=spring&q=bond");
        Link(page, "link[rel=canonical]").Should().Be("http://localhost/resources?topic=detainers&q=bond");
        Link(page, "link[rel=alternate][hreflang=es]").Should().Be("http://localhost/es/resources?topic=detainers&q=bond");
    }

    [Fact]
    public async Task An_event_page_previews_with_its_description_s_first_sentence()
    {
        var t = await site.CreateTaxonomyAsync();
        var e = await site.CreateEventAsync(t.Some, $"Bond hearings {t.Some.Token}", site.Clock.GetCurrentInstant() + Duration.FromDays(4),
            x => x.DescriptionMarkdown = "Learn how **bond hearings** work. Bring your questions.\n\nSecond paragraph.", hostIds: [t.Organization.Id]);

        var page = await _client.GetDocumentAsync($"/events/{e.Slug}");
        Link(page, "link[rel=canonical]").Should().Be($"http://localhost/events/{e.Slug}");
        Link(page, "link[rel=alternate][hreflang=es]").Should().Be($"http://localhost/es/events/{e.Slug}");
        Meta(page, "og:type").Should().Be("website");
        Meta(page, "og:title").Should().Be(e.Title);
        Meta(page, "og:url").Should().Be($"http://localhost/events/{e.Slug}");
        Meta(page, "og:description").Should().Be("Learn how bond hearings work.");
    }

    [Fact]
    public async Task A_private_registration_page_gives_no_canonical_alternate_or_preview_url()
    {
        var t = await site.CreateTaxonomyAsync();
        var e = await site.CreateEventAsync(t.Some, $"Private {t.Some.Token}", site.Clock.GetCurrentInstant() + Duration.FromDays(4),
            x => x.RegistrationMode = RegistrationMode.Open, hostIds: [t.Organization.Id]);
        string token;
        await using (var scope = site.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Haven.Core.Data.HavenDbContext>();
            var registration = new Registration
            {
                EventId = e.Id, Name = "Private", Email = $"p-{t.Some.Token}@example.org", NormalizedEmail = $"p-{t.Some.Token}@example.org",
                Status = RegistrationStatus.Confirmed,
            };
            token = RegistrationLink.AddTo(registration, site.Clock.GetCurrentInstant());
            db.Registrations.Add(registration);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        foreach (var path in new[] { $"/events/{e.Slug}/registration/{token}", $"/es/events/{e.Slug}/registration/{token}" })
        {
            var page = await _client.GetDocumentAsync(path);
            page.QuerySelector("#event-heading")!.TextContent.Should().Contain(e.Title, "the private page itself opens");
            page.QuerySelectorAll("link[rel=canonical], link[rel=alternate][hreflang], meta[property^='og:']").Should().BeEmpty();
            page.Head!.InnerHtml.Should().NotContain(token);
        }
    }
}

public sealed class DiscoveryOnSqlite(SqliteSite site) : DiscoveryTests(site), IClassFixture<SqliteSite>;

public sealed class DiscoveryOnPostgres(PostgresSite site) : DiscoveryTests(site), IClassFixture<PostgresSite>;
