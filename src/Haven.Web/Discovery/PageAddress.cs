using System.Net;
using System.Text.RegularExpressions;
using Haven.Core.Shared;
using Haven.Web.Localization;

namespace Haven.Web.Discovery;

/// <summary>The addresses a page gives search engines and link previews: its canonical URL (absolute, from
/// <c>Site:PublicUrl</c> or the request's origin, without tracking parameters) and the same page in each interface
/// language. Private pages (the workspace, accounts, a registration's private link) give none, so a token in their
/// path never reaches a tag a crawler or a preview service reads.</summary>
public static partial class PageAddress
{
    /// <summary>ViewData key: true where the page's query is part of what it shows (the library's filters).</summary>
    public const string KeepsQuery = "CanonicalKeepsQuery";
    /// <summary>ViewData key: the OpenGraph type ("article" for a resource; "website" otherwise).</summary>
    public const string OpenGraphType = "OpenGraphType";

    /// <summary>Query parameters that only say where a reader came from.</summary>
    private static readonly string[] TrackingExact = ["fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "yclid", "_ga", "ref"];

    /// <summary>The site's origin ("https://haven.example.org"), without path base.</summary>
    public static string Origin(HttpRequest request, SiteSettings site) =>
        site.PublicUrl.Length > 0 ? site.PublicUrl.TrimEnd('/') : $"{request.Scheme}://{request.Host.ToUriComponent()}";

    /// <summary>Whether the path is private: never canonical, never in the sitemap, disallowed in robots.txt.</summary>
    public static bool IsPrivate(HttpRequest request)
    {
        var path = request.Path.Value ?? "/";
        return request.Path.StartsWithSegments("/admin", StringComparison.OrdinalIgnoreCase)
            || request.Path.StartsWithSegments("/account", StringComparison.OrdinalIgnoreCase)
            || PrivateRegistration().IsMatch(path);
    }

    [GeneratedRegex("^/(events/[^/]+/registration|campaigns/[^/]+/endorsement|subscriptions)(/|$)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PrivateRegistration();

    /// <summary>The absolute URL of this page in <paramref name="language"/>: its path, and its query (less tracking
    /// parameters) only where <paramref name="keepQuery"/>.</summary>
    public static string In(string language, HttpRequest request, SiteSettings site, bool keepQuery) =>
        Root(request, site) + PathIn(language, request.Path.Value ?? "/") + (keepQuery ? CleanQuery(request.Query) : "");

    /// <summary>The site's absolute root: its origin and path base, without the language prefix; a page's address in
    /// a language is this plus <see cref="PathIn"/>.</summary>
    public static string Root(HttpRequest request, SiteSettings site)
    {
        var basePath = request.PathBase.Value ?? "";
        if (basePath.EndsWith(InterfaceLanguage.SpanishPrefix, StringComparison.Ordinal))
            basePath = basePath[..^InterfaceLanguage.SpanishPrefix.Length];
        return Origin(request, site) + basePath;
    }

    /// <summary>A site path ("/resources/x") as it is spelled in <paramref name="language"/> (/es/resources/x).</summary>
    public static string PathIn(string language, string path) =>
        language == Languages.Spanish ? InterfaceLanguage.SpanishPrefix + (path == "/" ? "/" : path) : path;

    /// <summary>The query without tracking parameters or empty values, in its own order ("" when nothing is left).</summary>
    public static string CleanQuery(IQueryCollection query)
    {
        var kept = new List<KeyValuePair<string, string?>>();
        foreach (var (key, values) in query)
        {
            if (IsTracking(key)) continue;
            foreach (var value in values)
                if (!string.IsNullOrEmpty(value)) kept.Add(new(key, value));
        }
        return kept.Count == 0 ? "" : QueryString.Create(kept).Value!;
    }

    private static bool IsTracking(string key) =>
        key.StartsWith("utm_", StringComparison.OrdinalIgnoreCase)
        || TrackingExact.Contains(key, StringComparer.OrdinalIgnoreCase);

    /// <summary>The first sentence of some HTML, as plain text, for a preview (at most about 300 characters).</summary>
    public static string FirstSentence(string html)
    {
        var text = WebUtility.HtmlDecode(Tags().Replace(html ?? "", " "));
        text = Spaces().Replace(text, " ").Trim();
        var end = SentenceEnd().Match(text);
        if (end.Success) text = text[..(end.Index + 1)];
        return text.Length <= 300 ? text : text[..297].TrimEnd() + "…";
    }

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();
    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
    [GeneratedRegex(@"[.!?](?=\s|$)")]
    private static partial Regex SentenceEnd();
}
