using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace Haven.Web.Campaigns;

/// <summary>A campaign's dates as readers see them: in the campaign's own zone, in the interface's culture.</summary>
public static class CampaignDates
{
    public static string Format(Instant at, string zoneId)
    {
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId) ?? DateTimeZone.Utc;
        var local = at.InZone(zone);
        var pattern = ZonedDateTimePattern.CreateWithCurrentCulture("d MMMM uuuu, HH:mm", DateTimeZoneProviders.Tzdb);
        return $"{pattern.Format(local)} ({local.Zone.Id.Split('/')[^1].Replace('_', ' ')})";
    }

    public static string Iso(Instant at) => InstantPattern.ExtendedIso.Format(at);

    public static string Culture => CultureInfo.CurrentCulture.Name;
}
