using NodaTime;

namespace Haven.Core.Shared;

/// <summary>Site-wide settings that domain rules need (from configuration section "Site").</summary>
public sealed class SiteSettings
{
    public string Name { get; set; } = "Haven";
    /// <summary>IANA zone in which editors enter and read dates and times.</summary>
    public string TimeZone { get; set; } = "America/New_York";

    public DateTimeZone Zone => DateTimeZoneProviders.Tzdb.GetZoneOrNull(TimeZone) ?? DateTimeZone.Utc;
}
