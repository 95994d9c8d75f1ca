using NodaTime;

namespace Haven.Core.Events;

/// <summary>An event's start and end as read in one zone, with the zone's abbreviation at that moment ("EDT" in
/// summer, "EST" in winter), so the page is right across daylight-saving changes.</summary>
public sealed record ZonedTimes(string ZoneId, ZonedDateTime Start, ZonedDateTime End)
{
    public string StartAbbreviation => Start.Zone.GetZoneInterval(Start.ToInstant()).Name;
    public string EndAbbreviation => End.Zone.GetZoneInterval(End.ToInstant()).Name;
    /// <summary>Whether the event ends on another calendar day in this zone.</summary>
    public bool EndsOnAnotherDay => End.Date != Start.Date;
}

public static class EventTimes
{
    /// <summary>Eastern, Central, Mountain, Pacific: the zones shown when the organizer lists none.</summary>
    public static readonly IReadOnlyList<string> DefaultListedZones = ["America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles"];

    /// <summary>The event's times in its own zone first, then in each listed zone (unknown ids and repeats left out).</summary>
    public static IReadOnlyList<ZonedTimes> Of(Event e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var listed = e.ListedZoneIds.Split([',', ';', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var ids = new[] { e.TimeZoneId }.Concat(listed.Length > 0 ? listed : DefaultListedZones).Distinct(StringComparer.Ordinal);
        var result = new List<ZonedTimes>();
        foreach (var id in ids)
        {
            if (DateTimeZoneProviders.Tzdb.GetZoneOrNull(id) is not { } zone) continue;
            result.Add(new ZonedTimes(id, e.StartsAt.InZone(zone), e.EndsAt.InZone(zone)));
        }
        return result;
    }

    /// <summary>Whether every id is a zone the time-zone database knows (for validating what organizers type).</summary>
    public static bool AreKnownZones(string ids) =>
        ids.Split([',', ';', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .All(id => DateTimeZoneProviders.Tzdb.GetZoneOrNull(id) is not null);
}
