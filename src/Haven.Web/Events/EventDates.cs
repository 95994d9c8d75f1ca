using System.Globalization;
using Haven.Core.Events;
using Haven.Core.Shared;
using Haven.Web.Localization;
using NodaTime;
using NodaTime.Text;

namespace Haven.Web.Events;

/// <summary>An event's times as each interface language writes them: "Sunday 8 March 2026, 3:30 AM–4:30 AM EDT",
/// "domingo 8 de marzo de 2026, 3:30–4:30 EDT".</summary>
public static class EventDates
{
    private static bool Spanish => InterfaceLanguage.Current == Languages.Spanish;
    private static CultureInfo Culture => Haven.Web.Localization.InterfaceLanguage.CultureOf(Spanish ? "es" : "en");

    public static string Day(LocalDate date) => Spanish
        ? date.ToString("dddd d 'de' MMMM 'de' uuuu", Culture)
        : date.ToString("dddd d MMMM uuuu", Culture);

    public static string Time(LocalTime time) => time.ToString(Spanish ? "H:mm" : "h:mm tt", Culture);

    /// <summary>Day, start–end and the zone's abbreviation; the end's day too when it is another one.</summary>
    public static string When(ZonedTimes t)
    {
        ArgumentNullException.ThrowIfNull(t);
        var start = t.Start.LocalDateTime;
        var end = t.End.LocalDateTime;
        return t.EndsOnAnotherDay
            ? $"{Day(start.Date)}, {Time(start.TimeOfDay)} {t.StartAbbreviation} – {Day(end.Date)}, {Time(end.TimeOfDay)} {t.EndAbbreviation}"
            : $"{Day(start.Date)}, {Time(start.TimeOfDay)}–{Time(end.TimeOfDay)} {t.EndAbbreviation}";
    }

    /// <summary>The machine-readable instant for &lt;time datetime&gt; ("2026-03-08T07:30:00Z").</summary>
    public static string Iso(Instant instant) => InstantPattern.General.Format(instant);

    /// <summary>"New York" for "America/New_York".</summary>
    public static string City(string zoneId) => zoneId[(zoneId.LastIndexOf('/') + 1)..].Replace('_', ' ');
}
