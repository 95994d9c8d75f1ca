using Haven.Core.Data;
using Haven.Core.Files;
using Haven.Core.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using NodaTime;

namespace Haven.Web.Files;

/// <summary>Serves attachments of public resources (and of any resource to administrators) with the content type
/// Haven decided at upload, as a download-safe response that cannot run in the site's origin.</summary>
public static class AttachmentDownloads
{
    public static void MapAttachmentDownloads(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/files/{id:int}/{name}", async (int id, string name, HttpContext http, HavenDbContext db, IFileStore files, IClock clock) =>
        {
            var now = clock.GetCurrentInstant();
            var attachment = await db.ResourceAttachments.AsNoTracking()
                .Where(a => a.Id == id)
                .Join(db.Resources, a => a.ResourceId, r => r.Id, (a, r) => new { a.FileName, a.ContentType, a.StorageKey, a.Sha256, r.Status, r.PublishAt })
                .FirstOrDefaultAsync();
            if (attachment is null) return Results.NotFound();
            var isPublic = attachment.Status == ResourceStatus.Published || (attachment.Status == ResourceStatus.Scheduled && attachment.PublishAt <= now);
            if (!isPublic && !http.User.IsInRole(Core.Accounts.Roles.Administrator)) return Results.NotFound();
            var stream = files.OpenRead(attachment.StorageKey);
            if (stream is null) return Results.NotFound();

            var headers = http.Response.Headers;
            // The file's own scripts (PDF forms, embedded HTML) must never run with the site's cookies.
            headers[HeaderNames.ContentSecurityPolicy] = "default-src 'none'; sandbox";
            headers[HeaderNames.XContentTypeOptions] = "nosniff";
            headers[HeaderNames.CacheControl] = isPublic ? "public, max-age=3600" : "private, no-store";
            // PDFs open in the browser's viewer; Word files download.
            var disposition = new ContentDispositionHeaderValue(attachment.ContentType == AttachmentRules.Pdf ? "inline" : "attachment");
            disposition.SetHttpFileName(attachment.FileName);
            headers[HeaderNames.ContentDisposition] = disposition.ToString();
            return Results.Stream(stream, attachment.ContentType,
                entityTag: new EntityTagHeaderValue($"\"{attachment.Sha256}\""), enableRangeProcessing: true);
        });
}
