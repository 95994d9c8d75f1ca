using System.Globalization;
using Haven.Core.Shared;
using Microsoft.AspNetCore.Localization;

namespace Haven.Web.Localization;

/// <summary>English lives at the site root and Spanish under /es/, so each language has its own linkable URL.
/// The /es prefix is moved into the request's PathBase: every link, form action and redirect the framework
/// generates then stays in the reader's language without any page having to think about it.</summary>
public static class InterfaceLanguage
{
    public const string SpanishPrefix = "/es";
    public const string CookieName = "haven-language";

    // CultureInfo.GetCultureInfo takes a process-wide lock on every call, which pages formatting a date per list item
    // contended for under load.
    private static readonly CultureInfo EnglishCulture = CultureInfo.GetCultureInfo(Languages.English);
    private static readonly CultureInfo SpanishCulture = CultureInfo.GetCultureInfo(Languages.Spanish);

    /// <summary>The culture of an interface language: Spanish for "es", English for anything else.</summary>
    public static CultureInfo CultureOf(string language) => language == Languages.Spanish ? SpanishCulture : EnglishCulture;

    public static IApplicationBuilder UseInterfaceLanguage(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        var language = Languages.English;
        if (request.Path.StartsWithSegments(SpanishPrefix, StringComparison.Ordinal, out var rest))
        {
            request.PathBase = request.PathBase.Add(SpanishPrefix);
            request.Path = rest.HasValue ? rest : "/";
            language = Languages.Spanish;
        }
        var culture = CultureOf(language);
        context.Features.Set<IRequestCultureFeature>(new RequestCultureFeature(new RequestCulture(culture), provider: null));
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = culture;
        await next();
    });

    /// <summary>Runs <paramref name="write"/> in <paramref name="language"/> (English unless Spanish), whatever the
    /// request's: mail is written in its recipient's language.</summary>
    public static T In<T>(string language, Func<T> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var previous = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            var culture = CultureOf(language);
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = culture;
            return write();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = previous;
        }
    }

    /// <summary>The interface language of the current request ("en" or "es").</summary>
    public static string Current => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == Languages.Spanish ? Languages.Spanish : Languages.English;

    /// <summary>The same page in the other language: the path and query kept, the prefix added or removed.</summary>
    public static string UrlIn(string language, HttpRequest request)
    {
        var basePath = request.PathBase.Value ?? "";
        if (basePath.EndsWith(SpanishPrefix, StringComparison.Ordinal))
            basePath = basePath[..^SpanishPrefix.Length];
        var path = request.Path.Value ?? "/";
        var prefix = language == Languages.Spanish ? SpanishPrefix : "";
        var url = basePath + prefix + (path == "/" && prefix.Length > 0 ? "/" : path) + request.QueryString.Value;
        return url.Length == 0 ? "/" : url;
    }
}
