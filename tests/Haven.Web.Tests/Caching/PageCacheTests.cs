using System.Net;
using System.Net.Http.Headers;
using AwesomeAssertions;
using Haven.Core.Events;
using Haven.TestSupport;
using Haven.Web.Caching;
using Haven.Web.ScaleOut;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Haven.Web.Tests.Caching;

/// <summary>The public page cache: anonymous readers get stored pages, with ETags; signed-in staff, private pages
/// and pages with forms never do; a change is visible on the very next request.</summary>
public abstract class PageCacheTests(HavenFactory site)
{
    private static bool FromCache(HttpResponseMessage response) =>
        response.Headers.TryGetValues(PublicPageCache.DiagnosticHeader, out var values) && values.Contains("hit");

    private HttpClient Anonymous() => site.CreateClient(new() { HandleCookies = false });

    /// <summary>Whether <paramref name="path"/> comes from the cache within a few requests. The notice of the test's
    /// own setup writes can arrive a moment after the first request stored the page (on PostgreSQL through
    /// LISTEN/NOTIFY, later still on a loaded machine) and evict it once; what a test checks starts from a stored page.</summary>
    private static async Task<bool> StoredAsync(HttpClient client, string path)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            if (FromCache(await client.GetAsync(path, TestContext.Current.CancellationToken))) return true;
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        return false;
    }

    [Fact]
    public async Task A_second_anonymous_request_is_served_from_the_cache_with_an_etag_and_a_304()
    {
        var t = await site.CreateTaxonomyAsync();
        var client = Anonymous();
        var first = await client.GetAsync($"/organizations/{t.Organization.Slug}", TestContext.Current.CancellationToken);
        first.StatusCode.Should().Be(HttpStatusCode.OK);
        FromCache(first).Should().BeFalse();
        var second = await client.GetAsync($"/organizations/{t.Organization.Slug}", TestContext.Current.CancellationToken);
        FromCache(second).Should().BeTrue();
        (await second.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Should().Contain(t.Organization.Name);
        second.Headers.ETag.Should().NotBeNull();
        second.Headers.ETag.Should().Be(first.Headers.ETag);

        using var conditional = new HttpRequestMessage(HttpMethod.Get, $"/organizations/{t.Organization.Slug}");
        conditional.Headers.IfNoneMatch.Add(second.Headers.ETag!);
        var notModified = await client.SendAsync(conditional, TestContext.Current.CancellationToken);
        notModified.StatusCode.Should().Be(HttpStatusCode.NotModified);

        // Other query strings and the Spanish pages are other entries.
        FromCache(await client.GetAsync($"/organizations/{t.Organization.Slug}?page=2", TestContext.Current.CancellationToken)).Should().BeFalse();
        var spanish = await client.GetAsync($"/es/organizations/{t.Organization.Slug}", TestContext.Current.CancellationToken);
        FromCache(spanish).Should().BeFalse();
        (await spanish.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Should().Contain("lang=\"es\"");
    }

    [Fact]
    public async Task A_word_search_is_never_stored_but_browsing_by_facet_is()
    {
        var t = await site.CreateTaxonomyAsync();
        var client = Anonymous();
        var search = $"/resources?q=detainer&topic={t.Topic.Slug}";
        await client.GetAsync(search, TestContext.Current.CancellationToken);
        FromCache(await client.GetAsync(search, TestContext.Current.CancellationToken)).Should().BeFalse("searches are the long tail");
        var browse = $"/resources?topic={t.Topic.Slug}";
        await client.GetAsync(browse, TestContext.Current.CancellationToken);
        FromCache(await client.GetAsync(browse, TestContext.Current.CancellationToken)).Should().BeTrue();
    }

    [Fact]
    public async Task An_edit_is_visible_on_the_very_next_anonymous_request()
    {
        var t = await site.CreateTaxonomyAsync();
        var client = Anonymous();
        var path = $"/organizations/{t.Organization.Slug}";
        (await StoredAsync(client, path)).Should().BeTrue();

        var renamed = $"Renamed Collective {t.Some.Token}";
        await site.WithDbAsync(async db =>
        {
            var organization = await db.Organizations.SingleAsync(o => o.Id == t.Organization.Id);
            organization.Name = renamed;
            return await db.SaveChangesAsync();
        });

        var next = await client.GetAsync(path, TestContext.Current.CancellationToken);
        FromCache(next).Should().BeFalse();
        (await next.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Should().Contain(renamed);
    }

    [Fact]
    public async Task A_registration_keeps_stored_pages_but_its_event_page_shows_the_seat_taken()
    {
        var t = await site.CreateTaxonomyAsync();
        var e = await site.CreateEventAsync(t.Some, $"Cached {t.Some.Token}", site.Clock.GetCurrentInstant() + Duration.FromDays(3), ev => ev.Capacity = 5);
        var client = Anonymous();
        var path = $"/organizations/{t.Organization.Slug}";
        (await StoredAsync(client, path)).Should().BeTrue();

        var visitor = site.CreateClient(new() { AllowAutoRedirect = false });
        var registered = await visitor.PostFormAsync($"/events/{e.Slug}", $"/events/{e.Slug}?handler=Register",
            new Dictionary<string, string> { ["Form.Name"] = "Ana Cached", ["Form.Email"] = $"ana-{t.Some.Token}@example.org" });
        registered.StatusCode.Should().Be(HttpStatusCode.SeeOther);

        FromCache(await client.GetAsync(path, TestContext.Current.CancellationToken)).Should().BeTrue();
        var eventPage = await client.GetAsync($"/events/{e.Slug}", TestContext.Current.CancellationToken);
        FromCache(eventPage).Should().BeFalse();
        (await eventPage.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Should().Contain("4 of 5 seats left");
    }

    [Fact]
    public async Task A_signed_in_editor_never_gets_a_cached_page()
    {
        var t = await site.CreateTaxonomyAsync();
        var path = $"/organizations/{t.Organization.Slug}";
        var anonymous = Anonymous();
        (await StoredAsync(anonymous, path)).Should().BeTrue();

        var editor = await site.MemberClientAsync(t.Organization.Id);
        for (var i = 0; i < 2; i++)
        {
            var page = await editor.GetAsync(path, TestContext.Current.CancellationToken);
            page.StatusCode.Should().Be(HttpStatusCode.OK);
            FromCache(page).Should().BeFalse();
            (await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Should().Contain("/account/signout");
        }
    }

    [Fact]
    public async Task Private_pages_and_pages_with_forms_are_never_cached_and_forms_still_check_their_token()
    {
        var t = await site.CreateTaxonomyAsync();
        var ev = await site.CreateEventAsync(t.Some, $"Cache clinic {t.Some.Token}", site.Clock.GetCurrentInstant() + Duration.FromDays(5),
            e => e.Capacity = 10, hostIds: [t.Organization.Id]);
        var client = Anonymous();
        foreach (var path in new[] { "/account/signin", $"/events/{ev.Slug}", $"/events/{ev.Slug}/registration/not-a-token" })
        {
            await client.GetAsync(path, TestContext.Current.CancellationToken);
            FromCache(await client.GetAsync(path, TestContext.Current.CancellationToken)).Should().BeFalse(path);
        }

        // A form posted without its antiforgery token is still refused.
        using var post = new FormUrlEncodedContent(new Dictionary<string, string> { ["Form.Name"] = "Ana", ["Form.Email"] = "ana@example.org" });
        var refused = await client.PostAsync($"/events/{ev.Slug}", post, TestContext.Current.CancellationToken);
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Feeds_and_the_sitemap_are_cached_with_etags()
    {
        var client = Anonymous();
        foreach (var path in new[] { "/feeds/resources.atom", "/sitemap.xml" })
        {
            await client.GetAsync(path, TestContext.Current.CancellationToken);
            var second = await client.GetAsync(path, TestContext.Current.CancellationToken);
            FromCache(second).Should().BeTrue(path);
            second.Headers.ETag.Should().NotBeNull(path);
        }
    }
}

public sealed class PageCacheTestsOnSqlite(CachingSqliteSite site) : PageCacheTests(site), IClassFixture<CachingSqliteSite>;

/// <summary>On PostgreSQL several instances share the database, each with its own page cache: a change made through
/// one must empty the other's too (the content-change notice), or readers there would see the old page.</summary>
public sealed class PageCacheTestsOnPostgres(CachingPostgresSite site) : PageCacheTests(site), IClassFixture<CachingPostgresSite>
{
    [Fact]
    public async Task A_change_made_on_another_instance_empties_this_instances_cache()
    {
        var t = await site.CreateTaxonomyAsync();
        await using var other = new HavenFactory(site);
        _ = other.Services;
        await site.Services.GetRequiredService<PostgresContentListener>().Listening.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        var client = site.CreateClient(new() { HandleCookies = false });
        var path = $"/organizations/{t.Organization.Slug}";
        await client.GetAsync(path, TestContext.Current.CancellationToken);
        var cached = await client.GetAsync(path, TestContext.Current.CancellationToken);
        cached.Headers.TryGetValues(PublicPageCache.DiagnosticHeader, out var hit).Should().BeTrue();

        var renamed = $"Renamed Elsewhere {t.Some.Token}";
        await other.WithDbAsync(async db =>
        {
            var organization = await db.Organizations.SingleAsync(o => o.Id == t.Organization.Id, TestContext.Current.CancellationToken);
            organization.Name = renamed;
            return await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        });

        // The notice travels through PostgreSQL, so allow it a moment; the page's own lifetime is a minute.
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        string page;
        do
        {
            page = await client.GetStringAsync(path, TestContext.Current.CancellationToken);
            if (page.Contains(renamed)) break;
            await Task.Delay(50, TestContext.Current.CancellationToken);
        } while (DateTime.UtcNow < until);
        page.Should().Contain(renamed);
    }
}
