using NodaTime;

namespace Haven.Core.Resources;

/// <summary>A file attached to a resource; its text (for PDF and DOCX) is kept so that search finds words inside it.</summary>
public sealed class ResourceAttachment
{
    public int Id { get; set; }
    public int ResourceId { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long Length { get; set; }
    /// <summary>Where the file store keeps the bytes; never derived from the uploaded name.</summary>
    public required string StorageKey { get; set; }
    public required string Sha256 { get; set; }
    public string ExtractedText { get; set; } = "";
    public Instant UploadedAt { get; set; }
    public int Position { get; set; }
}
