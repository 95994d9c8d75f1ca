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

    /// <summary>The language and the texts (summary, body, attachments), decoded into one pooled buffer that
    /// <see cref="DecodedTexts.Dispose"/> returns; null for a value this code did not write.</summary>
    /// <remarks>The 20 hits' texts decoded as strings were most of what a search allocated (about 240 KB a page);
    /// snippets only ever need a few hundred characters of them.</remarks>
    public static DecodedTexts? Decode(BytesRef value)
    {
        var data = value.Bytes.AsSpan(value.Offset, value.Length);
        if (data.Length < HeaderLength || data[0] != FormatVersion)
        {
            return null;
        }

        var language = (ContentLanguage)data[1];
        var rawLength = BinaryPrimitives.ReadInt32LittleEndian(data[2..]);
        var raw = ArrayPool<byte>.Shared.Rent(Math.Max(1, rawLength));
        char[]? chars = null;
        try
        {
            if (LZ4Codec.Decode(data[HeaderLength..], raw.AsSpan(0, rawLength)) != rawLength)
            {
                return null;
            }

            // UTF-8 never takes fewer bytes than UTF-16 code units, so rawLength characters hold every text.
            chars = ArrayPool<char>.Shared.Rent(Math.Max(1, rawLength));
            var texts = new ReadOnlyMemory<char>[Parts];
            var position = 0;
            var written = 0;
            for (var i = 0; i < Parts; i++)
            {
                var length = BinaryPrimitives.ReadInt32LittleEndian(raw.AsSpan(position));
                position += 4;
                var count = Encoding.UTF8.GetChars(raw.AsSpan(position, length), chars.AsSpan(written));
                texts[i] = chars.AsMemory(written, count);
                written += count;
                position += length;
            }

            var decoded = new DecodedTexts(language, texts, chars);
            chars = null;
            return decoded;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(raw);
            if (chars is not null)
            {
                ArrayPool<char>.Shared.Return(chars);
            }
        }
    }

    /// <summary>Decoded texts borrowing a pooled buffer: use them only until disposed.</summary>
    public sealed class DecodedTexts(ContentLanguage language, ReadOnlyMemory<char>[] texts, char[] buffer) : IDisposable
    {
        private char[]? _buffer = buffer;

        public ContentLanguage Language { get; } = language;

        /// <summary>Summary, body and attachments, in that order.</summary>
        public ReadOnlyMemory<char>[] Texts { get; } = texts;

        public void Dispose()
        {
            if (_buffer is { } b)
            {
                _buffer = null;
                ArrayPool<char>.Shared.Return(b);
            }
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
