using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using K4os.Compression.LZ4;
using Lucene.Net.Util;

namespace Haven.Search;

/// <summary>The text snippets are cut from (summary, body, attachments) and the language to re-analyze it with,
/// stored per document as one LZ4-compressed binary doc value.</summary>
/// <remarks>Doc values are read with random access and no block decompression, whereas Lucene.NET's stored fields
/// decompress a whole 16 KB LZ4 chunk per document (about 0.15 ms, most of a page's snippet time). Doc values hold at
/// most 32,766 bytes, so long texts are cut (snippets only ever look at the first
/// <see cref="Snippets.MaxAnalyzedChars"/> characters anyway). LZ4 (high-compression level) rather than Brotli:
/// decompressing the 20 hits' texts with Brotli was a sixth of a common word's search (a profile of the engine alone),
/// and LZ4 decompresses several times faster; it compresses less, so very long texts are cut sooner.</remarks>
internal static class SnippetSource
{
    public const int Parts = 3;

    private const byte FormatVersion = 2;
    private const int HeaderLength = 6;
    private const int MaxValueLength = 32_000;

    public static BytesRef Encode(ContentLanguage language, string? summary, string? body, string? attachments)
    {
        string[] texts = [Cut(summary, Snippets.MaxAnalyzedChars), Cut(body, Snippets.MaxAnalyzedChars), Cut(attachments, Snippets.MaxAnalyzedChars)];
        while (true)
        {
            var encoded = TryEncode(language, texts);
            if (encoded is not null)
            {
                return new BytesRef(encoded);
            }

            // Too long even compressed: shorten the longest text and try again.
            var longest = Enumerable.Range(0, Parts).MaxBy(i => texts[i].Length);
            texts[longest] = Cut(texts[longest], texts[longest].Length / 2);
        }
    }

    /// <summary>The language and the texts (summary, body, attachments); null for a value
    /// this code did not write.</summary>
    public static (ContentLanguage Language, string[] Texts)? Decode(BytesRef value)
    {
        var data = value.Bytes.AsSpan(value.Offset, value.Length);
        if (data.Length < HeaderLength || data[0] != FormatVersion)
        {
            return null;
        }

        var language = (ContentLanguage)data[1];
        var rawLength = BinaryPrimitives.ReadInt32LittleEndian(data[2..]);
        var raw = ArrayPool<byte>.Shared.Rent(Math.Max(1, rawLength));
        try
        {
            if (LZ4Codec.Decode(data[HeaderLength..], raw.AsSpan(0, rawLength)) != rawLength)
            {
                return null;
            }

            var texts = new string[Parts];
            var position = 0;
            for (var i = 0; i < Parts; i++)
            {
                var length = BinaryPrimitives.ReadInt32LittleEndian(raw.AsSpan(position));
                position += 4;
                texts[i] = Encoding.UTF8.GetString(raw, position, length);
                position += length;
            }

            return (language, texts);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(raw);
        }
    }

    private static byte[]? TryEncode(ContentLanguage language, string[] texts)
    {
        var rawLength = texts.Sum(t => 4 + Encoding.UTF8.GetByteCount(t));
        var raw = ArrayPool<byte>.Shared.Rent(rawLength);
        var compressed = ArrayPool<byte>.Shared.Rent(HeaderLength + LZ4Codec.MaximumOutputSize(rawLength));
        try
        {
            var position = 0;
            foreach (var text in texts)
            {
                var length = Encoding.UTF8.GetBytes(text, raw.AsSpan(position + 4));
                BinaryPrimitives.WriteInt32LittleEndian(raw.AsSpan(position), length);
                position += 4 + length;
            }

            var written = LZ4Codec.Encode(raw.AsSpan(0, rawLength), compressed.AsSpan(HeaderLength), LZ4Level.L09_HC);
            if (written < 0 || HeaderLength + written > MaxValueLength)
            {
                return null;
            }

            compressed[0] = FormatVersion;
            compressed[1] = (byte)language;
            BinaryPrimitives.WriteInt32LittleEndian(compressed.AsSpan(2), rawLength);
            return compressed.AsSpan(0, HeaderLength + written).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(raw);
            ArrayPool<byte>.Shared.Return(compressed);
        }
    }

    private static string Cut(string? text, int maxLength)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        if (text.Length <= maxLength)
        {
            return text;
        }

        if (maxLength > 0 && char.IsHighSurrogate(text[maxLength - 1]))
        {
            maxLength--;
        }

        return text[..maxLength];
    }
}
