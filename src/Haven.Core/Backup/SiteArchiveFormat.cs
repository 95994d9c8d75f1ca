using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;
using NodaTime.Text;

namespace Haven.Core.Backup;

/// <summary>The archive `haven export` writes: a zip holding <c>data/{table}.jsonl</c> (one JSON object per row,
/// columns by name, values in provider-neutral form), <c>files/{key}</c> (every stored file, byte for byte) and
/// <c>manifest.json</c> (written last: format, schema, counts and the SHA-256 of every other entry).</summary>
public static class SiteArchiveFormat
{
    public const int Version = 1;
    public const string ManifestEntry = "manifest.json";
    public const string DataFolder = "data/";
    public const string FilesFolder = "files/";

    /// <summary>How values are written: enums by name, instants and dates in ISO form, byte[] as base64.</summary>
    public static readonly JsonSerializerOptions Values = new()
    {
        Converters = { new JsonStringEnumConverter(), new InstantJson(), new LocalDateJson() },
    };

    internal static readonly JsonSerializerOptions ManifestJson = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>The name part of a migration id ("20260101120000_AddEvents" is "AddEvents"): the two providers'
    /// migrations share names, not timestamps.</summary>
    public static string MigrationName(string migrationId)
    {
        ArgumentNullException.ThrowIfNull(migrationId);
        var underscore = migrationId.IndexOf('_', StringComparison.Ordinal);
        return underscore >= 0 ? migrationId[(underscore + 1)..] : migrationId;
    }

    internal static string Hex(byte[] hash) => Convert.ToHexStringLower(hash);

    private sealed class InstantJson : JsonConverter<Instant>
    {
        public override Instant Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            InstantPattern.ExtendedIso.Parse(reader.GetString()!).GetValueOrThrow();
        public override void Write(Utf8JsonWriter writer, Instant value, JsonSerializerOptions options) =>
            writer.WriteStringValue(InstantPattern.ExtendedIso.Format(value));
    }

    private sealed class LocalDateJson : JsonConverter<LocalDate>
    {
        public override LocalDate Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            LocalDatePattern.Iso.Parse(reader.GetString()!).GetValueOrThrow();
        public override void Write(Utf8JsonWriter writer, LocalDate value, JsonSerializerOptions options) =>
            writer.WriteStringValue(LocalDatePattern.Iso.Format(value));
    }
}

/// <summary>What an archive holds, in manifest.json.</summary>
public sealed class SiteArchiveManifest
{
    public int FormatVersion { get; set; }
    /// <summary>The source database's latest applied migration id.</summary>
    public string SchemaMigration { get; set; } = "";
    public string SourceProvider { get; set; } = "";
    public string CreatedAt { get; set; } = "";
    /// <summary>Tables in insertion (foreign-key) order.</summary>
    public List<SiteArchiveTable> Tables { get; set; } = [];
    public List<SiteArchiveEntry> Entries { get; set; } = [];
}

public sealed class SiteArchiveTable
{
    public string Name { get; set; } = "";
    public string? Schema { get; set; }
    public List<string> EntityTypes { get; set; } = [];
    public List<string> Columns { get; set; } = [];
    public long Rows { get; set; }
    public string Entry { get; set; } = "";
}

public sealed class SiteArchiveEntry
{
    public string Name { get; set; } = "";
    public long Length { get; set; }
    public string Sha256 { get; set; } = "";
}

/// <summary>A write-only stream that hashes and counts what passes through to <paramref name="inner"/>.</summary>
internal sealed class HashingStream(Stream inner) : Stream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    public long Written { get; private set; }
    public string Sha256() => SiteArchiveFormat.Hex(_hash.GetHashAndReset());

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        _hash.AppendData(buffer);
        Written += buffer.Length;
        inner.Write(buffer);
    }
    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        _hash.AppendData(buffer.Span);
        Written += buffer.Length;
        await inner.WriteAsync(buffer, cancellationToken);
    }
    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    public override void Flush() => inner.Flush();
    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => Written;
    public override long Position { get => Written; set => throw new NotSupportedException(); }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    protected override void Dispose(bool disposing)
    {
        if (disposing) _hash.Dispose();
        base.Dispose(disposing);
    }
}
