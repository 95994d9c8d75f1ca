using Haven.Core.Api;
using Microsoft.Net.Http.Headers;

namespace Haven.Web.Api;

/// <summary>Lets a request through only with <c>Authorization: Bearer &lt;token&gt;</c> naming a usable API token, and
/// hands the endpoint the token's session. The sign-in cookie is never looked at, so a page in a browser cannot be
/// made to write through the API on someone's behalf (no CSRF): a write with only a cookie gets 401.</summary>
public sealed class ApiTokenFilter : IEndpointFilter
{
    private const string SessionKey = "Haven.ApiTokenSession";
    public const string Realm = "Haven API";

    public static ApiTokenSession SessionOf(HttpContext http) =>
        http.Items[SessionKey] as ApiTokenSession ?? throw new InvalidOperationException("The endpoint is not behind ApiTokenFilter.");

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var header = http.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return Refuse(http, $"Bearer realm=\"{Realm}\"",
                "Writing needs an API token: send it as \"Authorization: Bearer <token>\". An organization's lead creates tokens at /admin/api-tokens.");
        var tokens = http.RequestServices.GetRequiredService<ManageApiTokens>();
        var session = await tokens.AuthenticateAsync(header["Bearer ".Length..].Trim(), http.Connection.RemoteIpAddress?.ToString(), http.RequestAborted);
        if (session is null)
            return Refuse(http, $"Bearer realm=\"{Realm}\", error=\"invalid_token\", error_description=\"unknown, revoked or expired token\"",
                "This API token is unknown, revoked or expired.");
        http.Items[SessionKey] = session;
        // Whatever the token may do, its answers are for the one who sent it.
        http.Response.Headers.CacheControl = "no-store";
        return await next(context);
    }

    private static IResult Refuse(HttpContext http, string challenge, string detail)
    {
        http.Response.Headers[HeaderNames.WWWAuthenticate] = challenge;
        return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized", detail: detail);
    }
}
