using Haven.Core.Shared;

namespace Haven.Core.Files;

/// <summary>An uploaded logo or photo, read into memory and checked against <see cref="ImageRules"/>, not yet stored.</summary>
public sealed class UploadedImage
{
    private UploadedImage(byte[] bytes, string contentType)
    {
        Bytes = bytes;
        ContentType = contentType;
    }

    public byte[] Bytes { get; }
    public string ContentType { get; }

    /// <summary>Reads at most one byte past the limit (enough to know a file is too large without reading all of
    /// it) and checks what was read.</summary>
    public static async Task<Outcome<UploadedImage>> ReadAsync(Stream content, string field, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while (buffer.Length <= ImageRules.MaxBytes && (read = await content.ReadAsync(chunk, cancellationToken)) > 0)
            buffer.Write(chunk, 0, read);
        var bytes = buffer.ToArray();
        var check = ImageRules.Check(bytes.Length, bytes.AsSpan(0, Math.Min(ImageRules.HeadLength, bytes.Length)), field);
        return check.Succeeded
            ? Outcome<UploadedImage>.Success(new UploadedImage(bytes, check.Value!))
            : Outcome<UploadedImage>.Failure(check.Problems);
    }

    /// <summary>Stores the image under a new key in <paramref name="folder"/> and returns the key.</summary>
    public async Task<string> StoreAsync(IFileStore files, string folder, CancellationToken cancellationToken)
    {
        var key = ImageRules.NewKey(folder, ContentType);
        using var stream = new MemoryStream(Bytes, writable: false);
        await files.SaveAsync(key, stream, cancellationToken);
        return key;
    }

    /// <summary>Deletes the file of an image the database no longer points at. The save has committed by then, so a
    /// file that cannot be deleted is left behind (unreachable, since its key is gone) rather than failing it.</summary>
    public static void DeleteReplaced(IFileStore files, string key)
    {
        try
        {
            files.Delete(key);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
