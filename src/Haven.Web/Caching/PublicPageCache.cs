using System.Threading;
using Haven.Core.Shared;
using Haven.Web.Localization;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.Primitives;

namespace Haven.Web.Caching;

/// <summary>Output caching of the public pages anonymous readers see (ASP.NET Core output caching). A response is
/// stored only when it is a GET or HEAD of a public path, not a word search, by a reader who is not signed in, answered 200 without
/// setting a cookie and without forbidding caching (a page carrying an antiforgery token is marked no-store by the
/// antiforgery system, so pages with forms are never stored). Entries vary by path (with the /es prefix), query
/// string and language cookie, carry an ETag (so a reader's If-None-Match gets 304), live at most
/// <see cref="Lifetime"/> (the bound on anything that changes with the clock alone: upcoming events, embargoes), and
/// are evicted by tag through <see cref="IOutputCacheStore"/> when content changes (<see cref="CacheInvalidation"/>).
/// Pages are stored as sent, compressed: response compression runs inside the output cache too (<c>HavenHost</c>),
/// so each content encoding the reader accepts (Brotli, gzip, none) is its own entry with its own ETag, and a
/// stored page is written out as it is rather than compressed again on every view (the county map is 1.2 MB of
/// HTML, 0.3 MB compressed).</summary>
public sealed class PublicPageCache(bool diagnosticHeader) : IOutputCachePolicy
{
    /// <summary>The tag every stored page carries but the map's (<see cref="Policies.PolicyMapPages.Tag"/>);
    /// <see cref="CacheInvalidation"/> evicts both.</summary>
    public const string PagesTag = "pages";

    /// <summary>Set on responses in tests only (Haven:Caching:DiagnosticHeader): "hit" when served from the cache.</summary>
    public const string DiagnosticHeader = "X-Haven-Cache";

    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    // Public sections whose pages are the same for every anonymous reader. Deeper paths (private registration and
    // endorsement links, /events/{slug}/registration/{token}) are never stored: only "/section" and "/section/x".
    private static readonly HashSet<string> Sections = new(StringComparer.Ordinal)
    {
        "resources", "topics", "organizations", "jurisdictions", "news", "bills", "campaigns", "events", "policies",
        "feeds", "sitemap.xml", "robots.txt", "events.ics",
    };

    private static long etagSequence = DateTime.UtcNow.Ticks;

    public static bool IsPublicPath(PathString path)
    {
        var value = path.Value;
        if (string.IsNullOrEmpty(value) || value == "/") return true;
        var segments = value.AsSpan(1);
        if (segments.EndsWith("/")) return false;
        var slash = segments.IndexOf('/');
        var first = slash < 0 ? segments : segments[..slash];
        if (!Sections.GetAlternateLookup<ReadOnlySpan<char>>().Contains(first)) return false;
        return slash < 0 || segments[(slash + 1)..].IndexOf('/') < 0;
    }

    /// <summary>A searched word is the long tail: thousands of distinct queries, each rarely repeated. Storing them
    /// would crowd out the pages every reader shares, while the engine answers them in milliseconds; browsing by
    /// facets alone (a topic, a place) is stored like any page.</summary>
    public static bool IsSearch(HttpRequest request) => !StringValues.IsNullOrEmpty(request.Query["q"]) && request.Query["q"].ToString().Trim().Length > 0;

    ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var http = context.HttpContext;
        var request = http.Request;
        var attempt = (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            && StringValues.IsNullOrEmpty(request.Headers.Authorization)
            && http.User.Identity?.IsAuthenticated != true
            && IsPublicPath(request.Path)
            && !IsSearch(request);
        context.EnableOutputCaching = attempt;
        context.AllowCacheLookup = attempt;
        context.AllowCacheStorage = attempt;
        context.AllowLocking = true;
        if (!attempt) return ValueTask.CompletedTask;
        context.CacheVaryByRules.QueryKeys = "*";
        // An English page redirects a reader whose language cookie says Spanish (LanguagePreferenceFilter).
        context.CacheVaryByRules.VaryByValues["language"] =
            request.Cookies[InterfaceLanguage.CookieName] == Languages.Spanish ? Languages.Spanish : Languages.English;
        context.CacheVaryByRules.VaryByValues["encoding"] = ContentEncoding(http);
        context.ResponseExpirationTimeSpan = Lifetime;
        // The county map keeps its copies while the rest of the site changes (PolicyMapPages).
        context.Tags.Add(Policies.PolicyMapPages.IsMapPage(request.Path) ? Policies.PolicyMapPages.Tag : PagesTag);
        // Set before the page runs (this policy's last hook runs after the response has started). Each rendering
        // gets a fresh number and a stored entry is one fixed body until evicted or expired, so it is a strong
        // validator; the middleware answers a matching If-None-Match from the stored entry with 304.
        http.Response.Headers.ETag = $"\"h{Interlocked.Increment(ref etagSequence):x}\"";
        return ValueTask.CompletedTask;
    }

    /// <summary>The content encoding this request's response will be sent in, as response compression chooses it
    /// from Accept-Encoding ("br", "gzip", or "identity"): a stored page is stored compressed that way.</summary>
    public static string ContentEncoding(HttpContext http)
    {
        var compression = http.RequestServices.GetService<IResponseCompressionProvider>();
        if (compression is null || !compression.CheckRequestAcceptsCompression(http)) return "identity";
        return compression.GetCompressionProvider(http)?.EncodingName ?? "identity";
    }

    ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        if (diagnosticHeader)
            context.HttpContext.Response.Headers[DiagnosticHeader] = "hit";
        return ValueTask.CompletedTask;
    }

    ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var response = context.HttpContext.Response;
        var cacheControl = response.Headers.CacheControl.ToString();
        if (response.StatusCode != StatusCodes.Status200OK
            || !StringValues.IsNullOrEmpty(response.Headers.SetCookie)
            || cacheControl.Contains("no-store", StringComparison.OrdinalIgnoreCase)
            || cacheControl.Contains("private", StringComparison.OrdinalIgnoreCase)
            || context.HttpContext.User.Identity?.IsAuthenticated == true)
        {
            context.AllowCacheStorage = false;
            return ValueTask.CompletedTask;
        }
        return ValueTask.CompletedTask;
    }
}

public static class CachingServices
{
    public static IServiceCollection AddHavenOutputCache(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOutputCache(options =>
        {
            if (configuration.GetValue("Haven:Caching:Enabled", true))
                options.AddBasePolicy(new PublicPageCache(configuration.GetValue<bool>("Haven:Caching:DiagnosticHeader")));
            options.SizeLimit = configuration.GetValue<long?>("Haven:Caching:SizeLimitBytes") ?? 64L * 1024 * 1024;
            options.DefaultExpirationTimeSpan = PublicPageCache.Lifetime;
        });
        services.AddSingleton<CacheInvalidation>();
        services.AddHostedService(sp => sp.GetRequiredService<CacheInvalidation>());
        return services;
    }
}
