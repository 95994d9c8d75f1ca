using System.Globalization;
using Haven.Core.Data;
using Haven.Core.News;
using Haven.Core.Shared;
using Haven.Web.Localization;
using Haven.Web.Mail;
using Haven.Web.News;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using NodaTime;

namespace Haven.Web.Feeds;

/// <summary>/feeds/posts.atom: the newest public posts and press releases, narrowed like /news by
/// <see cref="PostFilter"/>. A draft or an embargoed post is never read (the query filters on the embargo), so the
/// feed cannot leak one; an entry's updated time is its last save or the embargo's end, whichever is later.</summary>
public static class PostFeed
{
    public const int Entries = 50;

    public static void MapPostFeed(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/feeds/posts.atom", async (HttpContext http, HavenDbContext db, SiteSettings site,
            IStringLocalizer<SharedResource> L, IClock clock) =>
        {
            var ct = http.RequestAborted;
            var filter = PostFilter.FromQuery(http.Request.Query);
            var now = clock.GetCurrentInstant();
            var posts = await filter.Apply(db.Posts.AsNoTracking().PublicAt(now)).NewestFirst().Take(Entries)
                .Include(p => p.OwnerOrganization).Include(p => p.Author).Include(p => p.Topics)
                .AsSplitQuery()
                .ToListAsync(ct);
            var language = InterfaceLanguage.Current;
            var suffix = filter.ToQueryString();
            var host = AtomFeed.TagHost(http.Request, site);
            var updated = posts.Count == 0 ? now : posts.Max(p => p.VisibleSince);

            var bytes = AtomFeed.Write(xml =>
            {
                const string ns = AtomFeed.Namespace;
                AtomFeed.Head(xml, http.Request, site, "posts", L["News: {0}", site.Name].Value, updated, "/feeds/posts.atom", "/news", suffix);
                foreach (var p in posts)
                {
                    xml.WriteStartElement("entry", ns);
                    xml.WriteElementString("id", ns, AtomFeed.Tag(host, "post-" + p.Id.ToString(CultureInfo.InvariantCulture)));
                    xml.WriteElementString("title", ns, p.Title);
                    xml.WriteElementString("updated", ns, AtomFeed.Time(p.VisibleSince));
                    var published = p.PublishedOn.AtStartOfDayInZone(site.Zone).ToInstant();
                    if (p.EmbargoUntil is { } until && until > published) published = until;
                    xml.WriteElementString("published", ns, AtomFeed.Time(published));
                    AtomFeed.Link(xml, "alternate", MailLinks.To(http.Request, site, "/news/" + Uri.EscapeDataString(p.Slug)), "text/html");
                    AtomFeed.Person(xml, "author", p.Author?.Name ?? (p.Byline.Length > 0 ? p.Byline : p.OwnerOrganization.Name));
                    foreach (var topic in p.Topics.OrderBy(t => t.Slug, StringComparer.Ordinal))
                        AtomFeed.Category(xml, topic.Slug, topic.NameIn(language));
                    var summary = p.Summary.Length > 0 ? p.Summary : L[p.Kind.DisplayName()].Value;
                    xml.WriteElementString("summary", ns, summary);
                    xml.WriteEndElement();
                }
            });
            return Results.Bytes(bytes, AtomFeed.ContentType);
        });
    }
}
