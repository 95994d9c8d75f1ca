using NodaTime;

namespace Haven.Core.Shared;

/// <summary>Site-wide settings that domain rules need (from configuration section "Site").</summary>
public sealed class SiteSettings
{
    public string Name { get; set; } = "Haven";
    /// <summary>IANA zone in which editors enter and read dates and times.</summary>
    public string TimeZone { get; set; } = "America/New_York";
    /// <summary>The site's origin as readers reach it ("https://haven.example.org"), which links in mail start with.
    /// Empty: each request's own scheme and host, which is only safe where the server or the proxy in front of it
    /// accepts nothing but the site's host names (a forged Host header would otherwise point a mailed link elsewhere).</summary>
    public string PublicUrl { get; set; } = "";

    public DateTimeZone Zone => DateTimeZoneProviders.Tzdb.GetZoneOrNull(TimeZone) ?? DateTimeZone.Utc;
}
