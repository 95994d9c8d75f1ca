using System.Globalization;
using Haven.Core.Search;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace Haven.Search;

/// <summary>The library's search engine on Lucene: one index per instance, kept up to date through
/// <see cref="Apply"/>, searched concurrently through <see cref="Search"/>.</summary>
/// <remarks>
/// A document's text is indexed in the fields of its language, analyzed by that language's analyzer: one catch-all
/// field (all_en, all_es, all_std) with every part, where words are matched, plus a head field (head_en, ...) with the
/// title and summary, which only adds to the score (<see cref="ScoreBonus"/>). Each query word is searched in every
/// language, analyzed by that language's analyzer, and matching walks one posting list per word and language (see
/// <see cref="SearchText"/>). Facets are counted
/// in one pass over the documents matching the text, from per-segment arrays built from doc values
/// (<see cref="SegmentDataCache"/>). Writes are serialized; every <see cref="Apply"/> commits (with the change id in
/// the commit's user data) and refreshes the searcher before returning. An index written with another field layout
/// (<see cref="SchemaVersion"/>) is emptied on opening, with 0 as the applied change, so that it gets rebuilt.
/// </remarks>
public sealed class LuceneResourceIndex : IResourceSearch, IResourceIndex, IDisposable
{
    /// <summary>Hits beyond this rank are never returned (page * pageSize above it gives an empty page).</summary>
    public const int MaxRankedHits = 10_000;

    /// <summary>Version of the field layout, kept in the commit's user data. Version 1 (no key) had per-part fields
    /// (title_en, body_en, ...); version 2 has the catch-all and head fields; version 3 adds the listing; version 4
    /// compresses snippet sources with LZ4.</summary>
    private const int SchemaVersion = 4;

    private const string AppliedThroughKey = "appliedThrough";
    private const string SchemaKey = "schema";
    private const int MaxFacetValueLength = 1_000;

    private readonly LuceneDirectory _directory;
    private readonly bool _ownsDirectory;
    private readonly LanguageAnalyzers _analyzers = new();
    private readonly SegmentDataCache _segments = new();
    private readonly IndexWriter _writer;
    private readonly SearcherManager _searchers;
    private readonly System.Threading.Lock _writeLock = new();
    private long _appliedThrough;
    private bool _disposed;

    /// <summary>Opens (or creates) the index in <paramref name="directory"/>, which the caller keeps and disposes.</summary>
    public LuceneResourceIndex(LuceneDirectory directory)
        : this(directory, ownsDirectory: false)
    {
    }

    private LuceneResourceIndex(LuceneDirectory directory, bool ownsDirectory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        _directory = directory;
        _ownsDirectory = ownsDirectory;
        var similarity = new BM25Similarity();
        var config = new IndexWriterConfig(LanguageAnalyzers.Version, _analyzers.IndexAnalyzer)
        {
            OpenMode = OpenMode.CREATE_OR_APPEND,
            Similarity = similarity,
            RAMBufferSizeMB = 48,
            MergedSegmentWarmer = new SegmentWarmer(_segments),
            // Fewer segments than the default 10 a tier: edits add small segments, and every search pays per segment
            // (see Compact); merging them sooner costs writes little, as a library changes a few resources at a time.
            MergePolicy = new TieredMergePolicy { SegmentsPerTier = 4, MaxMergeAtOnce = 4 },
        };

        try
        {
            _writer = new IndexWriter(directory, config);
            if (!DirectoryReader.IndexExists(directory))
            {
                Commit(0);
            }
            else if (ReadSchema(_writer.CommitData) != SchemaVersion)
            {
                // Documents of another layout would not be found: start empty, so the owner rebuilds the index.
                _writer.DeleteAll();
                Commit(0);
            }

            _appliedThrough = ReadAppliedThrough(_writer.CommitData);
            _searchers = new SearcherManager(_writer, applyAllDeletes: true, new WarmingSearcherFactory(similarity, _segments));
        }
        catch
        {
            _writer?.Dispose();
            _analyzers.Dispose();
            throw;
        }
    }

