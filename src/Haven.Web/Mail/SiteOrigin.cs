using Haven.Core.Shared;

namespace Haven.Web.Mail;

/// <summary>The origin that links in mail written away from any request (reminders) start with: the configured
/// <c>Site:PublicUrl</c>, or else the origin of the latest request this process served (right on a single-host
/// install; set Site:PublicUrl in production so a forged Host header can never reach a mailed link).</summary>
public sealed class SiteOrigin(SiteSettings site)
{
    private volatile string _seen = "http://localhost";

    public string Current => site.PublicUrl.Length > 0 ? site.PublicUrl.TrimEnd('/') : _seen;

    /// <summary>Remembers the request's origin when none is configured.</summary>
    public static IApplicationBuilder UseSiteOrigin(IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var origin = context.RequestServices.GetRequiredService<SiteOrigin>();
        if (origin.Missing && context.Request.Host.HasValue)
            origin._seen = $"{context.Request.Scheme}://{context.Request.Host.ToUriComponent()}";
        await next(context);
    });

    private bool Missing => site.PublicUrl.Length == 0;
}
