using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using AwesomeAssertions;
using Haven.Core.Resources;
using Haven.TestSupport;
using NodaTime;

namespace Haven.Web.Tests.Api;

/// <summary>The JSON API's read side over HTTP: the library's filters and search, cursors that walk a list once or say
/// it changed, ETags and 304s, one item by id or slug, drafts hidden, refusals as problem details. Both databases.</summary>
public abstract class ApiTests(HavenFactory site)
{
    private readonly HttpClient _client = site.CreateClient();

    private async Task<JsonElement> GetJsonAsync(string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await _client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(expected, body);
        response.Content.Headers.ContentType!.MediaType.Should().Be(expected == HttpStatusCode.OK ? "application/json" : "application/problem+json");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Follows nextCursor from <paramref name="firstPage"/> to the end, returning every item's <paramref name="key"/> in order.</summary>
    private async Task<List<string>> WalkAsync(string firstPage, string key = "slug")
    {
        var slugs = new List<string>();
        var url = firstPage;
        for (var pages = 0; pages < 50; pages++)
        {
            var page = await GetJsonAsync(url);
            slugs.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty(key).GetString()!));
            if (page.GetProperty("nextCursor").GetString() is not { } cursor) return slugs;
            url = firstPage + "&cursor=" + Uri.EscapeDataString(cursor);
        }
        throw new InvalidOperationException("The cursors never ended.");
    }

    [Fact]
    public async Task Resources_take_the_library_filters_and_a_walk_by_cursor_gives_each_once_newest_first()
    {
        var t = await site.CreateTaxonomyAsync();
        var ours = new List<Resource>();
        for (var i = 1; i <= 5; i++)
            ours.Add(await site.SaveResourceAsync(t.Resource($"Advisory {i} {t.Some.Token}", publishedOn: $"2024-0{i}-01")));
        await site.SaveResourceAsync(t.Resource($"Theirs {t.Some.Token}") with { AuthorIds = [t.OtherOrganization.Id] });
        await site.SaveResourceAsync(t.Resource($"Draft {t.Some.Token}"), SaveAction.SaveDraft);

        var slugs = await WalkAsync($"/api/v1/resources?organization={t.Organization.Slug}&sort=newest&limit=2");

        slugs.Should().Equal(ours.AsEnumerable().Reverse().Select(r => r.Slug));
        var first = await GetJsonAsync($"/api/v1/resources?organization={t.Organization.Slug}&sort=newest&limit=2");
        first.GetProperty("total").GetInt32().Should().Be(5);
        var item = first.GetProperty("items")[0];
        item.GetProperty("url").GetString().Should().Be($"http://localhost/resources/{ours[4].Slug}");
        item.GetProperty("type").GetString().Should().Be("practice-advisory");
        item.GetProperty("publishedOn").GetString().Should().Be("2024-05-01");
        item.GetProperty("authors").EnumerateArray().Select(a => a.GetString()).Should().Equal(t.Organization.Name);
        // Facets count as on the library page: the organization facet shows what choosing the other would give.
        first.GetProperty("facets").GetProperty("organization").EnumerateArray()
            .Single(f => f.GetProperty("value").GetString() == t.OtherOrganization.Slug).GetProperty("count").GetInt32().Should().Be(1);
    }

    [Fact]
    public async Task A_text_search_finds_by_words_and_marks_them()
    {
        var t = await site.CreateTaxonomyAsync();
        var match = await site.SaveResourceAsync(t.Resource($"Bond hearings {t.Some.Token}", body: "Prepare for the custody redetermination hearing."));
        await site.SaveResourceAsync(t.Resource($"Other {t.Some.Token}", body: "Nothing about that."));

        var page = await GetJsonAsync($"/api/v1/resources?q=redetermination&organization={t.Organization.Slug}");

        page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("slug").GetString()).Should().Equal(match.Slug);
        page.GetProperty("items")[0].GetProperty("snippetHtml").GetString().Should().Contain("<mark>redetermination</mark>");
    }

    [Fact]
    public async Task A_cursor_says_when_the_library_changed_and_refuses_other_filters_or_garbage()
    {
        var t = await site.CreateTaxonomyAsync();
        for (var i = 1; i <= 3; i++) await site.SaveResourceAsync(t.Resource($"Item {i} {t.Some.Token}"));
        var list = $"/api/v1/resources?organization={t.Organization.Slug}&limit=2";
        var cursor = (await GetJsonAsync(list)).GetProperty("nextCursor").GetString()!;

        var otherFilters = await GetJsonAsync($"/api/v1/resources?organization={t.OtherOrganization.Slug}&limit=2&cursor={Uri.EscapeDataString(cursor)}", HttpStatusCode.BadRequest);
        otherFilters.GetProperty("parameter").GetString().Should().Be("cursor");
        await GetJsonAsync(list + "&cursor=not-a-cursor", HttpStatusCode.BadRequest);
        await GetJsonAsync($"/api/v1/resources?organization={t.Organization.Slug}&limit=3&cursor={Uri.EscapeDataString(cursor)}", HttpStatusCode.BadRequest);
        (await GetJsonAsync(list + "&cursor=" + Uri.EscapeDataString(cursor))).GetProperty("items").GetArrayLength().Should().Be(1);

        await site.SaveResourceAsync(t.Resource($"Newcomer {t.Some.Token}"));
        var changed = await GetJsonAsync(list + "&cursor=" + Uri.EscapeDataString(cursor), HttpStatusCode.Conflict);
        changed.GetProperty("detail").GetString().Should().Contain("start again");
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=101")]
    [InlineData("limit=ten")]
    public async Task A_limit_out_of_range_is_refused(string query)
    {
        using var response = await _client.GetAsync("/api/v1/resources?" + query);
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task One_resource_by_id_or_slug_with_an_etag_that_changes_with_it()
    {
        var t = await site.CreateTaxonomyAsync();
        var r = await site.SaveResourceAsync(t.Resource($"Detail {t.Some.Token}", body: "Body **text**."));
        await site.AttachPdfAsync(r.Id, "guide.pdf", "Page one");
        var draft = await site.SaveResourceAsync(t.Resource($"Draft {t.Some.Token}"), SaveAction.SaveDraft);

        var bySlug = await GetJsonAsync($"/api/v1/resources/{r.Slug}");
        var byId = await GetJsonAsync($"/api/v1/resources/{r.Id}");
        byId.GetRawText().Should().Be(bySlug.GetRawText());
        bySlug.GetProperty("bodyHtml").GetString().Should().Contain("<strong>text</strong>");
        bySlug.GetProperty("topics")[0].GetProperty("slug").GetString().Should().Be(t.Topic.Slug);
        bySlug.GetProperty("jurisdictions")[0].GetProperty("name").GetString().Should().Be(t.Jurisdiction.Name);
        var attachment = bySlug.GetProperty("attachments")[0];
        attachment.GetProperty("fileName").GetString().Should().Be("guide.pdf");
        (await _client.GetAsync(attachment.GetProperty("url").GetString())).StatusCode.Should().Be(HttpStatusCode.OK);
        await GetJsonAsync($"/api/v1/resources/{draft.Slug}", HttpStatusCode.NotFound);
        await GetJsonAsync("/api/v1/resources/no-such-thing", HttpStatusCode.NotFound);

        using var first = await _client.GetAsync($"/api/v1/resources/{r.Slug}");
        var etag = first.Headers.ETag!;
        first.Headers.CacheControl!.NoCache.Should().BeTrue();
        using var again = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/resources/{r.Slug}");
        again.Headers.IfNoneMatch.Add(etag);
        using var notModified = await _client.SendAsync(again);
        notModified.StatusCode.Should().Be(HttpStatusCode.NotModified);
        (await notModified.Content.ReadAsByteArrayAsync()).Should().BeEmpty();

        await site.SaveResourceAsync(t.Resource($"Detail {t.Some.Token}", body: "Changed."), SaveAction.Publish, r.Id, r.Revision);
        using var afterChange = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/resources/{r.Slug}");
        afterChange.Headers.IfNoneMatch.Add(etag);
        using var changed = await _client.SendAsync(afterChange);
        changed.StatusCode.Should().Be(HttpStatusCode.OK);
        changed.Headers.ETag.Should().NotBe(etag);
    }

    [Fact]
    public async Task Events_list_upcoming_soonest_first_and_past_latest_first_without_drafts_or_join_links()
    {
        var t = await site.CreateTaxonomyAsync();
        var now = site.Clock.GetCurrentInstant();
        var later = await site.CreateEventAsync(t.Some, $"Later {t.Some.Token}", now + Duration.FromDays(9), hostIds: [t.Organization.Id]);
        var soon = await site.CreateEventAsync(t.Some, $"Soon {t.Some.Token}", now + Duration.FromDays(2),
            e => { e.JoinUrl = "https://meet.example.org/private-room"; e.Capacity = 30; }, hostIds: [t.Organization.Id], speakers: ["Ana Ruiz"]);
        var middle = await site.CreateEventAsync(t.Some, $"Middle {t.Some.Token}", now + Duration.FromDays(5), hostIds: [t.Organization.Id]);
        var past = await site.CreateEventAsync(t.Some, $"Past {t.Some.Token}", now - Duration.FromDays(3), hostIds: [t.Organization.Id]);
        await site.CreateEventAsync(t.Some, $"Draft {t.Some.Token}", now + Duration.FromDays(4), e => e.IsDraft = true, hostIds: [t.Organization.Id]);

        (await WalkAsync($"/api/v1/events?organization={t.Organization.Slug}&limit=2")).Should().Equal(soon.Slug, middle.Slug, later.Slug);
        (await WalkAsync($"/api/v1/events?organization={t.Organization.Slug}&when=past&limit=1")).Should().Equal(past.Slug);

        var one = await GetJsonAsync($"/api/v1/events/{soon.Slug}");
        one.GetRawText().Should().NotContain("private-room");
        one.GetProperty("descriptionHtml").GetString().Should().Contain("About");
        one.GetProperty("registration").GetProperty("mode").GetString().Should().Be("open");
        one.GetProperty("registration").GetProperty("seatsLeft").GetInt32().Should().Be(30);
        one.GetProperty("speakers")[0].GetProperty("name").GetString().Should().Be("Ana Ruiz");
        NodaTime.Text.InstantPattern.ExtendedIso.Parse(one.GetProperty("startsAt").GetString()!).Value.ToDateTimeOffset()
            .Should().BeCloseTo(soon.StartsAt.ToDateTimeOffset(), TimeSpan.FromMilliseconds(1), "the database keeps microseconds at most");
        one.GetProperty("timeZone").GetString().Should().Be("America/New_York");
        await GetJsonAsync($"/api/v1/events?when=someday", HttpStatusCode.BadRequest);
        await GetJsonAsync($"/api/v1/events?kind=party", HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Organizations_walk_by_slug_and_come_by_id_or_slug()
    {
        var t = await site.CreateTaxonomyAsync();

        var all = await WalkAsync("/api/v1/organizations?limit=3");
        all.Should().Contain([t.Organization.Slug, t.OtherOrganization.Slug]).And.OnlyHaveUniqueItems();
        all.Should().BeInAscendingOrder(StringComparer.Ordinal);
        var one = await GetJsonAsync($"/api/v1/organizations/{t.Organization.Id}");
        one.GetProperty("slug").GetString().Should().Be(t.Organization.Slug);
        one.GetProperty("website").GetString().Should().Be("https://defenders.example.org");
        await GetJsonAsync("/api/v1/organizations/nobody-at-all", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Policies_as_of_a_date_and_a_places_history()
    {
        var t = await site.CreateTaxonomyAsync();
        var area = await site.CreateAreaAsync(t.Some, "protective", "harsh");
        var county = await site.CreateCountyAsync(t.Some, "Lake", "IL");
        var other = await site.CreateCountyAsync(t.Some, "River", "WI");
        await TestPolicies.SaveAsync(site, county.Id, area.Slug, "harsh", "2015-01-01");
        await TestPolicies.SaveAsync(site, county.Id, area.Slug, "protective", "2020-06-01");
        await TestPolicies.SaveAsync(site, other.Id, area.Slug, "harsh", "2018-01-01");

        var today = await GetJsonAsync($"/api/v1/policies?area={area.Slug}");
        today.GetProperty("items").EnumerateArray().Select(i => (i.GetProperty("fips").GetString(), i.GetProperty("position").GetString()))
            .Should().Equal((county.Fips, "protective"), (other.Fips, "harsh"));
        var then = await GetJsonAsync($"/api/v1/policies?area={area.Slug}&date=2016-01-01&state=il");
        then.GetProperty("items").EnumerateArray().Select(i => (i.GetProperty("fips").GetString(), i.GetProperty("position").GetString(), i.GetProperty("since").GetString()))
            .Should().Equal((county.Fips, "harsh", "2015-01-01"));
        (await WalkAsync($"/api/v1/policies?area={area.Slug}&limit=1", "fips")).Should().Equal(county.Fips, other.Fips);

        var history = await GetJsonAsync($"/api/v1/jurisdictions/{county.Fips}/policies");
        history.GetProperty("records").EnumerateArray().Select(r => (r.GetProperty("position").GetString(), r.GetProperty("endsOn").GetString()))
            .Should().Equal(("protective", null), ("harsh", "2020-05-31"));
        await GetJsonAsync($"/api/v1/policies?area={area.Slug}&date=2016-13-01", HttpStatusCode.BadRequest);
        await GetJsonAsync("/api/v1/policies", HttpStatusCode.BadRequest);
        await GetJsonAsync("/api/v1/policies?area=no-such-area", HttpStatusCode.NotFound);
        await GetJsonAsync("/api/v1/jurisdictions/00000/policies", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Campaigns_list_newest_first_with_counts_and_one_shows_its_public_signatures_only()
    {
        var t = await site.CreateTaxonomyAsync();
        var now = site.Clock.GetCurrentInstant();
        var older = await site.CreateCampaignAsync(t.Some, [t.Organization.Id], c =>
        {
            c.Slug = t.Some.Slug("older");
            c.OpensAt = now - Duration.FromDays(60);
            c.ClosesAt = now - Duration.FromDays(30);
        });
        var open = await site.CreateCampaignAsync(t.Some, [t.Organization.Id, t.OtherOrganization.Id]);
        await site.CreateCampaignAsync(t.Some, [t.Organization.Id], c => { c.Slug = t.Some.Slug("hidden"); c.IsDraft = true; });
        await site.WithDbAsync(db =>
        {
            foreach (var (name, status) in new[] { ("Approved Org", Haven.Core.Campaigns.EndorsementStatus.Approved), ("Pending Org", Haven.Core.Campaigns.EndorsementStatus.Pending) })
                db.Endorsements.Add(new Haven.Core.Campaigns.Endorsement
                {
                    CampaignId = open.Id, OrganizationName = $"{name} {t.Some.Token}", SignerName = "Signer", City = "Chicago", State = "IL",
                    Email = $"{name.Replace(' ', '.')}@{t.Some.Token}.example.org", NormalizedEmail = $"{name.Replace(' ', '.').ToLowerInvariant()}@{t.Some.Token}.example.org",
                    SignatureKey = $"org:{name} {t.Some.Token}", Status = status, ApprovedAt = status == Haven.Core.Campaigns.EndorsementStatus.Approved ? now : null,
                });
            return db.SaveChangesAsync();
        });

        var walked = await WalkAsync("/api/v1/campaigns?limit=1");
        walked.Should().ContainInOrder(open.Slug, older.Slug).And.NotContain(t.Some.Slug("hidden"));
        (await WalkAsync("/api/v1/campaigns?status=closed")).Should().Contain(older.Slug).And.NotContain(open.Slug);
        await GetJsonAsync("/api/v1/campaigns?status=someday", HttpStatusCode.BadRequest);

        var one = await GetJsonAsync($"/api/v1/campaigns/{open.Slug}");
        one.GetProperty("isOpen").GetBoolean().Should().BeTrue();
        one.GetProperty("signatureCount").GetInt32().Should().Be(1);
        one.GetProperty("leads").EnumerateArray().Select(l => l.GetProperty("slug").GetString()).Should().Equal(t.Organization.Slug, t.OtherOrganization.Slug);
        one.GetProperty("signatures").EnumerateArray().Select(x => x.GetProperty("name").GetString()).Should().Equal($"Approved Org {t.Some.Token}");
        one.GetRawText().Should().NotContain("@" + t.Some.Token, "signers' emails are never published");
        one.GetProperty("bodyHtml").GetString().Should().Contain("<h2");
        await GetJsonAsync($"/api/v1/campaigns/{t.Some.Slug("hidden")}", HttpStatusCode.NotFound);
    }
}

public sealed class ApiOnSqlite(SqliteSite site) : ApiTests(site), IClassFixture<SqliteSite>;

public sealed class ApiOnPostgres(PostgresSite site) : ApiTests(site), IClassFixture<PostgresSite>;

/// <summary>The API's description: an OpenAPI document Spectral's standard ruleset finds nothing in, and the
/// interactive reference served by the site itself. The document does not depend on the database.</summary>
public sealed class OpenApiDocumentTests(SqliteSite site) : IClassFixture<SqliteSite>
{
    private readonly HttpClient _client = site.CreateClient();

    [Fact]
    public async Task The_document_describes_every_endpoint_and_spectral_finds_nothing()
    {
        var document = await _client.GetByteArrayAsync("/openapi/v1.json");
        using var parsed = JsonDocument.Parse(document);
        parsed.RootElement.GetProperty("info").GetProperty("title").GetString().Should().Be("Haven API");
        parsed.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo(
            "/api/v1/resources", "/api/v1/resources/{key}", "/api/v1/events", "/api/v1/events/{key}", "/api/v1/organizations",
            "/api/v1/organizations/{key}", "/api/v1/campaigns", "/api/v1/campaigns/{key}", "/api/v1/policy-areas", "/api/v1/policies",
            "/api/v1/jurisdictions/{key}/policies");

        using var findings = await Spectral.LintAsync(document);
        if (findings is null) Assert.Skip("Spectral is not installed: run scripts/install-test-deps.sh");
        findings.RootElement.EnumerateArray().Select(f => f.GetRawText()).Should().BeEmpty();
    }

    [Fact]
    public async Task The_reference_page_and_its_script_come_from_the_site()
    {
        using var page = await _client.GetAsync("/api/");
        page.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await page.Content.ReadAsStringAsync();
        html.Should().Contain("openapi/v1.json").And.NotContain("cdn.");
        page.Headers.GetValues("Content-Security-Policy").Single().Should().Contain("default-src 'self'");
        using var script = await _client.GetAsync("/api/scalar.js");
        script.StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
