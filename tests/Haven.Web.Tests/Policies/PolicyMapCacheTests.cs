using System.IO.Compression;
using System.Net;
using AwesomeAssertions;
using Haven.Core.Taxonomy;
using Haven.TestSupport;
using Haven.Web.Caching;
using Microsoft.EntityFrameworkCore;

namespace Haven.Web.Tests.Policies;

/// <summary>The county map page in the public page cache: stored as sent, compressed, one entry per encoding (so a
/// repeated view costs no drawing and no compressing), and a policy change shows on the very next view.</summary>
public abstract class PolicyMapCacheTests(HavenFactory site)
{
    private static bool FromCache(HttpResponseMessage response) =>
        response.Headers.TryGetValues(PublicPageCache.DiagnosticHeader, out var values) && values.Contains("hit");

    private async Task<HttpResponseMessage> GetAsync(HttpClient client, string path, string? encoding)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (encoding is not null) request.Headers.AcceptEncoding.ParseAdd(encoding);
        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return response;
    }

    private static async Task<string> TextAsync(HttpResponseMessage response)
    {
        var body = new MemoryStream(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Stream text = response.Content.Headers.ContentEncoding.SingleOrDefault() switch
        {
            "br" => new BrotliStream(body, CompressionMode.Decompress),
            "gzip" => new GZipStream(body, CompressionMode.Decompress),
            null => body,
            var other => throw new InvalidOperationException($"Unexpected encoding {other}"),
        };
        using var reader = new StreamReader(text);
        return await reader.ReadToEndAsync(TestContext.Current.CancellationToken);
    }

    private async Task<Jurisdiction> CookCountyAsync(Some some)
    {
        // Real codes are unique: a place another test of this site made is reused.
        var existing = await site.WithDbAsync(db => db.Jurisdictions.FirstOrDefaultAsync(j => j.Fips == "17031"));
        if (existing is not null) return existing;
        var place = new Jurisdiction { Slug = some.Slug("cook"), Name = "Cook", Kind = JurisdictionKind.County, Fips = "17031", StateCode = "IL" };
        await site.WithDbAsync(async db => { db.Jurisdictions.Add(place); return await db.SaveChangesAsync(); });
        return place;
    }

    [Fact]
    public async Task The_map_page_is_stored_compressed_once_per_encoding_and_a_policy_change_shows_at_once()
    {
        var some = new Some();
        var area = await site.CreateAreaAsync(some);
        var cook = await CookCountyAsync(some);
        await TestPolicies.SaveAsync(site, cook.Id, area.Slug, "harsh", "2012-01-01");
        var path = $"/policies?area={area.Slug}&date=2020-06-01";
        var client = site.CreateClient(new() { HandleCookies = false });

        var first = await GetAsync(client, path, "br");
        FromCache(first).Should().BeFalse();
        var stored = await GetAsync(client, path, "br");
        FromCache(stored).Should().BeTrue();
        stored.Content.Headers.ContentEncoding.Should().Equal("br");
        stored.Headers.Vary.Should().Contain("Accept-Encoding");
        stored.Headers.ETag.Should().Be(first.Headers.ETag);
        var html = await TextAsync(stored);
        html.Should().Contain("Cook County, Illinois: harsh").And.Be(await TextAsync(first));

        // gzip and no compression are entries of their own, with their own validators, and the same page.
        var gzip = await GetAsync(client, path, "gzip");
        FromCache(gzip).Should().BeFalse("a Brotli body is no answer to a reader who accepts only gzip");
        gzip.Content.Headers.ContentEncoding.Should().Equal("gzip");
        gzip.Headers.ETag.Should().NotBe(stored.Headers.ETag);
        var gzipStored = await GetAsync(client, path, "gzip");
        FromCache(gzipStored).Should().BeTrue();
        gzipStored.Content.Headers.ContentEncoding.Should().Equal("gzip");
        (await TextAsync(gzipStored)).Should().Be(html);
        await GetAsync(client, path, null);
        var plain = await GetAsync(client, path, null);
        FromCache(plain).Should().BeTrue();
        plain.Content.Headers.ContentEncoding.Should().BeEmpty();
        (await TextAsync(plain)).Should().Be(html);

        using (var conditional = new HttpRequestMessage(HttpMethod.Get, path))
        {
            conditional.Headers.AcceptEncoding.ParseAdd("br");
            conditional.Headers.IfNoneMatch.Add(stored.Headers.ETag!);
            (await client.SendAsync(conditional, TestContext.Current.CancellationToken)).StatusCode.Should().Be(HttpStatusCode.NotModified);
        }

        await TestPolicies.SaveAsync(site, cook.Id, area.Slug, "protective", "2018-01-01");
        foreach (var encoding in new[] { "br", "gzip", null })
        {
            var changed = await GetAsync(client, path, encoding);
            FromCache(changed).Should().BeFalse(encoding ?? "identity");
            (await TextAsync(changed)).Should().Contain("Cook County, Illinois: protective").And.NotContain("Cook County, Illinois: harsh");
        }
    }

    [Fact]
    public async Task The_map_page_stays_stored_while_other_content_changes_and_not_when_a_place_does()
    {
        var t = await site.CreateTaxonomyAsync();
        var some = t.Some;
        var area = await site.CreateAreaAsync(some);
        var county = await site.CreateCountyAsync(some);
        var client = site.CreateClient(new() { HandleCookies = false });
        var map = $"/policies?area={area.Slug}&date=2021-03-01";
        var organization = $"/organizations/{t.Organization.Slug}";
        foreach (var path in new[] { map, $"/es{map}", organization })
        {
            await GetAsync(client, path, "br");
            FromCache(await GetAsync(client, path, "br")).Should().BeTrue(path);
        }

        await site.WithDbAsync(async db =>
        {
            (await db.Organizations.SingleAsync(o => o.Id == t.Organization.Id)).Name = $"Renamed {some.Token}";
            return await db.SaveChangesAsync();
        });
        FromCache(await GetAsync(client, organization, "br")).Should().BeFalse("the organization changed");
        FromCache(await GetAsync(client, map, "br")).Should().BeTrue("the map shows no organization");
        FromCache(await GetAsync(client, $"/es{map}", "br")).Should().BeTrue();

        // A place is part of the map (its code and kind decide where a record is drawn).
        await site.WithDbAsync(async db =>
        {
            (await db.Jurisdictions.SingleAsync(j => j.Id == county.Id)).Name = $"Renamed County {some.Token}";
            return await db.SaveChangesAsync();
        });
        FromCache(await GetAsync(client, map, "br")).Should().BeFalse();
        FromCache(await GetAsync(client, $"/es{map}", "br")).Should().BeFalse();
    }
}

public sealed class PolicyMapCacheOnSqlite(CachingSqliteSite site) : PolicyMapCacheTests(site), IClassFixture<CachingSqliteSite>;

public sealed class PolicyMapCacheOnPostgres(CachingPostgresSite site) : PolicyMapCacheTests(site), IClassFixture<CachingPostgresSite>;
