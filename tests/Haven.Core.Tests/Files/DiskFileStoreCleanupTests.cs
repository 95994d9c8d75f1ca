using AwesomeAssertions;
using Haven.Core.Files;

namespace Haven.Core.Tests.Files;

public sealed class DiskFileStoreCleanupTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "haven-store-" + Guid.NewGuid().ToString("N"));

    private async Task<string> SaveAsync(DiskFileStore store, string key, TimeSpan age)
    {
        using var content = new MemoryStream([1, 2, 3]);
        await store.SaveAsync(key, content, CancellationToken.None);
        File.SetLastWriteTimeUtc(Path.Combine(_root, key), DateTime.UtcNow - age);
        return key;
    }

    [Fact]
    public async Task Only_files_of_the_folder_saved_before_the_cutoff_are_deleted()
    {
        var store = new DiskFileStore(_root);
        var old = await SaveAsync(store, "imports/old.csv", TimeSpan.FromDays(2));
        var fresh = await SaveAsync(store, "imports/fresh.csv", TimeSpan.FromHours(1));
        var elsewhere = await SaveAsync(store, "attachments/old.pdf", TimeSpan.FromDays(30));

        store.DeleteOlderThan("imports", DateTimeOffset.UtcNow - TimeSpan.FromDays(1)).Should().Be(1);

        store.OpenRead(old).Should().BeNull();
        using (var kept = store.OpenRead(fresh)) kept.Should().NotBeNull();
        using (var other = store.OpenRead(elsewhere)) other.Should().NotBeNull("other folders are not touched");
        store.DeleteOlderThan("nothing-here", DateTimeOffset.UtcNow).Should().Be(0);
    }

    [Fact]
    public void A_folder_outside_the_store_is_refused() =>
        new DiskFileStore(_root).Invoking(s => s.DeleteOlderThan("../etc", DateTimeOffset.UtcNow)).Should().Throw<ArgumentException>();

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }
}
