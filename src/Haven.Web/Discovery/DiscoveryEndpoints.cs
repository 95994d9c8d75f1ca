using System.Globalization;
using System.Text;
using System.Xml;
using Haven.Core.Data;
using Haven.Core.News;
using Haven.Core.Resources;
using Haven.Core.Shared;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;

namespace Haven.Web.Discovery;

/// <summary>/robots.txt and /sitemap.xml (sitemaps.org 0.9). The sitemap lists the main lists, published resources,
/// events that are not drafts, campaigns, posts public now (past any embargo), organizations, topics, bills and the places with policy records, each in English and in
/// Spanish (/es/...) with <c>xhtml:link</c> alternates between them. Past <see cref="PagesPerPart"/> pages it becomes
/// a sitemap index of numbered parts (/sitemap-1.xml, ...), each well under the protocol's 50,000 URLs.</summary>
public static class DiscoveryEndpoints
{
    /// <summary>Pages a part holds; each page is two &lt;url&gt; entries (English and Spanish).</summary>
    public const int PagesPerPart = 10_000;
    private const string SitemapNs = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private const string XhtmlNs = "http://www.w3.org/1999/xhtml";
    private static readonly string[] MainLists = ["/", "/resources", "/events", "/campaigns", "/policies", "/policies/changes", "/news", "/bills", "/subscribe"];

    private sealed record Entry(string Path, Instant? LastModified);

    private delegate Task<List<Entry>> Slice(int skip, int take, CancellationToken ct);

    public static void MapDiscovery(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/robots.txt", (HttpContext http, SiteSettings site) =>
            Results.Text(Robots(Root(http.Request, site)), "text/plain", Encoding.UTF8));

        endpoints.MapGet("/sitemap.xml", async (HttpContext http, HavenDbContext db, IClock clock, SiteSettings site) =>
        {
            var sources = Sources(db, clock.GetCurrentInstant());
            var total = 0;
            foreach (var (count, _) in sources) total += await count(http.RequestAborted);
            var root = Root(http.Request, site);
            if (total <= PagesPerPart)
                return Xml(await UrlSetAsync(sources, 0, PagesPerPart, root, http.RequestAborted));
            var parts = (total + PagesPerPart - 1) / PagesPerPart;
            return Xml(Index(root, parts));
        });