    /// <summary>Opens (or creates) the index in the folder at <paramref name="path"/>.</summary>
    public static LuceneResourceIndex OpenAt(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        System.IO.Directory.CreateDirectory(path);
        // Buffered reads rather than FSDirectory.Open's MMapDirectory: with Lucene.NET 4.8.0-beta00017's MMapDirectory,
        // garbage collections under search load took about 7 times longer (same benchmark: 587 ms of GC pauses
        // against 84 ms), which doubled the 99th-percentile search time. Positional reads rather than NIOFSDirectory's
        // locked "seek and read" (PositionalReadDirectory).
        var directory = new PositionalReadDirectory(path);
        try
        {
            return new LuceneResourceIndex(directory, ownsDirectory: true);
        }
        catch
        {
            directory.Dispose();
            throw;
        }
    }

    public long AppliedThrough => Volatile.Read(ref _appliedThrough);

    /// <summary>Number of live documents.</summary>
    public int Count
    {
        get
        {
            var searcher = _searchers.Acquire();
            try
            {
                return searcher.IndexReader.NumDocs;
            }
            finally
            {
                _searchers.Release(searcher);
            }
        }
    }

    /// <remarks>Upserts are applied before deletions, so an id in both ends up deleted. All documents are converted
    /// before the index is touched, so a bad one leaves the index unchanged.</remarks>
    public void Apply(IReadOnlyCollection<ResourceSearchDocument> upserts, IReadOnlyCollection<int> deletions, long throughChange)
    {
        ArgumentNullException.ThrowIfNull(upserts);
        ArgumentNullException.ThrowIfNull(deletions);
        var documents = upserts.Select(upsert =>
        {
            ArgumentNullException.ThrowIfNull(upsert, nameof(upserts));
            return (Id: IdTerm(upsert.ResourceId), Document: ToLucene(upsert));
        }).ToList();

        lock (_writeLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            foreach (var (id, document) in documents)
            {
                _writer.UpdateDocument(id, document);
            }

            foreach (var id in deletions)
            {
                _writer.DeleteDocuments(IdTerm(id));
            }

            Commit(throughChange);
            _searchers.MaybeRefreshBlocking();
            Volatile.Write(ref _appliedThrough, throughChange);
        }
    }

    public void Clear()
    {
        lock (_writeLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _writer.DeleteAll();
            Commit(0);
            _searchers.MaybeRefreshBlocking();
            Volatile.Write(ref _appliedThrough, 0);
        }
    }

    /// <remarks>Merges everything into one segment (about 4 s for 100,000 resources). Each segment costs every search
    /// a term lookup, posting-list setup and facet pass per field: a rebuilt index of 100,000 resources had 11, and
    /// one segment cut a search for a word in a tenth of them from 1.34 to 1.24 ms of CPU, a rare word's from 0.78 to
    /// 0.60 ms (bench/Haven.Bench.Search --index). Searches go on during the merge.</remarks>
    public void Compact()
    {
        lock (_writeLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _writer.ForceMerge(1);
            Commit(_appliedThrough);
            _searchers.MaybeRefreshBlocking();
        }
    }

    /// <summary>Builds the per-segment arrays and runs a few searches so the first reader's search is not slow.</summary>
    public void Warm()
    {
        var searcher = _searchers.Acquire();
        try
        {
            foreach (var leaf in searcher.IndexReader.Leaves)
            {
                _segments.Get(leaf.AtomicReader);
            }
        }
        finally
        {
            _searchers.Release(searcher);
        }

        Search(new ResourceQuery());
        Search(new ResourceQuery { Text = "law court -immigration", Sort = ResourceSort.Newest });
        Search(new ResourceQuery { Text = "\"derechos\" rights", PageSize = ResourceQuery.MaxPageSize });
    }

