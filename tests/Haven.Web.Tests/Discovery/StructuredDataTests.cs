using System.Text.Json;
using AwesomeAssertions;
using Haven.Core.Events;
using Haven.Core.Resources;
using Haven.TestSupport;
using NodaTime;

namespace Haven.Web.Tests.Discovery;

/// <summary>schema.org JSON-LD in public pages, read back from the served HTML by an independent extractor and checked
/// by Adobe's structured-data validator (Google's rules and the schema.org vocabulary): no issue at all is allowed.</summary>
public abstract class StructuredDataTests(HavenFactory site)
{
    private readonly HttpClient _client = site.CreateClient();

    /// <summary>The page's JSON-LD object of <paramref name="type"/>, after the validator found no issue in the page.</summary>
    private async Task<JsonElement> ValidatedAsync(string path, string type)
    {
        var html = await _client.GetStringAsync(path);
        using var result = await StructuredDataValidator.CheckAsync(html);
        if (result is null) Assert.Skip("The structured-data validator is not installed: run scripts/install-test-deps.sh");
        var issues = result.RootElement.GetProperty("issues").EnumerateArray().Select(i => i.GetRawText()).ToList();
        issues.Should().BeEmpty($"{path} should carry valid structured data");
        var found = result.RootElement.GetProperty("jsonld").GetProperty(type).EnumerateArray().ToList();
        found.Should().ContainSingle($"{path} describes one {type}");
        return found[0].Clone();
    }

    [Fact]
    public async Task A_resource_is_an_article_with_its_authoring_organizations()
    {
        var t = await site.CreateTaxonomyAsync();
        var advisory = await site.SaveResourceAsync(t.Resource($"Advisory </script><script>alert(1)</script> {t.Some.Token}") with
        {
            AuthorIds = [t.Organization.Id, t.OtherOrganization.Id],
        });

        var data = await ValidatedAsync($"/resources/{advisory.Slug}", "Article");
        data.GetProperty("@context").GetString().Should().Be("https://schema.org");
        data.GetProperty("name").GetString().Should().Be(advisory.Title, "a title that looks like markup stays text in the JSON");
        data.GetProperty("url").GetString().Should().Be($"http://localhost/resources/{advisory.Slug}");
        data.GetProperty("datePublished").GetString().Should().Be("2024-05-01");
        data.GetProperty("inLanguage").GetString().Should().Be("en");
        data.GetProperty("description").GetString().Should().Be(advisory.Summary);
        data.GetProperty("author").EnumerateArray().Select(a => a.GetProperty("name").GetString())
            .Should().Equal(t.Organization.Name, t.OtherOrganization.Name);
        data.GetProperty("author")[0].GetProperty("url").GetString().Should().Be($"http://localhost/organizations/{t.Organization.Slug}");
        data.GetProperty("keywords").GetString().Should().Be(t.Topic.Name);
        data.GetProperty("spatialCoverage")[0].GetProperty("name").GetString().Should().Be(t.Jurisdiction.Name);
    }

    [Fact]
    public async Task A_report_is_a_report_and_the_spanish_page_gives_spanish_addresses()
    {
        var t = await site.CreateTaxonomyAsync();
        var report = await site.SaveResourceAsync(t.Resource($"Report {t.Some.Token}", type: ResourceType.Report));

        var data = await ValidatedAsync($"/es/resources/{report.Slug}", "Report");
        data.GetProperty("url").GetString().Should().Be($"http://localhost/es/resources/{report.Slug}");
        data.GetProperty("publisher").GetProperty("url").GetString().Should().Be($"http://localhost/es/organizations/{t.Organization.Slug}");
    }

