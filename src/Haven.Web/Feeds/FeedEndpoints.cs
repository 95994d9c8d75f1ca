using System.Globalization;
using Haven.Core.Data;
using Haven.Core.Events;
using Haven.Core.Search;
using Haven.Core.Shared;
using Haven.Web.Events;
using Haven.Web.Localization;
using Haven.Web.Mail;
using Haven.Web.Pages.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using NodaTime;

namespace Haven.Web.Feeds;

/// <summary>Atom feeds of the library (/feeds/resources.atom, newest first, narrowed by the library page's own query
/// parameters through <see cref="LibrarySearch"/>) and of events (/feeds/events.atom: the selection of /events.ics,
/// narrowed like /events by <see cref="EventFilter"/>). Links are absolute and in the request's language.</summary>
public static class FeedEndpoints
{
    public const int ResourceEntries = 50;
    public const int EventEntries = 100;

    public static void MapFeeds(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPostFeed();
        endpoints.MapGet("/feeds/resources.atom", async (HttpContext http, LibrarySearch library, HavenDbContext db, SiteSettings site,
            IStringLocalizer<SharedResource> L, IClock clock) =>
        {
            var ct = http.RequestAborted;
            var asked = LibraryState.FromQuery(http.Request.Query) with { Sort = ResourceSort.Newest, Page = 1 };
            var result = await library.SearchAsync(asked, null, ResourceEntries, ct);
            var ids = result.Items.Select(i => i.Id).ToList();
            var times = await db.Resources.AsNoTracking().Where(r => ids.Contains(r.Id))
                .Select(r => new { r.Id, r.UpdatedAt, r.CreatedAt }).ToDictionaryAsync(r => r.Id, ct);
            var topics = (await db.Resources.AsNoTracking().Where(r => ids.Contains(r.Id))
                    .SelectMany(r => r.Topics, (r, t) => new { ResourceId = r.Id, t.Slug, t.Name, t.NameEs }).ToListAsync(ct))
                .ToLookup(t => t.ResourceId);
            var language = InterfaceLanguage.Current;
            // The query as the library page would write it, known filter values only: the feed's id and links.
            var suffix = (result.State with { Sort = ResourceSort.Relevance, Page = 1 }).ToQueryString();
            var host = AtomFeed.TagHost(http.Request, site);
            var updated = times.Count == 0 ? clock.GetCurrentInstant() : times.Values.Max(t => t.UpdatedAt);

            var bytes = AtomFeed.Write(xml =>
            {
                const string ns = AtomFeed.Namespace;
                AtomFeed.Head(xml, http.Request, site, "resources", L["Library: {0}", site.Name].Value, updated, "/feeds/resources.atom", "/resources", suffix);
                foreach (var r in result.Items)
                {
                    if (!times.TryGetValue(r.Id, out var time)) continue;
                    xml.WriteStartElement("entry", ns);
                    xml.WriteElementString("id", ns, AtomFeed.Tag(host, "resource-" + r.Id.ToString(CultureInfo.InvariantCulture)));
                    xml.WriteElementString("title", ns, r.Title);
                    xml.WriteElementString("updated", ns, AtomFeed.Time(time.UpdatedAt));
                    var published = r.PublishedOn is { } day ? day.AtStartOfDayInZone(site.Zone).ToInstant() : time.CreatedAt;
                    xml.WriteElementString("published", ns, AtomFeed.Time(published));
                    AtomFeed.Link(xml, "alternate", MailLinks.To(http.Request, site, "/resources/" + Uri.EscapeDataString(r.Slug)), "text/html");
                    foreach (var author in r.Authors) AtomFeed.Person(xml, "author", author);
                    foreach (var topic in topics[r.Id].OrderBy(t => t.Slug, StringComparer.Ordinal))
                        AtomFeed.Category(xml, topic.Slug, language == Languages.Spanish && topic.NameEs.Length > 0 ? topic.NameEs : topic.Name);
                    if (r.Summary.Length > 0) xml.WriteElementString("summary", ns, r.Summary);
                    xml.WriteEndElement();
                }
            });
            return Results.Bytes(bytes, AtomFeed.ContentType);
        });

        endpoints.MapGet("/feeds/events.atom", async (HttpContext http, HavenDbContext db, SiteSettings site,
            IStringLocalizer<SharedResource> L, IClock clock) =>
        {
            var ct = http.RequestAborted;
            var filter = EventFilter.FromQuery(http.Request.Query);
            var now = clock.GetCurrentInstant();
            var since = now - CalendarDownloads.FeedHistory;
            var events = await filter.Apply(db.Events.AsNoTracking().Where(e => e.StartsAt >= since && !e.IsDraft))
                .OrderBy(e => e.StartsAt).ThenBy(e => e.Id).Take(EventEntries)
                .Include(e => e.Hosts.OrderBy(h => h.Position)).ThenInclude(h => h.Organization)
                .Include(e => e.Topics)
                .AsSplitQuery()
                .ToListAsync(ct);
            var language = InterfaceLanguage.Current;
            var suffix = filter.ToQueryString();
            var host = AtomFeed.TagHost(http.Request, site);
            var updated = events.Count == 0 ? now : events.Max(e => e.UpdatedAt);

            var bytes = AtomFeed.Write(xml =>
            {
                const string ns = AtomFeed.Namespace;
                AtomFeed.Head(xml, http.Request, site, "events", L["Events: {0}", site.Name].Value, updated, "/feeds/events.atom", "/events", suffix);
                foreach (var e in events)
                {
                    xml.WriteStartElement("entry", ns);
                    xml.WriteElementString("id", ns, AtomFeed.Tag(host, "event-" + e.Id.ToString(CultureInfo.InvariantCulture)));
                    xml.WriteElementString("title", ns, e.Title);
                    xml.WriteElementString("updated", ns, AtomFeed.Time(e.UpdatedAt));
                    xml.WriteElementString("published", ns, AtomFeed.Time(e.CreatedAt));
                    AtomFeed.Link(xml, "alternate", MailLinks.To(http.Request, site, "/events/" + Uri.EscapeDataString(e.Slug)), "text/html");
                    foreach (var h in e.Hosts) AtomFeed.Person(xml, "author", h.Organization.Name);
                    foreach (var topic in e.Topics.OrderBy(t => t.Slug, StringComparer.Ordinal))
                        AtomFeed.Category(xml, topic.Slug, topic.NameIn(language));
                    var when = EventDates.When(EventTimes.Of(e)[0]);
                    var summary = e.Status.Banner() is { } banner ? $"{L[banner].Value}: {when}" : when;
                    xml.WriteElementString("summary", ns, $"{L[e.Kind.DisplayName()].Value}. {summary}");
                    xml.WriteEndElement();
                }
            });
            return Results.Bytes(bytes, AtomFeed.ContentType);
        });
    }
}