    public ResourceSearchResult Search(ResourceQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var text = SearchText.Parse(query.Text, _analyzers);
        var pageSize = Math.Clamp(query.PageSize, 1, ResourceQuery.MaxPageSize);
        var page = Math.Max(1, query.Page);
        var wanted = (long)page * pageSize;
        var order = query.Sort switch
        {
            ResourceSort.Newest => RankOrder.Newest,
            ResourceSort.Oldest => RankOrder.Oldest,
            _ => text.HasPositiveText ? RankOrder.Relevance : RankOrder.Newest,
        };

        var searcher = _searchers.Acquire();
        try
        {
            var leaves = searcher.IndexReader.Leaves;
            var segments = new SegmentData[leaves.Count];
            foreach (var leaf in leaves)
            {
                segments[leaf.Ord] = _segments.Get(leaf.AtomicReader);
            }

            // Every value id of these segments exists now, so arrays this long cover them all.
            var facetCount = SearchFields.FacetCount;
            var valueCounts = new int[facetCount];
            var counts = new int[facetCount][];
            var selected = new bool[]?[facetCount];
            var selectedValues = new List<string>?[facetCount];
            foreach (var facet in ResourceFacets.All)
            {
                var f = (int)facet;
                var registry = _segments.Registry(facet);
                valueCounts[f] = registry.Count;
                counts[f] = new int[valueCounts[f]];
                if (query.Filters?.TryGetValue(facet, out var filter) == true && filter is { Count: > 0 })
                {
                    var values = filter.Where(v => v is not null).Distinct(StringComparer.Ordinal).ToList();
                    if (values.Count == 0)
                    {
                        continue;
                    }

                    selectedValues[f] = values;
                    var passes = new bool[valueCounts[f]];
                    foreach (var value in values)
                    {
                        var id = registry.Find(value);
                        if (id >= 0 && id < passes.Length)
                        {
                            passes[id] = true;
                        }
                    }

                    selected[f] = passes;
                }
            }

            var queue = wanted <= MaxRankedHits ? TopQueue.Create((int)wanted, order) : null;
            // Date orders rank without scores: neither the scorer's score nor the title bonus is computed for them.
            var needsScores = text.HasPositiveText && order == RankOrder.Relevance;
            var bonus = queue is not null && needsScores && text.BonusClauses.Count > 0 ? new ScoreBonus(searcher, text.BonusClauses) : null;
            var collector = new FacetingCollector(segments, selected, counts, queue, needsScores, bonus);
            var scoped = Scoped(text.Query, query.Scope);
            if (scoped is MatchAllDocsQuery)
            {
                collector.CollectAll(leaves);
            }
            else
            {
                searcher.Search(scoped, collector);
                collector.Finish();
            }

            var hits = new List<ResourceHit>();
            if (queue is not null)
            {
                foreach (var doc in queue.BestFirst(skip: (page - 1) * pageSize))
                {
                    var leaf = leaves[ReaderUtil.SubIndex(doc.Doc, leaves)];
                    var snippet = text.HasPositiveText ? Snippet(leaf, doc.Doc - leaf.DocBase, text) : null;
                    hits.Add(new ResourceHit(doc.ResourceId, doc.Score, snippet, Listing(leaf, doc.Doc - leaf.DocBase)));
                }
            }

            var facets = new Dictionary<ResourceFacet, IReadOnlyList<FacetCount>>();
            foreach (var facet in ResourceFacets.All)
            {
                var f = (int)facet;
                facets[facet] = FacetCounts(facet, _segments.Registry(facet).Values(valueCounts[f]), counts[f], selectedValues[f]);
            }

            return new ResourceSearchResult(collector.Total, hits, facets, text.WasShortened);
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    public void Dispose()
    {
        lock (_writeLock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _searchers.Dispose();
            _writer.Dispose();
            _analyzers.Dispose();
            if (_ownsDirectory)
            {
                _directory.Dispose();
            }
        }
    }

    /// <summary>The text query restricted to the scope's values (any value of a facet, every facet), which add nothing
    /// to scores.</summary>
    private static Query Scoped(Query textQuery, IReadOnlyDictionary<ResourceFacet, IReadOnlyList<string>>? scope)
    {
        var facets = scope?.Where(s => s.Value is { Count: > 0 }).ToList() ?? [];
        if (facets.Count == 0) return textQuery;
        var combined = new BooleanQuery();
        if (textQuery is not MatchAllDocsQuery) combined.Add(textQuery, Occur.MUST);
        foreach (var (facet, values) in facets)
        {
            var anyValue = new BooleanQuery();
            foreach (var value in values.Where(v => !string.IsNullOrEmpty(v)).Distinct(StringComparer.Ordinal))
                anyValue.Add(new TermQuery(new Term(SearchFields.Filter(facet), value)), Occur.SHOULD);
            combined.Add(new ConstantScoreQuery(anyValue) { Boost = 0f }, Occur.MUST);
        }
        return combined;
    }

    private static Term IdTerm(int resourceId) => new(SearchFields.Id, resourceId.ToString(CultureInfo.InvariantCulture));

    private static long ReadAppliedThrough(IDictionary<string, string>? commitData) =>
        commitData is not null
        && commitData.TryGetValue(AppliedThroughKey, out var value)
        && long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var applied)
            ? applied
            : 0;

    private static int ReadSchema(IDictionary<string, string>? commitData) =>
        commitData is not null
        && commitData.TryGetValue(SchemaKey, out var value)
        && int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var schema)
            ? schema
            : 1;