    [Fact]
    public async Task An_event_is_an_online_event_with_organizers_performers_and_no_join_link()
    {
        var t = await site.CreateTaxonomyAsync();
        // Whole seconds: the dates are written to the second.
        var startsAt = Instant.FromUnixTimeSeconds((site.Clock.GetCurrentInstant() + Duration.FromDays(10)).ToUnixTimeSeconds());
        var e = await site.CreateEventAsync(t.Some, $"Know your rights {t.Some.Token}", startsAt, e =>
        {
            e.JoinUrl = "https://meet.example.org/secret-room";
            e.Capacity = 50;
            e.DurationMinutes = 90;
        }, hostIds: [t.Organization.Id, t.OtherOrganization.Id], speakers: ["Ana Ruiz", "Luis Gómez"]);

        var html = await _client.GetStringAsync($"/events/{e.Slug}");
        html.Should().NotContain("secret-room");
        var data = await ValidatedAsync($"/events/{e.Slug}", "Event");
        data.GetProperty("name").GetString().Should().Be(e.Title);
        // The event's own zone and offset, as a calendar would show it.
        var start = startsAt.InZone(DateTimeZoneProviders.Tzdb["America/New_York"]).ToDateTimeOffset();
        data.GetProperty("startDate").GetString().Should().Be(start.ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture));
        data.GetProperty("endDate").GetString().Should().Be(start.AddMinutes(90).ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture));
        data.GetProperty("eventAttendanceMode").GetString().Should().Be("https://schema.org/OnlineEventAttendanceMode");
        data.GetProperty("eventStatus").GetString().Should().Be("https://schema.org/EventScheduled");
        data.GetProperty("location").GetProperty("@type").GetString().Should().Be("VirtualLocation");
        data.GetProperty("location").GetProperty("url").GetString().Should().Be($"http://localhost/events/{e.Slug}");
        data.GetProperty("organizer").EnumerateArray().Select(o => o.GetProperty("name").GetString())
            .Should().Equal(t.Organization.Name, t.OtherOrganization.Name);
        data.GetProperty("performer").EnumerateArray().Select(p => p.GetProperty("name").GetString()).Should().Equal("Ana Ruiz", "Luis Gómez");
        data.GetProperty("offers").GetProperty("availability").GetString().Should().Be("https://schema.org/InStock");
        data.GetProperty("offers").GetProperty("price").GetInt32().Should().Be(0);
    }

    [Fact]
    public async Task A_cancelled_event_says_so_and_offers_no_registration()
    {
        var t = await site.CreateTaxonomyAsync();
        var e = await site.CreateEventAsync(t.Some, $"Called off {t.Some.Token}", site.Clock.GetCurrentInstant() + Duration.FromDays(5),
            e => e.Status = EventStatus.Cancelled, hostIds: [t.Organization.Id]);

        var data = await ValidatedAsync($"/events/{e.Slug}", "Event");
        data.GetProperty("eventStatus").GetString().Should().Be("https://schema.org/EventCancelled");
        data.TryGetProperty("offers", out _).Should().BeFalse();
    }

    [Fact]
    public async Task An_organization_page_describes_the_organization()
    {
        var t = await site.CreateTaxonomyAsync();

        var data = await ValidatedAsync($"/organizations/{t.Organization.Slug}", "Organization");
        data.GetProperty("name").GetString().Should().Be(t.Organization.Name);
        data.GetProperty("sameAs").GetString().Should().Be("https://defenders.example.org");
    }

    [Fact]
    public async Task Drafts_carry_no_structured_data()
    {
        var t = await site.CreateTaxonomyAsync();
        var e = await site.CreateEventAsync(t.Some, $"Hidden {t.Some.Token}", site.Clock.GetCurrentInstant() + Duration.FromDays(5),
            e =>
            {
                e.IsDraft = true;
                e.OwnerOrganizationId = t.Organization.Id;
            }, hostIds: [t.Organization.Id]);
        var editor = await site.MemberClientAsync(t.Organization.Id);

        var html = await editor.GetStringAsync($"/events/{e.Slug}");
        html.Should().Contain(e.Title).And.NotContain("application/ld+json");
    }
}

public sealed class StructuredDataOnSqlite(SqliteSite site) : StructuredDataTests(site), IClassFixture<SqliteSite>;

public sealed class StructuredDataOnPostgres(PostgresSite site) : StructuredDataTests(site), IClassFixture<PostgresSite>;
