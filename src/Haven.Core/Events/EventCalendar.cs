using Haven.Core.Shared;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using NodaTime;

namespace Haven.Core.Events;

/// <summary>Events as iCalendar (RFC 5545): a published feed, or one event as an invitation (METHOD:REQUEST) or its
/// cancellation (METHOD:CANCEL) for mail. The UID is stable per event and the SEQUENCE is the event's
/// <see cref="Event.CalendarSequence"/>, so calendars update the entry they already have instead of adding another.</summary>
public static class EventCalendar
{
    public const string ContentType = "text/calendar; charset=utf-8";
    private const string ProductId = "-//Haven//Events//EN";

    /// <summary>The stable UID of an event's calendar entry: "event-42@haven.example.org".</summary>
    /// <param name="origin">The site's public origin ("https://haven.example.org").</param>
    public static string Uid(Event e, string origin) => $"event-{e.Id}@{new Uri(origin).Host}";

    /// <summary>The public page of an event under <paramref name="origin"/>.</summary>
    public static string PageUrl(Event e, string origin) => $"{origin.TrimEnd('/')}/events/{Uri.EscapeDataString(e.Slug)}";

    /// <summary>A METHOD:PUBLISH calendar of these events, for subscriptions and downloads.</summary>
    public static Calendar Feed(IEnumerable<Event> events, string origin, Instant now)
    {
        ArgumentNullException.ThrowIfNull(events);
        var calendar = NewCalendar(CalendarMethods.Publish);
        foreach (var e in events) Add(calendar, e, origin, now);
        return calendar;
    }

    /// <summary>One event, as a download (<see cref="CalendarMethods.Publish"/>), an invitation
    /// (<see cref="CalendarMethods.Request"/>, with the registrant as attendee) or a cancellation
    /// (<see cref="CalendarMethods.Cancel"/>, which marks the entry cancelled whatever the event's status).</summary>
    public static Calendar Single(Event e, string origin, Instant now, string method, CalendarAttendee? attendee = null)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (method != CalendarMethods.Publish && method != CalendarMethods.Request && method != CalendarMethods.Cancel)
            throw new ArgumentOutOfRangeException(nameof(method), method, "PUBLISH, REQUEST or CANCEL");
        var calendar = NewCalendar(method);
        var entry = Add(calendar, e, origin, now);
        if (method == CalendarMethods.Cancel) entry.Status = EventStatus.Cancelled.ToICalStatus();
        if (attendee is not null)
        {
            entry.Attendees.Add(new Attendee(new Uri("mailto:" + attendee.Email))
            {
                CommonName = attendee.Name,
                Role = "REQ-PARTICIPANT",
                ParticipationStatus = method == CalendarMethods.Cancel ? "DECLINED" : "ACCEPTED",
                Rsvp = false,
            });
        }
        return calendar;
    }

    public static string Serialize(Calendar calendar) => new CalendarSerializer().SerializeToString(calendar) ?? "";

    private static Calendar NewCalendar(string method) => new() { ProductId = ProductId, Method = method };

    private static CalendarEvent Add(Calendar calendar, Event e, string origin, Instant now)
    {
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(e.TimeZoneId);
        CalDateTime At(Instant instant)
        {
            if (zone is null) return new CalDateTime(instant.ToDateTimeUtc(), CalDateTime.UtcTzId);
            var local = instant.InZone(zone).LocalDateTime;
            return new CalDateTime(local.Year, local.Month, local.Day, local.Hour, local.Minute, local.Second, zone.Id);
        }
        if (zone is not null && calendar.TimeZones.All(z => z.TzId != zone.Id))
            calendar.AddTimeZone(zone.Id, EarliestToSupport(e.StartsAt), includeHistoricalData: false);

        var url = PageUrl(e, origin);
        var text = PlainText(e);
        var entry = new CalendarEvent
        {
            Uid = Uid(e, origin),
            DtStamp = new CalDateTime(now.ToDateTimeUtc(), CalDateTime.UtcTzId),
            DtStart = At(e.StartsAt),
            DtEnd = At(e.EndsAt),
            Summary = e.Title,
            Description = text.Length > 0 ? text + "\n\n" + url : url,
            Url = new Uri(url),
            Sequence = e.CalendarSequence,
            Status = e.Status.ToICalStatus(),
        };
        if (ContactAddress.IsValid(e.ContactEmail))
            entry.Organizer = new Organizer("mailto:" + e.ContactEmail.Trim());
        calendar.Events.Add(entry);
        return entry;
    }

    /// <summary>The earliest moment the VTIMEZONE must describe. Ical.Net's <c>VTimeZone.FromDateTimeZone</c> reads the
    /// zone's transitions from a year before this moment up to the machine's clock (<c>DateTimeOffset.Now</c>) and
    /// turns the latest ones into yearly rules, so a moment later than the clock (an event starting more than a year
    /// ahead) made an empty range and threw "end must be equal to or later than start". The zone's current rules
    /// repeat yearly (RRULE) and so cover any later date; a past event still gets the rules of its own time.</summary>
    internal static DateTime EarliestToSupport(Instant startsAt)
    {
        var start = startsAt.ToDateTimeUtc().AddDays(-1);
        var clock = DateTime.UtcNow.AddDays(-1);
        return start < clock ? start : clock;
    }

    /// <summary>CONFIRMED, TENTATIVE (postponed: the date will change) or CANCELLED; a completed event was confirmed.</summary>
    public static string ToICalStatus(this EventStatus status) => status switch
    {
        EventStatus.Cancelled => Ical.Net.EventStatus.Cancelled,
        EventStatus.Postponed => Ical.Net.EventStatus.Tentative,
        _ => Ical.Net.EventStatus.Confirmed,
    };

    private static string PlainText(Event e) =>
        e.DescriptionMarkdown.Trim().Length > 0 ? Markdig.Markdown.ToPlainText(e.DescriptionMarkdown).Trim() : "";
}

/// <summary>The registrant an invitation is addressed to.</summary>
public sealed record CalendarAttendee(string Email, string Name);
