using System.Buffers.Binary;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Haven.TestSupport;

/// <summary>A file to post in a multipart form: the part name, the name the browser gives, its claimed type and bytes.</summary>
public sealed record UploadedFile(string Field, string FileName, string ContentType, byte[] Bytes);

/// <summary>Posts forms with files the way a browser does: multipart, with the antiforgery token of the form page.</summary>
public static class Uploads
{
    public static async Task<HttpResponseMessage> PostMultipartFormAsync(this HttpClient client, string formPage, string action,
        IEnumerable<KeyValuePair<string, string>> fields, params UploadedFile[] files)
    {
        var page = await client.GetStringAsync(formPage);
        var token = TestAccounts.AntiforgeryToken().Match(page);
        if (!token.Success) throw new InvalidOperationException($"No antiforgery token on {formPage}");
        var content = new MultipartFormDataContent
        {
            { new StringContent(WebUtility.HtmlDecode(token.Groups[1].Value)), "__RequestVerificationToken" },
        };
        foreach (var (name, value) in fields) content.Add(new StringContent(value), name);
        foreach (var file in files)
        {
            var part = new ByteArrayContent(file.Bytes);
            part.Headers.ContentType = new MediaTypeHeaderValue(file.ContentType);
            content.Add(part, file.Field, file.FileName);
        }
        return await client.PostAsync(action, content);
    }
}

/// <summary>Images made in code: real, decodable PNGs of any size, and small files of the types Haven refuses.</summary>
public static class TestImages
{
    /// <summary>A valid PNG (8-bit RGB) of one colour.</summary>
    public static byte[] Png(int width = 2, int height = 2, byte red = 200, byte green = 40, byte blue = 90)
    {
        var raw = new byte[height * (1 + width * 3)];
        for (var y = 0; y < height; y++)
        {
            var row = y * (1 + width * 3);
            raw[row] = 0; // filter: none
            for (var x = 0; x < width; x++)
            {
                raw[row + 1 + x * 3] = red;
                raw[row + 2 + x * 3] = green;
                raw[row + 3 + x * 3] = blue;
            }
        }
        using var compressed = new MemoryStream();
        // Stored, not deflated, so the size of the file follows the size of the picture.
        using (var zlib = new ZLibStream(compressed, CompressionLevel.NoCompression, leaveOpen: true))
            zlib.Write(raw);

        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 2; // colour type: RGB
        WriteChunk(png, "IHDR", header);
        WriteChunk(png, "IDAT", compressed.ToArray());
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>A real PNG of about 1.1 MB (620 × 620 pixels, stored uncompressed): over the 1 MB limit.</summary>
    public static byte[] LargePng() => Png(620, 620);

    /// <summary>A 1 × 1 lossless WebP.</summary>
    public static byte[] WebP() => Convert.FromBase64String("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==");

    /// <summary>A 1 × 1 GIF: a real image, of a type Haven does not take.</summary>
    public static byte[] Gif() =>
    [
        0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00, 0xFF, 0xFF, 0xFF, 0x00, 0x00, 0x00,
        0x21, 0xF9, 0x04, 0x01, 0x00, 0x00, 0x00, 0x00, 0x2C, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x02,
        0x02, 0x44, 0x01, 0x00, 0x3B,
    ];

    /// <summary>An SVG with a script in it: the reason SVG is refused.</summary>
    public static byte[] Svg() =>
        Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><script>alert(document.cookie)</script><rect width=\"10\" height=\"10\"/></svg>");

    /// <summary>A text file, for naming "logo.png".</summary>
    public static byte[] Text() => Encoding.UTF8.GetBytes("<html><script>alert(document.cookie)</script></html>");

    private static void WriteChunk(Stream png, string type, byte[] data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        png.Write(number);
        var typeAndData = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typeAndData);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc32(typeAndData));
        png.Write(number);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }
}
