using Haven.Core.Shared;

namespace Haven.Core.Files;

/// <summary>What may be a logo or a photo: PNG, JPEG or WebP of at most 1 MB. The type is judged from the file's
/// first bytes, never from its name or the browser's claim, and the image is later served with that type.
/// SVG is refused on purpose: it is a document that can carry scripts.</summary>
public static class ImageRules
{
    public const long MaxBytes = 1024 * 1024;

    public const string Png = "image/png";
    public const string Jpeg = "image/jpeg";
    public const string WebP = "image/webp";

    /// <summary>How many leading bytes <see cref="Check"/> needs to see (a WebP's signature ends at byte 12).</summary>
    public const int HeadLength = 12;

    /// <summary>Decides the content type from the file's signature and checks its size, or explains why not.</summary>
    /// <param name="field">The form field the problems belong to ("Logo", "Photo").</param>
    public static Outcome<string> Check(long length, ReadOnlySpan<byte> head, string field)
    {
        if (length <= 0)
            return Outcome<string>.Failure(new Problem("image_empty", "The image file is empty.", field));
        var problems = new List<Problem>();
        var type = TypeOf(head);
        if (type is null)
            problems.Add(new Problem("image_type", "Only PNG, JPEG and WebP images can be used.", field));
        if (length > MaxBytes)
            problems.Add(new Problem("image_too_large", "The image is larger than {0} MB: make it smaller and upload it again.", field, MaxBytes / (1024 * 1024)));
        return problems.Count > 0 ? Outcome<string>.Failure(problems) : Outcome<string>.Success(type!);
    }

    /// <summary>The image type the bytes start with, or null for anything else.</summary>
    public static string? TypeOf(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]))
            return Png;
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
            return Jpeg;
        // RIFF, four bytes of length, then WEBP.
        if (head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8))
            return WebP;
        return null;
    }

    /// <summary>True for the types Haven stores images as; anything else found in the database is not served.</summary>
    public static bool IsImageType(string? contentType) => contentType is Png or Jpeg or WebP;

    /// <summary>A new storage key in <paramref name="folder"/>: a fresh name for every upload, so a key never
    /// changes meaning and its URL can be cached for good.</summary>
    public static string NewKey(string folder, string contentType) =>
        $"{folder}/{Guid.NewGuid():N}{contentType switch { Png => ".png", Jpeg => ".jpg", WebP => ".webp", _ => throw new ArgumentOutOfRangeException(nameof(contentType), contentType, "Not an image type Haven stores.") }}";
}
