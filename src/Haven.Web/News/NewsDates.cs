using System.Globalization;
using Haven.Core.Shared;
using Haven.Web.Events;
using Haven.Web.Localization;
using NodaTime;

namespace Haven.Web.News;

/// <summary>A post's date and embargo as each interface language writes them: "24 November 2026",
/// "24 de noviembre de 2026"; an embargo with its time and zone.</summary>
public static class NewsDates
{
    private static bool Spanish => InterfaceLanguage.Current == Languages.Spanish;
    private static CultureInfo Culture => Haven.Web.Localization.InterfaceLanguage.CultureOf(Spanish ? "es" : "en");

    public static string Long(LocalDate date) => Spanish
        ? date.ToString("d 'de' MMMM 'de' uuuu", Culture)
        : date.ToString("d MMMM uuuu", Culture);

    /// <summary>"Tuesday 1 December 2026, 9:00 AM EST" in the site's zone.</summary>
    public static string Moment(Instant instant, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = instant.InZone(zone);
        return $"{EventDates.Day(local.Date)}, {EventDates.Time(local.TimeOfDay)} {zone.GetZoneInterval(instant).Name}";
    }
}
