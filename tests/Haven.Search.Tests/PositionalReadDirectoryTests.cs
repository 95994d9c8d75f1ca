using Lucene.Net.Store;

namespace Haven.Search.Tests;

public sealed class PositionalReadDirectoryTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "haven-pread-tests-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (System.IO.Directory.Exists(_folder))
        {
            System.IO.Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public void Inputs_clones_and_slices_read_what_was_written_at_any_position()
    {
        var bytes = new byte[10_000];
        new Random(7).NextBytes(bytes);
        using var directory = new PositionalReadDirectory(_folder);
        using (var output = directory.CreateOutput("data", IOContext.DEFAULT))
        {
            output.WriteBytes(bytes, bytes.Length);
        }

        using var input = directory.OpenInput("data", IOContext.DEFAULT);
        input.Length.Should().Be(bytes.Length);
        input.Seek(5_000);
        input.ReadByte().Should().Be(bytes[5_000]);

        var clone = (IndexInput)input.Clone();
        clone.Seek(9_990);
        var tail = new byte[10];
        clone.ReadBytes(tail, 0, 10);
        tail.Should().Equal(bytes[9_990..]);
        input.ReadByte().Should().Be(bytes[5_001], "a clone reads at its own position");

        var all = new byte[bytes.Length];
        input.Seek(0);
        input.ReadBytes(all, 0, all.Length);
        all.Should().Equal(bytes);
        FluentActions.Invoking(() => input.ReadByte()).Should().Throw<EndOfStreamException>();

        using var slicer = directory.CreateSlicer("data", IOContext.DEFAULT);
        using var slice = slicer.OpenSlice("part", 2_000, 3_000);
        slice.Length.Should().Be(3_000);
        slice.Seek(2_999);
        slice.ReadByte().Should().Be(bytes[4_999]);
        FluentActions.Invoking(() => slice.ReadByte()).Should().Throw<EndOfStreamException>();
    }

    [Fact]
    public void An_index_on_disk_is_searched_and_reopened_through_it()
    {
        using (var index = LuceneResourceIndex.OpenAt(_folder))
        {
            index.Apply([Some.Resource(1, body: "bond hearing"), Some.Resource(2, body: "parole board")], [], 3);
            index.Search(new() { Text = "parole" }).Hits.Select(h => h.ResourceId).Should().Equal(2);
        }

        using var reopened = LuceneResourceIndex.OpenAt(_folder);
        reopened.AppliedThrough.Should().Be(3);
        reopened.Search(new() { Text = "bond" }).Hits.Select(h => h.ResourceId).Should().Equal(1);
    }
}
