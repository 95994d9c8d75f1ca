using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Net.Http.Headers;

namespace Haven.Web.Api;

/// <summary>JSON answers with an ETag (a hash of the body), so a client that sends it back in If-None-Match gets
/// 304 Not Modified without the body; and RFC 9457 problem details for refusals.</summary>
internal static class ApiResults
{
    // Accented names stay readable; HTML-significant characters are still escaped.
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    public static IResult Ok<T>(HttpContext http, T value)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(value, Json);
        var etag = ETagOf(body);
        var headers = http.Response.GetTypedHeaders();
        headers.ETag = etag;
        // Anyone may keep a copy, but must ask again (cheaply, with the ETag) before using it.
        headers.CacheControl = new CacheControlHeaderValue { Public = true, NoCache = true };
        var asked = http.Request.GetTypedHeaders().IfNoneMatch;
        if (asked.Any(e => e.Equals(EntityTagHeaderValue.Any) || e.Compare(etag, useStrongComparison: false)))
            return Results.StatusCode(StatusCodes.Status304NotModified);
        return Results.Bytes(body, "application/json; charset=utf-8");
    }

    /// <summary>The ETag <see cref="Ok"/> gives this value.</summary>
    public static EntityTagHeaderValue ETagOf<T>(T value) => ETagOf(JsonSerializer.SerializeToUtf8Bytes(value, Json));

    private static EntityTagHeaderValue ETagOf(byte[] body) =>
        new("\"" + Convert.ToHexStringLower(SHA256.HashData(body))[..32] + "\"");

    public static IResult BadRequest(string detail, string? parameter = null) =>
        Results.Problem(detail: detail, statusCode: StatusCodes.Status400BadRequest, title: "Bad request",
            extensions: parameter is null ? null : new Dictionary<string, object?> { ["parameter"] = parameter });

    public static IResult NotFound(string detail) =>
        Results.Problem(detail: detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");
}
