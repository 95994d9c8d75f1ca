using AwesomeAssertions;
using Haven.Core.Data;
using Haven.Core.Search;
using Haven.Core.Text;
using Haven.Search;
using Haven.TestSupport;
using Lucene.Net.Store;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;

namespace Haven.Web.Tests.Resources;

/// <summary>The follower asks the database for its newest change only when the commit watch says something may have
/// been committed; a watch that cannot tell means it always asks. A follower of its own, with its own index, on the
/// site's database.</summary>
public sealed class SearchIndexFollowerWatchTests(SqliteSite site) : IClassFixture<SqliteSite>
{
    private sealed class SettableWatch : ICommitWatch
    {
        public long? Value { get; set; }
        public long? Read() => Value;
    }

    [Fact]
    public async Task While_the_watch_reads_the_same_the_database_is_not_asked_and_once_it_moves_the_change_is_applied()
    {
        var watch = new SettableWatch { Value = 1 };
        using var directory = new RAMDirectory();
        using var index = new LuceneResourceIndex(directory);
        var follower = Follower(index, watch);
        var t = await site.CreateTaxonomyAsync();
        await site.SaveResourceAsync(t.Resource($"Already there {t.Some.Token}"));

        // The first catch-up always asks: nothing has been seen yet.
        var before = await CatchUpAsync(follower);
        before.Should().BeGreaterThan(0);
        index.AppliedThrough.Should().Be(before);
        Found(index, t.Some.Token).Should().HaveCount(1);

        var resource = await site.SaveResourceAsync(t.Resource($"Watched {t.Some.Token}"));
        (await CatchUpAsync(follower)).Should().Be(before, "the watch still reads 1, so nothing was asked");
        Found(index, t.Some.Token).Should().HaveCount(1, "the second resource is not applied");

        watch.Value = 2;
        var after = await CatchUpAsync(follower);
        after.Should().BeGreaterThan(before);
        Found(index, t.Some.Token).Should().Contain(resource.Id).And.HaveCount(2);
        (await CatchUpAsync(follower)).Should().Be(after);
    }

    [Fact]
    public async Task A_watch_that_cannot_tell_leaves_every_catch_up_asking_the_database()
    {
        var watch = new SettableWatch { Value = null };
        using var directory = new RAMDirectory();
        using var index = new LuceneResourceIndex(directory);
        var follower = Follower(index, watch);
        var t = await site.CreateTaxonomyAsync();
        await CatchUpAsync(follower);

        var resource = await site.SaveResourceAsync(t.Resource($"Unwatched {t.Some.Token}"));
        await CatchUpAsync(follower);
        Found(index, t.Some.Token).Should().Equal(resource.Id);
    }

    [Fact]
    public async Task The_site_on_sqlite_finds_what_another_connection_just_committed()
    {
        // The real watch: a save commits on the site's pooled connections, never the watch's own.
        site.Services.GetRequiredService<ICommitWatch>().Should().BeOfType<Haven.Data.Sqlite.SqliteCommitWatch>();
        var t = await site.CreateTaxonomyAsync();
        var client = site.CreateClient();
        (await client.GetDocumentAsync($"/resources?q={t.Some.Token}")).ResultCount().Should().Be(0);
        await site.SaveResourceAsync(t.Resource($"Just committed {t.Some.Token}"));
        (await client.GetDocumentAsync($"/resources?q={t.Some.Token}")).ResultTitles().Should().Equal($"Just committed {t.Some.Token}");
    }

    private SearchIndexFollower Follower(LuceneResourceIndex index, ICommitWatch watch) =>
        new(site.Services.GetRequiredService<IServiceScopeFactory>(), index, site.Services.GetRequiredService<MarkdownRenderer>(),
            SystemClock.Instance, watch, NullLogger<SearchIndexFollower>.Instance);

    private async Task<long> CatchUpAsync(SearchIndexFollower follower)
    {
        await using var scope = site.Scope();
        return await follower.CatchUpAsync(scope.ServiceProvider.GetRequiredService<HavenDbContext>(), TestContext.Current.CancellationToken);
    }

    private static IEnumerable<int> Found(LuceneResourceIndex index, string word) =>
        index.Search(new ResourceQuery { Text = word }).Hits.Select(h => h.ResourceId);
}