    private void Commit(long appliedThrough)
    {
        _writer.SetCommitData(new Dictionary<string, string>
        {
            [AppliedThroughKey] = appliedThrough.ToString(CultureInfo.InvariantCulture),
            [SchemaKey] = SchemaVersion.ToString(CultureInfo.InvariantCulture),
        });
        _writer.Commit();
    }

    private static IReadOnlyList<FacetCount> FacetCounts(ResourceFacet facet, string[] values, int[] counts, List<string>? selectedValues)
    {
        var selected = selectedValues is null ? null : new HashSet<string>(selectedValues, StringComparer.Ordinal);
        var result = new List<FacetCount>();
        for (var id = 0; id < values.Length; id++)
        {
            if (counts[id] > 0 || selected?.Contains(values[id]) == true)
            {
                result.Add(new FacetCount(values[id], counts[id], selected?.Contains(values[id]) == true));
            }
        }

        if (selected is not null)
        {
            var known = new HashSet<string>(values, StringComparer.Ordinal);
            foreach (var value in selectedValues!)
            {
                if (!known.Contains(value))
                {
                    result.Add(new FacetCount(value, 0, true));
                }
            }
        }

        if (facet == ResourceFacet.Year)
        {
            result.Sort((a, b) => string.CompareOrdinal(b.Value, a.Value));
        }
        else
        {
            result.Sort((a, b) => a.Count != b.Count ? b.Count.CompareTo(a.Count) : string.CompareOrdinal(a.Value, b.Value));
        }

        return result;
    }

    private static ResourceListing? Listing(AtomicReaderContext leaf, int doc)
    {
        var values = leaf.AtomicReader.GetBinaryDocValues(SearchFields.Listing);
        if (values is null)
        {
            return null;
        }

        var bytes = new BytesRef();
        values.Get(doc, bytes);
        return ListingValue.Decode(bytes);
    }

    private string? Snippet(AtomicReaderContext leaf, int doc, SearchText text)
    {
        var values = leaf.AtomicReader.GetBinaryDocValues(SearchFields.SnippetSource);
        if (values is null)
        {
            return null;
        }

        var bytes = new BytesRef();
        values.Get(doc, bytes);
        using var decoded = SnippetSource.Decode(bytes);
        return decoded is null
            ? null
            : Snippets.Build(_analyzers.ForSnippets(decoded.Language), text.SnippetTerms[(int)decoded.Language], decoded.Texts);
    }

