using AwesomeAssertions;
using Haven.Core.Files;

namespace Haven.Core.Tests.Files;

public sealed class DiskFileStoreTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "haven-files-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task A_saved_file_reads_back_and_can_be_deleted()
    {
        var store = new DiskFileStore(_root);
        await store.SaveAsync("attachments/a.pdf", new MemoryStream([1, 2, 3]), TestContext.Current.CancellationToken);
        using (var read = store.OpenRead("attachments/a.pdf"))
        {
            using var copy = new MemoryStream();
            await read!.CopyToAsync(copy, TestContext.Current.CancellationToken);
            copy.ToArray().Should().Equal(1, 2, 3);
        }
        store.Delete("attachments/a.pdf");
        store.OpenRead("attachments/a.pdf").Should().BeNull();
    }

    [Theory]
    [InlineData("../outside.pdf")]
    [InlineData("/etc/passwd")]
    [InlineData("attachments/../../x")]
    [InlineData("a\\b")]
    public void Keys_that_leave_the_folder_are_refused(string key)
    {
        var store = new DiskFileStore(_root);
        var open = () => store.OpenRead(key);
        open.Should().Throw<ArgumentException>();
    }

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }
}
