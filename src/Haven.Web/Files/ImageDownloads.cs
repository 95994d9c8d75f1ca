using Haven.Core.Data;
using Haven.Core.Files;
using Haven.Core.Organizations;
using Haven.Core.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace Haven.Web.Files;

/// <summary>Serves organizations' logos and people's photos with the type decided at upload. The address ends with
/// the storage key, which is new for every upload, so browsers may keep an image for a year: a replaced image has a
/// new address, and the old one answers 404.</summary>
public static class ImageDownloads
{
    public static string LogoUrl(int organizationId, string logoKey) => $"/files/logos/{organizationId}/{Path.GetFileName(logoKey)}";

    public static string PhotoUrl(int personId, string photoKey) => $"/files/photos/{personId}/{Path.GetFileName(photoKey)}";

    public static void MapImageDownloads(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/files/logos/{id:int}/{name}", async (int id, string name, HttpContext http, HavenDbContext db, IFileStore files) =>
        {
            var logo = await db.Organizations.AsNoTracking().Where(o => o.Id == id)
                .Select(o => new { o.LogoKey, o.LogoContentType }).FirstOrDefaultAsync(http.RequestAborted);
            return Serve(http, files, SaveOrganization.LogoFolder, name, logo?.LogoKey, logo?.LogoContentType);
        });
        endpoints.MapGet("/files/photos/{id:int}/{name}", async (int id, string name, HttpContext http, HavenDbContext db, IFileStore files) =>
        {
            var photo = await db.People.AsNoTracking().Where(p => p.Id == id)
                .Select(p => new { p.PhotoKey, p.PhotoContentType }).FirstOrDefaultAsync(http.RequestAborted);
            return Serve(http, files, SavePerson.PhotoFolder, name, photo?.PhotoKey, photo?.PhotoContentType);
        });
    }

    private static IResult Serve(HttpContext http, IFileStore files, string folder, string name, string? key, string? contentType)
    {
        // Only the current image of that row, under exactly its key: never a path built from the request.
        if (key is null || key != $"{folder}/{name}" || !ImageRules.IsImageType(contentType)) return Results.NotFound();
        var stream = files.OpenRead(key);
        if (stream is null) return Results.NotFound();

        var headers = http.Response.Headers;
        headers[HeaderNames.ContentSecurityPolicy] = "default-src 'none'; sandbox";
        headers[HeaderNames.XContentTypeOptions] = "nosniff";
        headers[HeaderNames.CacheControl] = "public, max-age=31536000, immutable";
        return Results.Stream(stream, contentType, entityTag: new EntityTagHeaderValue($"\"{Path.GetFileNameWithoutExtension(name)}\""));
    }
}
