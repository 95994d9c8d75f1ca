using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Haven.Web.Api;

/// <summary>The JSON API's description: the OpenAPI document at <c>/openapi/v1.json</c>, generated from the endpoints
/// themselves, and an interactive reference at <c>/api</c> (Scalar, served from the package: nothing from a CDN).</summary>
public static class ApiServices
{
    public static IServiceCollection AddHavenApi(this IServiceCollection services) =>
        services.AddScoped<Haven.Core.Api.ManageApiTokens>().AddSingleton<ApiWriteLimit>().AddOpenApi("v1", options =>
        {
            // The API's endpoints only: downloads, feeds and calendars have their own formats.
            options.ShouldInclude = endpoint => endpoint.RelativePath?.StartsWith("api/v1/", StringComparison.Ordinal) == true;
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Haven API",
                    Version = "v1",
                    Description = "Resources, events, organizations and local policies of this Haven site, as its pages show them. " +
                        "Lists take the pages' filters and return a page of items with a nextCursor; every answer carries an ETag " +
                        "(send it back as If-None-Match for a 304). Refusals are RFC 9457 problem details. " +
                        "Writing needs an API token of an organization (its leads create them at /admin/api-tokens), sent as " +
                        "\"Authorization: Bearer <token>\": a token creates and changes its organization's resources as its editors would.",
                    Contact = new OpenApiContact { Name = "Site administrators" },
                };
                // "https://site.example/" would make every path start with "//".
                foreach (var server in document.Servers ?? []) server.Url = server.Url?.TrimEnd('/');
                document.Tags = new HashSet<OpenApiTag> { new() { Name = "Haven API v1", Description = "Public data; writes with an organization's API token." } };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
                {
                    [ApiWriteEndpoints.SecuritySchemeName] = new OpenApiSecurityScheme
                    {
                        Type = SecuritySchemeType.Http,
                        Scheme = "bearer",
                        Description = "An organization's API token, created by one of its leads at /admin/api-tokens.",
                    },
                };
                return Task.CompletedTask;
            });
        });

    // Scalar's page starts itself with an inline module script and styles itself inline; it shows only the API
    // description (no user content), so the reference page alone gets 'unsafe-inline'.
    private const string ReferencePolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static void MapHavenApiDescription(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            var path = context.Request.Path;
            if (path.StartsWithSegments("/api") && !path.StartsWithSegments("/api/v1"))
                context.Response.Headers.ContentSecurityPolicy = ReferencePolicy;
            // A status the API's routing answers by itself (415 for a body that is not JSON, 405) stays as it is:
            // the site's HTML error page is no answer for a program.
            if (path.StartsWithSegments("/api/v1")
                && context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } statusPages)
                statusPages.Enabled = false;
            return next(context);
        });
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapScalarApiReference("/api", options => options
            .WithTitle("Haven API")
            .WithOpenApiRoutePattern("/openapi/{documentName}.json")
            .AddDocument("v1")
            // Nothing leaves the site: no hosted AI agent, MCP, telemetry, web fonts or vendor tool bar.
            .DisableAgent()
            .DisableMcp()
            .DisableTelemetry()
            .DisableDefaultFonts()
            .HideDeveloperTools()
            .WithDotNetFlag(false));
    }
}
