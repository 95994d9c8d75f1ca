namespace Haven.Search.Tests;

public sealed class IndexMaintenanceTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "haven-search-tests-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public void A_new_index_is_empty_and_has_applied_nothing()
    {
        using var index = new TestIndex();

        index.Index.AppliedThrough.Should().Be(0);
        index.Search(null).Total.Should().Be(0);
        index.Search("anything").Hits.Should().BeEmpty();
    }

    [Fact]
    public void Apply_replaces_documents_by_id_and_is_visible_at_once()
    {
        using var index = new TestIndex(Some.Resource(1, body: "bond").With(ResourceFacet.Type, "toolkit"));

        index.Index.Apply([Some.Resource(1, body: "parole").With(ResourceFacet.Type, "report")], [], 7);

        index.Ids("bond").Should().BeEmpty();
        index.Ids("parole").Should().Equal(1);
        index.Search(null).Facets[ResourceFacet.Type].Should().Equal(new FacetCount("report", 1, false));
        index.Index.AppliedThrough.Should().Be(7);
    }

    [Fact]
    public void Apply_deletes_documents_and_ignores_unknown_ids()
    {
        using var index = new TestIndex(Some.Resource(1, body: "bond"), Some.Resource(2, body: "bond"));

        index.Index.Apply([], [2, 999], 3);

        index.Ids("bond").Should().Equal(1);
    }

    [Fact]
    public void Clear_empties_the_index_and_resets_applied_through()
    {
        using var index = new TestIndex(Some.Resource(1, body: "bond"), Some.Resource(2, body: "bond"));

        index.Index.Clear();

        index.Index.AppliedThrough.Should().Be(0);
        index.Search(null).Total.Should().Be(0);
        index.Add(Some.Resource(3, body: "bond"));
        index.Ids("bond").Should().Equal(3);
    }

    [Fact]
    public void Documents_and_applied_through_survive_reopening_the_folder()
    {
        using (var index = LuceneResourceIndex.OpenAt(_folder))
        {
            index.AppliedThrough.Should().Be(0);
            index.Apply([Some.Resource(1, body: "detainer"), Some.Resource(2, body: "bond")], [], 41);
            index.Apply([], [2], 42);
            index.Apply([], [], 43);
        }

        using (var reopened = LuceneResourceIndex.OpenAt(_folder))
        {
            reopened.AppliedThrough.Should().Be(43);
            reopened.Search(new ResourceQuery { Text = "detainers" }).Hits.Select(h => h.ResourceId).Should().Equal(1);
            reopened.Search(new ResourceQuery()).Total.Should().Be(1);
            reopened.Clear();
        }

        using var cleared = LuceneResourceIndex.OpenAt(_folder);
        cleared.AppliedThrough.Should().Be(0);
        cleared.Search(new ResourceQuery()).Total.Should().Be(0);
    }

    [Fact]
    public void An_index_of_an_older_layout_is_emptied_on_opening_so_it_gets_rebuilt()
    {
        // What the first version of the engine wrote: per-part fields and no layout version in the commit data.
        using (var directory = Lucene.Net.Store.FSDirectory.Open(_folder))
        using (var analyzer = new Lucene.Net.Analysis.Standard.StandardAnalyzer(Lucene.Net.Util.LuceneVersion.LUCENE_48))
        using (var writer = new Lucene.Net.Index.IndexWriter(directory,
                   new Lucene.Net.Index.IndexWriterConfig(Lucene.Net.Util.LuceneVersion.LUCENE_48, analyzer)))
        {
            writer.AddDocument(new Lucene.Net.Documents.Document
            {
                new Lucene.Net.Documents.StringField("id", "1", Lucene.Net.Documents.Field.Store.YES),
                new Lucene.Net.Documents.TextField("body_en", "detainer", Lucene.Net.Documents.Field.Store.NO),
            });
            writer.SetCommitData(new Dictionary<string, string> { ["appliedThrough"] = "41" });
            writer.Commit();
        }

        using (var index = LuceneResourceIndex.OpenAt(_folder))
        {
            index.AppliedThrough.Should().Be(0);
            index.Count.Should().Be(0);
            index.Apply([Some.Resource(2, body: "detainer")], [], 42);
        }

        using var reopened = LuceneResourceIndex.OpenAt(_folder);
        reopened.AppliedThrough.Should().Be(42);
        reopened.Search(new ResourceQuery { Text = "detainer" }).Hits.Select(h => h.ResourceId).Should().Equal(2);
    }

    [Fact]
    public void Many_small_applies_across_segments_keep_counts_right()
    {
        using var index = new TestIndex();
        for (var i = 1; i <= 60; i++)
        {
            index.Add(Some.Resource(i, body: "bond").With(ResourceFacet.Topic, i % 3 == 0 ? "three" : "other"));
        }

        index.Delete(3, 6, 7);

        var result = index.Run(new ResourceQuery { Text = "bond", Filters = Filters.Of((ResourceFacet.Topic, ["three"])), PageSize = 100 });
        result.Total.Should().Be(18);
        result.Facets[ResourceFacet.Topic].Should().Equal(new FacetCount("other", 39, false), new FacetCount("three", 18, true));
        index.Index.AppliedThrough.Should().Be(61);
    }

    [Fact]
    public async Task Searches_run_concurrently_with_applies()
    {
        using var index = new TestIndex(Enumerable.Range(1, 50).Select(i => Some.Resource(i, body: "bond")).ToArray());
        using var stop = new CancellationTokenSource();
        var failures = 0;

        var searchers = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                var result = index.Search("bond");
                if (result.Total < 50 || result.Hits.Count != Math.Min(result.Total, 100))
                {
                    Interlocked.Increment(ref failures);
                }
            }
        })).ToArray();

        for (var i = 51; i <= 80; i++)
        {
            index.Add(Some.Resource(i, body: "bond"));
            index.Search("bond").Total.Should().Be(i);
        }

        await stop.CancelAsync();
        await Task.WhenAll(searchers);
        failures.Should().Be(0);
    }

    [Fact]
    public void Each_upsert_on_disk_is_searchable_as_soon_as_apply_returns()
    {
        // Speed of this path is measured in bench/Haven.Bench.Search, not asserted here.
        using var index = LuceneResourceIndex.OpenAt(_folder);
        index.Apply(Enumerable.Range(1, 500).Select(i => Some.Resource(i, body: "bond hearing " + i)).ToArray(), [], 1);
        for (var i = 0; i < 10; i++)
        {
            index.Apply([Some.Resource(1000 + i, body: "parole")], [], 10 + i);
            index.Search(new ResourceQuery { Text = "parole" }).Total.Should().Be(i + 1);
            index.AppliedThrough.Should().Be(10 + i);
        }
    }

    [Fact]
    public void Warm_works_on_an_empty_and_a_full_index()
    {
        using var index = new TestIndex();
        index.Index.Invoking(i => i.Warm()).Should().NotThrow();
        index.Add(Some.Resource(1, body: "bond"));
        index.Index.Invoking(i => i.Warm()).Should().NotThrow();
    }
}
