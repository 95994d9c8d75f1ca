using Haven.Core.Shared;

namespace Haven.Web.Mail;

/// <summary>Absolute links for mail, which is read away from the site: the configured origin (<c>Site:PublicUrl</c>)
/// or else the request's own scheme and host, then the request's path base, so a link mailed from a Spanish page
/// (path base ending in /es) opens in Spanish.</summary>
public static class MailLinks
{
    /// <summary>The absolute URL of <paramref name="pathAndQuery"/> ("/account/reset?email=..."), in the language
    /// of <paramref name="request"/>.</summary>
    public static string To(HttpRequest request, SiteSettings site, string pathAndQuery)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(site);
        var origin = site.PublicUrl.Length > 0
            ? site.PublicUrl.TrimEnd('/')
            : $"{request.Scheme}://{request.Host.ToUriComponent()}";
        return origin + request.PathBase.ToUriComponent() + pathAndQuery;
    }

    /// <summary>Whether <paramref name="value"/> is empty or an http(s) origin with nothing after the host (a path
    /// base belongs to the request, which adds it).</summary>
    public static bool IsOriginOrEmpty(string? value) =>
        string.IsNullOrEmpty(value)
        || (Uri.TryCreate(value, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            && uri.AbsolutePath == "/" && uri.Query.Length == 0 && uri.Fragment.Length == 0 && uri.UserInfo.Length == 0);
}
