using System.Globalization;
using Haven.Core.Shared;
using NodaTime;

namespace Haven.Web.Localization;

/// <summary>Dates as each interface language writes them: "14 April 2015", "14 de abril de 2015".</summary>
public static class Dates
{
    public static string Long(LocalDate date) => InterfaceLanguage.Current == Languages.Spanish
        ? date.ToString("d 'de' MMMM 'de' uuuu", InterfaceLanguage.CultureOf(Languages.Spanish))
        : date.ToString("d MMMM uuuu", InterfaceLanguage.CultureOf(Languages.English));

    public static string Short(LocalDate date) => InterfaceLanguage.Current == Languages.Spanish
        ? date.ToString("d MMM uuuu", InterfaceLanguage.CultureOf(Languages.Spanish))
        : date.ToString("d MMM uuuu", InterfaceLanguage.CultureOf(Languages.English));

    /// <summary>The machine-readable form for &lt;time datetime&gt;.</summary>
    public static string Iso(LocalDate date) => date.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture);
}
