using Haven.Core.Shared;

namespace Haven.Core.Resources;

/// <summary>What may be attached to a resource. The type is judged from the file's first bytes, not from its
/// name or the browser's claim, and the file is then served with the type Haven decided.</summary>
public static class AttachmentRules
{
    public const long MaxBytes = 25 * 1024 * 1024;
    public const int MaxPerResource = 20;

    public const string Pdf = "application/pdf";
    public const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    /// <summary>Decides the content type from the name's extension and the file's signature, or explains why not.</summary>
    public static Outcome<string> Check(string fileName, long length, ReadOnlySpan<byte> head)
    {
        if (length <= 0)
            return Outcome<string>.Failure(new Problem("attachment_empty", "The file is empty.", "File"));
        if (length > MaxBytes)
            return Outcome<string>.Failure(new Problem("attachment_too_large", "The file is larger than {0} MB.", "File", MaxBytes / (1024 * 1024)));
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        if (extension == ".pdf" && head.StartsWith("%PDF-"u8))
            return Outcome<string>.Success(Pdf);
        // A DOCX is a ZIP archive.
        if (extension == ".docx" && head.StartsWith("PK\u0003\u0004"u8))
            return Outcome<string>.Success(Docx);
        return Outcome<string>.Failure(new Problem("attachment_type", "Only PDF and Word (.docx) files can be attached.", "File"));
    }

    /// <summary>A file name safe to offer in a download header: no path, no control characters, a sane length.</summary>
    public static string CleanFileName(string fileName)
    {
        var name = Path.GetFileName(fileName.Replace('\\', '/'));
        var cleaned = new string(name.Where(c => !char.IsControl(c) && c is not ('"' or '/' or ':' or '*' or '?' or '<' or '>' or '|')).ToArray()).Trim();
        if (cleaned.Length > 120)
            cleaned = cleaned[..(120 - Path.GetExtension(cleaned).Length)] + Path.GetExtension(cleaned);
        return cleaned.Length == 0 ? "attachment" : cleaned;
    }
}