        endpoints.MapGet("/sitemap-{part:int}.xml", async (int part, HttpContext http, HavenDbContext db, IClock clock, SiteSettings site) =>
        {
            if (part < 1) return Results.NotFound();
            var sources = Sources(db, clock.GetCurrentInstant());
            var total = 0;
            foreach (var (count, _) in sources) total += await count(http.RequestAborted);
            var parts = Math.Max(1, (total + PagesPerPart - 1) / PagesPerPart);
            if (part > parts) return Results.NotFound();
            return Xml(await UrlSetAsync(sources, (part - 1) * PagesPerPart, PagesPerPart, Root(http.Request, site), http.RequestAborted));
        });
    }

    /// <summary>The origin and any path base outside the language prefix: where English URLs start.</summary>
    private static string Root(HttpRequest request, SiteSettings site)
    {
        var basePath = request.PathBase.Value ?? "";
        if (basePath.EndsWith(Localization.InterfaceLanguage.SpanishPrefix, StringComparison.Ordinal))
            basePath = basePath[..^Localization.InterfaceLanguage.SpanishPrefix.Length];
        return PageAddress.Origin(request, site) + basePath;
    }

    internal static string Robots(string root)
    {
        var text = new StringBuilder();
        text.Append("User-agent: *\n");
        text.Append("Allow: /\n");
        foreach (var prefix in new[] { "", "/es" })
        {
            text.Append(CultureInfo.InvariantCulture, $"Disallow: {prefix}/admin\n");
            text.Append(CultureInfo.InvariantCulture, $"Disallow: {prefix}/account\n");
            text.Append(CultureInfo.InvariantCulture, $"Disallow: {prefix}/events/*/registration/\n");
            text.Append(CultureInfo.InvariantCulture, $"Disallow: {prefix}/campaigns/*/endorsement/\n");
            // The comment form's own page (without JavaScript, replies and refused comments come back there).
            text.Append(CultureInfo.InvariantCulture, $"Disallow: {prefix}/comments/\n");
            // A subscriber's private links (manage, confirm, unsubscribe).
            text.Append(CultureInfo.InvariantCulture, $"Disallow: {prefix}/subscriptions/\n");
        }
        text.Append(CultureInfo.InvariantCulture, $"Sitemap: {root}/sitemap.xml\n");
        return text.ToString();
    }

    /// <summary>Everything the sitemap lists, in a fixed order, each source with its count and a slice of it
    /// (ordered by id so that parts are stable).</summary>
    private static List<(Func<CancellationToken, Task<int>> Count, Slice Slice)> Sources(HavenDbContext db, Instant now)
    {
        var resources = db.Resources.AsNoTracking()
            .Where(r => r.Status == ResourceStatus.Published || (r.Status == ResourceStatus.Scheduled && r.PublishAt <= now));
        var events = db.Events.AsNoTracking().Where(e => !e.IsDraft);
        var campaigns = db.Campaigns.AsNoTracking().Where(c => !c.IsDraft);
        // Posts public now: never a draft, never one under embargo.
        var posts = db.Posts.AsNoTracking().PublicAt(now);
        var places = db.Jurisdictions.AsNoTracking().Where(j => db.PolicyRecords.Any(r => r.JurisdictionId == j.Id));
        return
        [
            (_ => Task.FromResult(MainLists.Length),
                (skip, take, _) => Task.FromResult(MainLists.Skip(skip).Take(take).Select(p => new Entry(p, null)).ToList())),
            (ct => db.Topics.CountAsync(ct),
                async (skip, take, ct) => (await db.Topics.AsNoTracking().OrderBy(t => t.Id).Skip(skip).Take(take).Select(t => t.Slug).ToListAsync(ct))
                    .Select(s => new Entry("/topics/" + Uri.EscapeDataString(s), null)).ToList()),
            (ct => db.Organizations.CountAsync(ct),
                async (skip, take, ct) => (await db.Organizations.AsNoTracking().OrderBy(o => o.Id).Skip(skip).Take(take).Select(o => o.Slug).ToListAsync(ct))
                    .Select(s => new Entry("/organizations/" + Uri.EscapeDataString(s), null)).ToList()),
            (ct => places.CountAsync(ct),
                async (skip, take, ct) => (await places.OrderBy(j => j.Id).Skip(skip).Take(take).Select(j => j.Fips ?? j.Slug).ToListAsync(ct))
                    .Select(k => new Entry("/jurisdictions/" + Uri.EscapeDataString(k), null)).ToList()),
            (ct => db.Bills.CountAsync(ct),
                async (skip, take, ct) => (await db.Bills.AsNoTracking().OrderBy(b => b.Id).Skip(skip).Take(take).Select(b => new { b.Slug, b.UpdatedAt }).ToListAsync(ct))
                    .Select(b => new Entry("/bills/" + Uri.EscapeDataString(b.Slug), b.UpdatedAt)).ToList()),
            (ct => events.CountAsync(ct),
                async (skip, take, ct) => (await events.OrderBy(e => e.Id).Skip(skip).Take(take).Select(e => new { e.Slug, e.UpdatedAt }).ToListAsync(ct))
                    .Select(e => new Entry("/events/" + Uri.EscapeDataString(e.Slug), e.UpdatedAt)).ToList()),
            (ct => campaigns.CountAsync(ct),
                async (skip, take, ct) => (await campaigns.OrderBy(c => c.Id).Skip(skip).Take(take).Select(c => new { c.Slug, c.UpdatedAt }).ToListAsync(ct))
                    .Select(c => new Entry("/campaigns/" + Uri.EscapeDataString(c.Slug), c.UpdatedAt)).ToList()),
            (ct => posts.CountAsync(ct),
                async (skip, take, ct) => (await posts.OrderBy(p => p.Id).Skip(skip).Take(take).Select(p => new { p.Slug, p.UpdatedAt, p.EmbargoUntil }).ToListAsync(ct))
                    .Select(p => new Entry("/news/" + Uri.EscapeDataString(p.Slug), p.EmbargoUntil is { } until && until > p.UpdatedAt ? until : p.UpdatedAt)).ToList()),
            (ct => resources.CountAsync(ct),
                async (skip, take, ct) => (await resources.OrderBy(r => r.Id).Skip(skip).Take(take).Select(r => new { r.Slug, r.UpdatedAt }).ToListAsync(ct))
                    .Select(r => new Entry("/resources/" + Uri.EscapeDataString(r.Slug), r.UpdatedAt)).ToList()),
        ];
    }

    private static async Task<byte[]> UrlSetAsync(List<(Func<CancellationToken, Task<int>> Count, Slice Slice)> sources,
        int offset, int take, string root, CancellationToken ct)
    {
        var entries = new List<Entry>(Math.Min(take, 1024));
        foreach (var (count, slice) in sources)
        {
            if (take == 0) break;
            var n = await count(ct);
            if (offset >= n) { offset -= n; continue; }
            var got = await slice(offset, Math.Min(take, n - offset), ct);
            entries.AddRange(got);
            take -= got.Count;
            offset = 0;
        }
        return Write(xml =>
        {
            xml.WriteStartElement("urlset", SitemapNs);
            xml.WriteAttributeString("xmlns", "xhtml", null, XhtmlNs);
            foreach (var entry in entries)
            {
                var english = root + entry.Path;
                var spanish = root + PageAddress.PathIn(Languages.Spanish, entry.Path);
                foreach (var loc in new[] { english, spanish })
                {
                    xml.WriteStartElement("url", SitemapNs);
                    xml.WriteElementString("loc", SitemapNs, loc);
                    if (entry.LastModified is { } modified)
                        xml.WriteElementString("lastmod", SitemapNs, InstantPattern.General.Format(modified));
                    Alternate(xml, "en", english);
                    Alternate(xml, "es", spanish);
                    Alternate(xml, "x-default", english);
                    xml.WriteEndElement();
                }
            }
            xml.WriteEndElement();
        });
    }

    private static byte[] Index(string root, int parts) => Write(xml =>
    {
        xml.WriteStartElement("sitemapindex", SitemapNs);
        for (var part = 1; part <= parts; part++)
        {
            xml.WriteStartElement("sitemap", SitemapNs);
            xml.WriteElementString("loc", SitemapNs, $"{root}/sitemap-{part.ToString(CultureInfo.InvariantCulture)}.xml");
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
    });

    private static void Alternate(XmlWriter xml, string language, string href)
    {
        xml.WriteStartElement("xhtml", "link", XhtmlNs);
        xml.WriteAttributeString("rel", "alternate");
        xml.WriteAttributeString("hreflang", language);
        xml.WriteAttributeString("href", href);
        xml.WriteEndElement();
    }

    private static byte[] Write(Action<XmlWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var xml = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false) }))
        {
            xml.WriteStartDocument();
            body(xml);
            xml.WriteEndDocument();
        }
        return buffer.ToArray();
    }

    private static IResult Xml(byte[] content) => Results.File(content, "application/xml; charset=utf-8");
}
