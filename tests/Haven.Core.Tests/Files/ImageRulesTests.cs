using AwesomeAssertions;
using Haven.Core.Files;

namespace Haven.Core.Tests.Files;

public sealed class ImageRulesTests
{
    private static readonly byte[] PngHead = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];
    private static readonly byte[] JpegHead = [0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 0x4A, 0x46, 0x49, 0x46, 0, 1];
    private static readonly byte[] WebPHead = "RIFF\u001a\0\0\0WEBP"u8.ToArray();

    [Fact]
    public void Png_jpeg_and_webp_are_recognised_by_their_first_bytes()
    {
        ImageRules.Check(1000, PngHead, "Logo").Value.Should().Be(ImageRules.Png);
        ImageRules.Check(1000, JpegHead, "Logo").Value.Should().Be(ImageRules.Jpeg);
        ImageRules.Check(1000, WebPHead, "Logo").Value.Should().Be(ImageRules.WebP);
    }

    [Theory]
    [InlineData("GIF89a\u0001\0\u0001\0\u0080\0")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\">")]
    [InlineData("<?xml version=\"1.0\"?><svg>")]
    [InlineData("<html><script>alert(1)</script>")]
    [InlineData("%PDF-1.7 and more")]
    [InlineData("RIFF\u0010\0\0\0WAVEfmt ")]
    [InlineData("BM\u0036\0\0\0\0\0\0\0\u0036\0")]
    [InlineData("\u0089PNG")]
    public void Anything_else_is_refused(string head)
    {
        var outcome = ImageRules.Check(100, System.Text.Encoding.Latin1.GetBytes(head), "Logo");
        outcome.Succeeded.Should().BeFalse();
        outcome.Problems.Single().Code.Should().Be("image_type");
        outcome.Problems.Single().Field.Should().Be("Logo");
    }

    [Fact]
    public void One_megabyte_is_the_most_an_image_may_weigh()
    {
        ImageRules.Check(ImageRules.MaxBytes, PngHead, "Photo").Succeeded.Should().BeTrue();
        var tooLarge = ImageRules.Check(ImageRules.MaxBytes + 1, PngHead, "Photo");
        tooLarge.Problems.Single().Code.Should().Be("image_too_large");
        tooLarge.Problems.Single().Field.Should().Be("Photo");
    }

    [Fact]
    public void A_large_file_of_the_wrong_type_hears_about_both()
    {
        ImageRules.Check(5 * ImageRules.MaxBytes, "GIF89a"u8, "Logo").Problems.Select(p => p.Code).Should().Equal("image_type", "image_too_large");
    }

    [Fact]
    public void An_empty_file_is_refused()
    {
        ImageRules.Check(0, [], "Logo").Problems.Single().Code.Should().Be("image_empty");
    }

    [Fact]
    public void Every_stored_image_gets_a_new_key_in_its_folder()
    {
        var first = ImageRules.NewKey("logos", ImageRules.Png);
        var second = ImageRules.NewKey("logos", ImageRules.Png);
        first.Should().MatchRegex("^logos/[0-9a-f]{32}\\.png$");
        second.Should().NotBe(first);
        ImageRules.NewKey("photos", ImageRules.Jpeg).Should().EndWith(".jpg");
        ImageRules.NewKey("photos", ImageRules.WebP).Should().EndWith(".webp");
    }

    [Fact]
    public async Task An_upload_is_read_only_just_past_the_limit()
    {
        using var endless = new RepeatingStream(PngHead);
        var outcome = await UploadedImage.ReadAsync(endless, "Logo", CancellationToken.None);
        outcome.Problems.Single().Code.Should().Be("image_too_large");
        endless.Position.Should().BeLessThan(ImageRules.MaxBytes + 100_000);
    }

    [Fact]
    public async Task A_stored_image_keeps_its_bytes_and_checked_type()
    {
        var bytes = PngHead.Concat(new byte[500]).ToArray();
        var outcome = await UploadedImage.ReadAsync(new MemoryStream(bytes), "Logo", CancellationToken.None);
        var store = new DiskFileStore(Path.Combine(Path.GetTempPath(), "haven-tests", Guid.NewGuid().ToString("N")));
        try
        {
            var key = await outcome.Value!.StoreAsync(store, "logos", CancellationToken.None);
            outcome.Value.ContentType.Should().Be(ImageRules.Png);
            using var stored = new MemoryStream();
            await using (var read = store.OpenRead(key)!) await read.CopyToAsync(stored);
            stored.ToArray().Should().Equal(bytes);
        }
        finally
        {
            Directory.Delete(store.Root, recursive: true);
        }
    }

    /// <summary>A stream that never ends: its first bytes are an image signature, then zeros.</summary>
    private sealed class RepeatingStream(byte[] head) : Stream
    {
        private long _position;
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _position; set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count)
        {
            for (var i = 0; i < count; i++)
                buffer[offset + i] = _position + i < head.Length ? head[_position + i] : (byte)0;
            _position += count;
            return count;
        }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
