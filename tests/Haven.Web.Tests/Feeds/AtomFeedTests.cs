using System.Globalization;
using System.Net;
using System.Xml.Linq;
using AwesomeAssertions;
using Haven.Core.Events;
using Haven.Core.Resources;
using Haven.TestSupport;
using NodaTime;

namespace Haven.Web.Tests.Feeds;

/// <summary>The Atom feeds of the library, of events and of news posts over HTTP: structure read with System.Xml.Linq, the same
/// filters as the pages, and a reading by an independent parser (npm's rss-parser). Runs on both databases.</summary>
public abstract class AtomFeedTests(HavenFactory site)
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private readonly HttpClient _client = site.CreateClient();

    private async Task<XElement> FeedAsync(string url)
    {
        var response = await _client.GetAsync(url);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/atom+xml");
        var feed = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
        feed.Name.Should().Be(Atom + "feed");
        return feed;
    }

    private static IEnumerable<string> Titles(XElement feed) => feed.Elements(Atom + "entry").Select(e => e.Element(Atom + "title")!.Value);

    private static DateTimeOffset Time(XElement element) => DateTimeOffset.Parse(element.Value, CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_resources_feed_lists_published_resources_newest_first_with_permanent_ids_authors_and_topics()
    {
        var t = await site.CreateTaxonomyAsync();
        var older = await site.SaveResourceAsync(t.Resource($"Older advisory {t.Some.Token}", publishedOn: "2023-02-01"));
        var newer = await site.SaveResourceAsync(t.Resource($"Newer advisory {t.Some.Token}", publishedOn: "2025-03-01") with
        {
            AuthorIds = [t.Organization.Id, t.OtherOrganization.Id], TopicIds = [t.Topic.Id, t.OtherTopic.Id],
        });
        await site.SaveResourceAsync(t.Resource($"Draft advisory {t.Some.Token}"), SaveAction.SaveDraft);

        var feed = await FeedAsync($"/feeds/resources.atom?q={t.Some.Token}");

        feed.Element(Atom + "id")!.Value.Should().Be($"tag:localhost,2026:resources?q={t.Some.Token}");
        feed.Element(Atom + "title")!.Value.Should().NotBeEmpty();
        feed.Element(Atom + "author")!.Element(Atom + "name")!.Value.Should().NotBeEmpty();
        feed.Elements(Atom + "link").Should().Contain(l => l.Attribute("rel")!.Value == "self"
            && l.Attribute("href")!.Value == $"http://localhost/feeds/resources.atom?q={t.Some.Token}");
        var entries = feed.Elements(Atom + "entry").ToList();
        Titles(feed).Should().Equal($"Newer advisory {t.Some.Token}", $"Older advisory {t.Some.Token}");
        entries.Select(e => e.Element(Atom + "id")!.Value).Should().Equal(
            $"tag:localhost,2026:resource-{newer.Id}", $"tag:localhost,2026:resource-{older.Id}");
        var first = entries[0];
        first.Element(Atom + "link")!.Attribute("href")!.Value.Should().Be($"http://localhost/resources/{newer.Slug}");
        first.Elements(Atom + "author").Select(a => a.Element(Atom + "name")!.Value).Should().Equal(t.Organization.Name, t.OtherOrganization.Name);
        first.Elements(Atom + "category").Select(c => c.Attribute("term")!.Value).Should().BeEquivalentTo([t.Topic.Slug, t.OtherTopic.Slug]);
        first.Elements(Atom + "category").Select(c => c.Attribute("label")!.Value).Should().Contain(t.Topic.Name);
        first.Element(Atom + "summary")!.Value.Should().Be($"Summary of Newer advisory {t.Some.Token}.");
        Time(first.Element(Atom + "published")!).UtcDateTime.Date.Should().BeOnOrAfter(new DateTime(2025, 3, 1)).And.BeBefore(new DateTime(2025, 3, 3));
        Time(feed.Element(Atom + "updated")!).Should().Be(entries.Max(e => Time(e.Element(Atom + "updated")!)));
    }

    [Fact]
    public async Task The_resources_feed_takes_the_library_filters()
    {
        var t = await site.CreateTaxonomyAsync();
        await site.SaveResourceAsync(t.Resource($"Alpha {t.Some.Token}", publishedOn: "2024-01-01"));
        await site.SaveResourceAsync(t.Resource($"Beta {t.Some.Token}", type: ResourceType.Toolkit, publishedOn: "2024-02-01") with { TopicIds = [t.OtherTopic.Id] });
        await site.SaveResourceAsync(t.Resource($"Gamma {t.Some.Token}", language: "es", publishedOn: "2024-03-01") with { AuthorIds = [t.OtherOrganization.Id] });

        Titles(await FeedAsync($"/feeds/resources.atom?q={t.Some.Token}")).Should().Equal($"Gamma {t.Some.Token}", $"Beta {t.Some.Token}", $"Alpha {t.Some.Token}");
        Titles(await FeedAsync($"/feeds/resources.atom?q={t.Some.Token}&topic={t.OtherTopic.Slug}")).Should().Equal($"Beta {t.Some.Token}");
        Titles(await FeedAsync($"/feeds/resources.atom?q={t.Some.Token}&type=toolkit")).Should().Equal($"Beta {t.Some.Token}");
        Titles(await FeedAsync($"/feeds/resources.atom?q={t.Some.Token}&language=es")).Should().Equal($"Gamma {t.Some.Token}");
        Titles(await FeedAsync($"/feeds/resources.atom?organization={t.OtherOrganization.Slug}")).Should().Equal($"Gamma {t.Some.Token}");
        Titles(await FeedAsync($"/feeds/resources.atom?q={t.Some.Token}&audience={t.Audience.Slug}&jurisdiction={t.Jurisdiction.Slug}&type=practice-advisory"))
            .Should().Equal($"Gamma {t.Some.Token}", $"Alpha {t.Some.Token}");
    }

    [Fact]
    public async Task The_events_feed_holds_the_calendar_feeds_selection_with_the_events_page_filters()
    {
        var t = await site.CreateTaxonomyAsync();
        var now = site.Clock.GetCurrentInstant();
        var host = new[] { t.Organization.Id };
        var soon = await site.CreateEventAsync(t.Some, $"Soon webinar {t.Some.Token}", now + Duration.FromDays(5), hostIds: host, topicIds: [t.Topic.Id]);
        var recent = await site.CreateEventAsync(t.Some, $"Recent training {t.Some.Token}", now - Duration.FromDays(30),
            x => { x.Kind = EventKind.Training; x.Language = "es"; }, hostIds: host);
        await site.CreateEventAsync(t.Some, $"Old call {t.Some.Token}", now - Duration.FromDays(90), hostIds: host);
        await site.CreateEventAsync(t.Some, $"Draft call {t.Some.Token}", now + Duration.FromDays(6), x => x.IsDraft = true, hostIds: host);

        var feed = await FeedAsync($"/feeds/events.atom?organization={t.Organization.Slug}");

        feed.Element(Atom + "id")!.Value.Should().Be($"tag:localhost,2026:events?organization={t.Organization.Slug}");
        Titles(feed).Should().Equal($"Recent training {t.Some.Token}", $"Soon webinar {t.Some.Token}");
        var entry = feed.Elements(Atom + "entry").Last();
        entry.Element(Atom + "id")!.Value.Should().Be($"tag:localhost,2026:event-{soon.Id}");
        entry.Element(Atom + "link")!.Attribute("href")!.Value.Should().Be($"http://localhost/events/{soon.Slug}");
        entry.Element(Atom + "author")!.Element(Atom + "name")!.Value.Should().Be(t.Organization.Name);
        entry.Element(Atom + "category")!.Attribute("term")!.Value.Should().Be(t.Topic.Slug);
        entry.Element(Atom + "summary")!.Value.Should().StartWith("Webinar. ");
        entry.Element(Atom + "published").Should().NotBeNull();
        Time(feed.Element(Atom + "updated")!).Should().Be(feed.Elements(Atom + "entry").Max(e => Time(e.Element(Atom + "updated")!)));

        Titles(await FeedAsync($"/feeds/events.atom?organization={t.Organization.Slug}&kind=training")).Should().Equal($"Recent training {t.Some.Token}");
        Titles(await FeedAsync($"/feeds/events.atom?organization={t.Organization.Slug}&language=es")).Should().Equal($"Recent training {t.Some.Token}");
        Titles(await FeedAsync($"/feeds/events.atom?topic={t.Topic.Slug}")).Should().Equal($"Soon webinar {t.Some.Token}");
        recent.Id.Should().NotBe(soon.Id);
    }

    [Fact]
    public async Task The_library_and_events_pages_point_at_their_feeds_with_the_same_filters()
    {
        var t = await site.CreateTaxonomyAsync();
        await site.SaveResourceAsync(t.Resource($"Linked {t.Some.Token}"));
        await site.CreateEventAsync(t.Some, $"Linked event {t.Some.Token}", site.Clock.GetCurrentInstant() + Duration.FromDays(3), topicIds: [t.Topic.Id]);

        var library = await _client.GetDocumentAsync($"/resources?q={t.Some.Token}&topic={t.Topic.Slug}&sort=oldest&page=1");
        var libraryFeed = library.QuerySelector("link[rel=alternate][type='application/atom+xml']")!.GetAttribute("href")!;
        libraryFeed.Should().Be($"/feeds/resources.atom?q={t.Some.Token}&topic={t.Topic.Slug}");
        Titles(await FeedAsync(libraryFeed)).Should().Equal($"Linked {t.Some.Token}");

        var events = await _client.GetDocumentAsync($"/events?kind=webinar&topic={t.Topic.Slug}");
        var eventsFeed = events.QuerySelector("link[rel=alternate][type='application/atom+xml']")!.GetAttribute("href")!;
        eventsFeed.Should().Be($"/feeds/events.atom?kind=webinar&topic={t.Topic.Slug}");
        Titles(await FeedAsync(eventsFeed)).Should().Equal($"Linked event {t.Some.Token}");
    }

    [Fact]
    public async Task An_independent_feed_parser_reads_both_feeds_titles_and_links()
    {
        var t = await site.CreateTaxonomyAsync();
        var resource = await site.SaveResourceAsync(t.Resource($"Parsed advisory {t.Some.Token} «ñ»"));
        var e = await site.CreateEventAsync(t.Some, $"Parsed webinar {t.Some.Token}", site.Clock.GetCurrentInstant() + Duration.FromDays(2), hostIds: [t.Organization.Id]);

        using var resources = await RssParser.ReadAsync(await _client.GetByteArrayAsync($"/feeds/resources.atom?q={t.Some.Token}"));
        if (resources is null) Assert.Skip("rss-parser is not installed: run scripts/install-test-deps.sh");
        resources.RootElement.GetProperty("link").GetString().Should().Be($"http://localhost/resources?q={t.Some.Token}");
        var item = resources.RootElement.GetProperty("items").EnumerateArray().Single();
        item.GetProperty("title").GetString().Should().Be($"Parsed advisory {t.Some.Token} «ñ»");
        item.GetProperty("link").GetString().Should().Be($"http://localhost/resources/{resource.Slug}");
        item.GetProperty("id").GetString().Should().Be($"tag:localhost,2026:resource-{resource.Id}");

        using var events = await RssParser.ReadAsync(await _client.GetByteArrayAsync($"/feeds/events.atom?organization={t.Organization.Slug}"));
        events!.RootElement.GetProperty("link").GetString().Should().Be($"http://localhost/events?organization={t.Organization.Slug}");
        var eventItem = events.RootElement.GetProperty("items").EnumerateArray().Single();
        eventItem.GetProperty("title").GetString().Should().Be($"Parsed webinar {t.Some.Token}");
        eventItem.GetProperty("link").GetString().Should().Be($"http://localhost/events/{e.Slug}");
    }

    [Fact]
    public async Task The_posts_feed_lists_public_posts_with_the_news_pages_filters_and_never_an_embargoed_one()
    {
        var t = await site.CreateTaxonomyAsync();
        var now = site.Clock.GetCurrentInstant();
        var news = await site.CreatePostAsync(t.Organization.Id, $"Parsed post {t.Some.Token} «ñ»", f => f with { PublishedOn = "2026-03-01", TopicIds = [t.Topic.Id] });
        var release = await site.CreatePostAsync(t.Organization.Id, $"Release {t.Some.Token}", f => f with
        {
            Kind = Haven.Core.News.PostKind.PressRelease, PublishedOn = "2026-04-01", ContactName = "Press", ContactEmail = "press@example.org", TopicIds = [t.Topic.Id],
        });
        await site.CreatePostAsync(t.Organization.Id, $"Embargoed {t.Some.Token}", f => f with { TopicIds = [t.Topic.Id], EmbargoUntil = site.EmbargoField(now + Duration.FromDays(1)) });
        await site.CreatePostAsync(t.Organization.Id, $"Draft {t.Some.Token}", f => f with { TopicIds = [t.Topic.Id], IsDraft = true });

        var feed = await FeedAsync($"/feeds/posts.atom?topic={t.Topic.Slug}");

        feed.Element(Atom + "id")!.Value.Should().Be($"tag:localhost,2026:posts?topic={t.Topic.Slug}");
        Titles(feed).Should().Equal($"Release {t.Some.Token}", $"Parsed post {t.Some.Token} «ñ»");
        var entry = feed.Elements(Atom + "entry").Last();
        entry.Element(Atom + "id")!.Value.Should().Be($"tag:localhost,2026:post-{news.Id}");
        entry.Element(Atom + "link")!.Attribute("href")!.Value.Should().Be($"http://localhost/news/{news.Slug}");
        entry.Element(Atom + "author")!.Element(Atom + "name")!.Value.Should().Be(t.Organization.Name);
        entry.Element(Atom + "category")!.Attribute("term")!.Value.Should().Be(t.Topic.Slug);
        entry.Element(Atom + "summary")!.Value.Should().Be($"Summary of Parsed post {t.Some.Token} «ñ».");
        Titles(await FeedAsync($"/feeds/posts.atom?topic={t.Topic.Slug}&kind=press-release")).Should().Equal($"Release {t.Some.Token}");
        Titles(await FeedAsync($"/feeds/posts.atom?topic={t.Topic.Slug}&kind=news")).Should().Equal($"Parsed post {t.Some.Token} «ñ»");

        using var parsed = await RssParser.ReadAsync(await _client.GetByteArrayAsync($"/feeds/posts.atom?topic={t.Topic.Slug}"));
        if (parsed is null) Assert.Skip("rss-parser is not installed: run scripts/install-test-deps.sh");
        parsed.RootElement.GetProperty("link").GetString().Should().Be($"http://localhost/news?topic={t.Topic.Slug}");
        var items = parsed.RootElement.GetProperty("items").EnumerateArray().ToList();
        items.Select(i => i.GetProperty("title").GetString()).Should().Equal($"Release {t.Some.Token}", $"Parsed post {t.Some.Token} «ñ»");
        items[0].GetProperty("link").GetString().Should().Be($"http://localhost/news/{release.Slug}");
        items[0].GetProperty("id").GetString().Should().Be($"tag:localhost,2026:post-{release.Id}");
    }
}

public sealed class AtomFeedOnSqlite(SqliteSite site) : AtomFeedTests(site), IClassFixture<SqliteSite>;

public sealed class AtomFeedOnPostgres(PostgresSite site) : AtomFeedTests(site), IClassFixture<PostgresSite>;
