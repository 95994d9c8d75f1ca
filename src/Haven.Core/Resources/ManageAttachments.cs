using System.Security.Cryptography;
using Haven.Core.Data;
using Haven.Core.Files;
using Haven.Core.Search;
using Haven.Core.Shared;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Haven.Core.Resources;

/// <summary>Adds and removes a resource's files. The file is checked by its content, stored under a key Haven makes,
/// and its text extracted for search, all before the database row is written.</summary>
public sealed class ManageAttachments(HavenDbContext db, IFileStore files, AttachmentTextExtractor extractor, IClock clock)
{
    public async Task<Outcome<ResourceAttachment>> AddAsync(int resourceId, string fileName, Stream content, CancellationToken cancellationToken = default)
    {
        var resource = await db.Resources.Include(r => r.Attachments).FirstOrDefaultAsync(r => r.Id == resourceId, cancellationToken);
        if (resource is null)
            return Outcome<ResourceAttachment>.Failure(new Problem("not_found", "This resource no longer exists."));
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

    public async Task<bool> RemoveAsync(int resourceId, int attachmentId, CancellationToken cancellationToken = default)
    {
        var attachment = await db.ResourceAttachments.FirstOrDefaultAsync(a => a.Id == attachmentId && a.ResourceId == resourceId, cancellationToken);
        if (attachment is null) return false;
        db.ResourceAttachments.Remove(attachment);
        db.SearchIndexChanges.Add(new SearchIndexChange { ResourceId = resourceId, At = clock.GetCurrentInstant() });
        await db.SaveChangesAsync(cancellationToken);
        // The row is gone; only now is it safe to drop the bytes.
        files.Delete(attachment.StorageKey);
        return true;
    }
}
