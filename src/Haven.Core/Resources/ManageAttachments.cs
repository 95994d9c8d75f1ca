using System.Globalization;
using System.Security.Cryptography;
using Haven.Core.Accounts;
using Haven.Core.Audit;
using Haven.Core.Data;
using Haven.Core.Files;
using Haven.Core.Search;
using Haven.Core.Shared;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Haven.Core.Resources;

/// <summary>Adds and removes a resource's files. The file is checked by its content, stored under a key Haven makes,
/// and its text extracted for search, all before the database row is written.</summary>
public sealed class ManageAttachments(HavenDbContext db, IFileStore files, AttachmentTextExtractor extractor, IClock clock, AuditLog audit)
{
    public async Task<Outcome<ResourceAttachment>> AddAsync(Actor actor, int resourceId, string fileName, Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var resource = await db.Resources.Include(r => r.Attachments).FirstOrDefaultAsync(r => r.Id == resourceId, cancellationToken);
        if (resource is null)
            return Outcome<ResourceAttachment>.Failure(new Problem("not_found", "This resource no longer exists."));
        if (!actor.CanEdit(resource))
        {
            await audit.WriteNowAsync(actor, AuditActions.ResourceEditRefused, "resource", Id(resource.Id), resource.OwnerOrganizationId,
                $"Refused a file upload to \u201c{resource.Title}\u201d", cancellationToken: cancellationToken);
            return Outcome<ResourceAttachment>.Failure(new Problem("forbidden", "Only editors of the organization this resource belongs to can change it."));
        }
        if (resource.Attachments.Count >= AttachmentRules.MaxPerResource)
            return Outcome<ResourceAttachment>.Failure(new Problem("too_many_attachments", "A resource can have at most {0} files.", "File", AttachmentRules.MaxPerResource));

        // Read into memory up to the limit (plus one byte to notice an oversized file) so the type check sees the real bytes.
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > AttachmentRules.MaxBytes) break;
        }
        var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        var check = AttachmentRules.Check(fileName, buffer.Length, bytes[..Math.Min(8, bytes.Length)]);
        if (!check.Succeeded)
            return Outcome<ResourceAttachment>.Failure(check.Problems);
        var contentType = check.Value!;

        buffer.Position = 0;
        var text = extractor.Extract(buffer, contentType);
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var key = $"attachments/{Guid.NewGuid():N}{(contentType == AttachmentRules.Pdf ? ".pdf" : ".docx")}";
        buffer.Position = 0;
        await files.SaveAsync(key, buffer, cancellationToken);

        var now = clock.GetCurrentInstant();
        var attachment = new ResourceAttachment
        {
            FileName = AttachmentRules.CleanFileName(fileName),
            ContentType = contentType,
            Length = buffer.Length,
            StorageKey = key,
            Sha256 = sha,
            ExtractedText = text,
            UploadedAt = now,
            Position = resource.Attachments.Count == 0 ? 0 : resource.Attachments.Max(a => a.Position) + 1,
        };
        resource.Attachments.Add(attachment);
        resource.UpdatedAt = now;
        db.SearchIndexChanges.Add(new SearchIndexChange { ResourceId = resource.Id, At = now });
        audit.Add(actor, AuditActions.AttachmentAdded, "resource", Id(resource.Id), resource.OwnerOrganizationId,
            $"Attached {attachment.FileName} to \u201c{resource.Title}\u201d", after: new { attachment.FileName, attachment.ContentType, attachment.Length, attachment.Sha256 });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            files.Delete(key);
            throw;
        }
        return Outcome<ResourceAttachment>.Success(attachment);
    }

    /// <summary>Removes a file; false when there is no such file on the resource or the actor may not change it.</summary>
    public async Task<bool> RemoveAsync(Actor actor, int resourceId, int attachmentId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var resource = await db.Resources.AsNoTracking().FirstOrDefaultAsync(r => r.Id == resourceId, cancellationToken);
        var attachment = await db.ResourceAttachments.FirstOrDefaultAsync(a => a.Id == attachmentId && a.ResourceId == resourceId, cancellationToken);
        if (resource is null || attachment is null) return false;
        if (!actor.CanEdit(resource))
        {
            await audit.WriteNowAsync(actor, AuditActions.ResourceEditRefused, "resource", Id(resource.Id), resource.OwnerOrganizationId,
                $"Refused removing {attachment.FileName} from \u201c{resource.Title}\u201d", cancellationToken: cancellationToken);
            return false;
        }
        db.ResourceAttachments.Remove(attachment);
        audit.Add(actor, AuditActions.AttachmentRemoved, "resource", Id(resource.Id), resource.OwnerOrganizationId,
            $"Removed {attachment.FileName} from \u201c{resource.Title}\u201d", before: new { attachment.FileName, attachment.ContentType, attachment.Length, attachment.Sha256 });
        db.SearchIndexChanges.Add(new SearchIndexChange { ResourceId = resourceId, At = clock.GetCurrentInstant() });
        await db.SaveChangesAsync(cancellationToken);
        // The row is gone; only now is it safe to drop the bytes.
        files.Delete(attachment.StorageKey);
        return true;
    }

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}
