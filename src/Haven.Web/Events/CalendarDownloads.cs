using System.Text;
using Haven.Core.Data;
using Haven.Core.Events;
using Haven.Core.Shared;
using Haven.Web.Mail;
using Ical.Net;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Haven.Web.Events;

/// <summary>iCalendar downloads: one event at /events/{slug}.ics and the feed of upcoming and recent events at
/// /events.ics. "{slug}.ics" is a complex segment, which routing ranks above the event page's plain "{slug}", so
/// both addresses resolve.</summary>
public static class CalendarDownloads
{
    /// <summary>How far back the feed reaches, so subscribers see recent changes (a cancellation, a recording).</summary>
    public static readonly Duration FeedHistory = Duration.FromDays(60);
    public const int FeedLimit = 500;

    public static void MapEventCalendars(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/events/{slug}.ics", async (string slug, HttpContext http, HavenDbContext db, IClock clock, SiteSettings site) =>
        {
            var e = await db.Events.AsNoTracking().FirstOrDefaultAsync(x => x.Slug == slug && !x.IsDraft, http.RequestAborted);
            if (e is null) return Results.NotFound();
            var calendar = EventCalendar.Single(e, Origin(http.Request, site), clock.GetCurrentInstant(), CalendarMethods.Publish);
            return Results.File(Encoding.UTF8.GetBytes(EventCalendar.Serialize(calendar)), EventCalendar.ContentType, $"{e.Slug}.ics");
        });
        endpoints.MapGet("/events.ics", async (HttpContext http, HavenDbContext db, IClock clock, SiteSettings site) =>
        {
            var now = clock.GetCurrentInstant();
            var since = now - FeedHistory;
            var events = await db.Events.AsNoTracking().Where(e => e.StartsAt >= since && !e.IsDraft)
                .OrderBy(e => e.StartsAt).ThenBy(e => e.Id).Take(FeedLimit).ToListAsync(http.RequestAborted);
            var calendar = EventCalendar.Feed(events, Origin(http.Request, site), now);
            return Results.Text(EventCalendar.Serialize(calendar), EventCalendar.ContentType, Encoding.UTF8);
        });
    }

    /// <summary>The configured origin (or the request's), with the /es path base so links open in the reader's language.</summary>
    private static string Origin(HttpRequest request, SiteSettings site) => MailLinks.To(request, site, "");
}