    private static Document ToLucene(ResourceSearchDocument resource)
    {
        var language = SearchFields.LanguageOf(resource.Language);
        var document = new Document
        {
            new StringField(SearchFields.Id, resource.ResourceId.ToString(CultureInfo.InvariantCulture), Field.Store.YES),
            new NumericDocValuesField(SearchFields.IdValue, resource.ResourceId),
            new BinaryDocValuesField(SearchFields.SnippetSource,
                SnippetSource.Encode(language, resource.Summary, resource.Body, resource.AttachmentText)),
        };

        if (resource.Date is { } date)
        {
            document.Add(new NumericDocValuesField(SearchFields.Date, date.ToDateOnly().DayNumber + 1L));
        }

        if (resource.Listing is { } listing)
        {
            document.Add(new BinaryDocValuesField(SearchFields.Listing, ListingValue.Encode(listing)));
        }

        // Each part is one value of the catch-all field, where words are matched (the analyzer leaves a gap between
        // values, so phrases stay within a part). Title (twice) and summary also go to the head field, which only
        // adds to the score.
        var catchAll = SearchFields.CatchAll(language);
        AddText(document, catchAll, resource.Title);
        AddText(document, catchAll, resource.Summary);
        AddText(document, catchAll, resource.Body);
        AddText(document, catchAll, resource.AttachmentText);
        var head = SearchFields.Head(language);
        AddText(document, head, resource.Title);
        AddText(document, head, resource.Title);
        AddText(document, head, resource.Summary);

        foreach (var facet in ResourceFacets.All)
        {
            foreach (var value in FacetValuesOf(resource, facet))
            {
                document.Add(new StringField(SearchFields.Filter(facet), value, Field.Store.NO));
                document.Add(new SortedSetDocValuesField(SearchFields.FacetValues(facet), new BytesRef(value)));
            }
        }

        return document;
    }

    private static void AddText(Document document, string field, string? text)
    {
        if (!string.IsNullOrWhiteSpace(text))
        {
            document.Add(new TextField(field, text, Field.Store.NO));
        }
    }

    /// <summary>The document's distinct values of a facet. Without explicit values, Language falls back to the
    /// document's language code and Year to its date's year.</summary>
    private static IEnumerable<string> FacetValuesOf(ResourceSearchDocument resource, ResourceFacet facet)
    {
        IEnumerable<string>? values = resource.FacetValues?.TryGetValue(facet, out var given) == true ? given : null;
        if (values is null || !values.Any(v => !string.IsNullOrEmpty(v)))
        {
            values = facet switch
            {
                ResourceFacet.Language when !string.IsNullOrWhiteSpace(resource.Language) => [resource.Language],
                ResourceFacet.Year when resource.Date is { } date => [date.Year.ToString("D4", CultureInfo.InvariantCulture)],
                _ => [],
            };
        }

        return values
            .Where(v => !string.IsNullOrEmpty(v) && v.Length <= MaxFacetValueLength)
            .Distinct(StringComparer.Ordinal);
    }

    /// <summary>Builds segment arrays for new searchers (as part of the refresh that opens them).</summary>
    private sealed class WarmingSearcherFactory(Similarity similarity, SegmentDataCache segments) : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader)
        {
            foreach (var leaf in reader.Leaves)
            {
                segments.Get(leaf.AtomicReader);
            }

            return new IndexSearcher(reader) { Similarity = similarity };
        }
    }

    /// <summary>Builds segment arrays for merged segments before they become visible.</summary>
    private sealed class SegmentWarmer(SegmentDataCache segments) : IndexWriter.IndexReaderWarmer
    {
        public override void Warm(AtomicReader reader) => segments.Get(reader);
    }
}
