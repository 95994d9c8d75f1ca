using System.Buffers;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace Haven.Search;

internal enum RankOrder
{
    /// <summary>Score descending, then newest, then highest ResourceId.</summary>
    Relevance,
    /// <summary>Date descending (no date last), then highest ResourceId.</summary>
    Newest,
    /// <summary>Date ascending (no date last), then highest ResourceId.</summary>
    Oldest,
}

internal struct RankedDoc
{
    public float Score;
    public int Date;
    public int ResourceId;
    public int Doc;
}

/// <summary>Keeps the best <c>capacity</c> documents offered.</summary>
/// <remarks>One sealed queue per order (<see cref="Create"/>), so comparisons compile to straight-line code: with the
/// order chosen per comparison, ranking was a twentieth of a common word's search.</remarks>
internal abstract class TopQueue
{
    public static TopQueue Create(int capacity, RankOrder order) => order switch
    {
        RankOrder.Relevance => new TopQueue<ByRelevance>(capacity),
        RankOrder.Newest => new TopQueue<ByNewest>(capacity),
        _ => new TopQueue<ByOldest>(capacity),
    };

    public abstract void Offer(float score, int date, int resourceId, int doc);

    /// <summary>The kept documents from rank <paramref name="skip"/> on (0 is the best), best first; the queue is
    /// empty afterwards.</summary>
    /// <remarks>Only the ranks returned are sorted: those skipped are only separated from them. A deep page keeps
    /// every document of the pages before it (620 for page 31), and sorting them all was 3% of a search page's CPU for
    /// a word in a tenth of the library (a profile of the search bench, 2026-11-25).</remarks>
    public abstract RankedDoc[] BestFirst(int skip = 0);
}

internal interface IRankOrder
{
    /// <summary>Whether <paramref name="a"/> ranks strictly before <paramref name="b"/>.</summary>
    static abstract bool Before(in RankedDoc a, in RankedDoc b);
}

/// <summary>Score descending, then newest, then highest ResourceId.</summary>
internal readonly struct ByRelevance : IRankOrder
{
    public static bool Before(in RankedDoc a, in RankedDoc b) =>
        a.Score != b.Score ? a.Score > b.Score
        : a.Date != b.Date ? a.Date > b.Date
        : Ties.Before(in a, in b);
}

/// <summary>Date descending (no date last: it is 0), then highest ResourceId.</summary>
internal readonly struct ByNewest : IRankOrder
{
    public static bool Before(in RankedDoc a, in RankedDoc b) => a.Date != b.Date ? a.Date > b.Date : Ties.Before(in a, in b);
}

/// <summary>Date ascending (no date last), then highest ResourceId.</summary>
internal readonly struct ByOldest : IRankOrder
{
    public static bool Before(in RankedDoc a, in RankedDoc b)
    {
        // 0 (no date) becomes the largest value, so it sorts last.
        var aDate = (uint)a.Date - 1;
        var bDate = (uint)b.Date - 1;
        return aDate != bDate ? aDate < bDate : Ties.Before(in a, in b);
    }
}

internal static class Ties
{
    public static bool Before(in RankedDoc a, in RankedDoc b) => a.ResourceId != b.ResourceId ? a.ResourceId > b.ResourceId : a.Doc < b.Doc;
}

internal readonly struct RankComparer<TOrder> : IComparer<RankedDoc> where TOrder : struct, IRankOrder
{
    public int Compare(RankedDoc a, RankedDoc b) => TOrder.Before(in a, in b) ? -1 : TOrder.Before(in b, in a) ? 1 : 0;
}

/// <summary>Keeps the best <c>capacity</c> documents: candidates are appended to a buffer of twice that, and when it
/// is full one selection keeps the best half; from then on only a candidate better than the worst kept one (the
/// threshold) is appended. The order is total (the document number breaks every tie), so what is kept is exact.</summary>
/// <remarks>Appending is one comparison, where a binary heap moved the candidate down a dozen levels: a word in a
/// tenth, 20 to 620 documents kept of 11,000 (pages 1 to 31), spent 12% of a search page's CPU in the heap's sifting
/// and final sort (a profile of the search bench, 2026-11-25); the engine alone, alternating runs of the two builds:
/// median 0.43–0.45 against 0.41–0.42 ms a search. The buffer is rented, starts small and grows to twice the capacity,
/// so a first page keeps its 20 in a few hundred bytes.</remarks>
internal sealed class TopQueue<TOrder>(int capacity) : TopQueue where TOrder : struct, IRankOrder
{
    private const int InitialBuffer = 64;

    // Rented: a deep page's buffer is tens of kilobytes, and BestFirst gives it back.
    private RankedDoc[] _buffer = ArrayPool<RankedDoc>.Shared.Rent(Math.Min(InitialBuffer, Math.Max(1, 2 * capacity)));
    private int _count;
    private bool _hasThreshold;
    private RankedDoc _threshold;

    public override void Offer(float score, int date, int resourceId, int doc)
    {
        if (capacity <= 0)
        {
            return;
        }

        var candidate = new RankedDoc { Score = score, Date = date, ResourceId = resourceId, Doc = doc };
        if (_hasThreshold && !TOrder.Before(in candidate, in _threshold))
        {
            return;
        }

        if (_count == _buffer.Length || _count == 2 * capacity)
        {
            if (_count < 2 * capacity)
            {
                var larger = ArrayPool<RankedDoc>.Shared.Rent((int)Math.Min(2L * capacity, Math.Max(InitialBuffer, 2L * _buffer.Length)));
                _buffer.AsSpan(0, _count).CopyTo(larger);
                ArrayPool<RankedDoc>.Shared.Return(_buffer);
                _buffer = larger;
            }
            else
            {
                KeepBest();
                if (!TOrder.Before(in candidate, in _threshold))
                {
                    return;
                }
            }
        }

        _buffer[_count++] = candidate;
    }

    public override RankedDoc[] BestFirst(int skip = 0)
    {
        var kept = _buffer.AsSpan(0, _count);
        if (_count > capacity)
        {
            Select(kept, capacity);
            kept = kept[..capacity];
        }

        if (skip > 0)
        {
            if (skip >= kept.Length)
            {
                kept = [];
            }
            else
            {
                // The best `skip` to the front, then drop them.
                Select(kept, skip);
                kept = kept[skip..];
            }
        }

        var result = kept.ToArray();
        ArrayPool<RankedDoc>.Shared.Return(_buffer);
        _buffer = [];
        _count = 0;
        // A struct comparer: the sort's comparisons are inlined, not a delegate call each.
        result.AsSpan().Sort(new RankComparer<TOrder>());
        return result;
    }

    /// <summary>Moves the best <c>capacity</c> of the buffer to its front, drops the rest, and takes the worst of
    /// those kept as the threshold.</summary>
    private void KeepBest()
    {
        var kept = _buffer.AsSpan(0, _count);
        Select(kept, capacity);
        _count = capacity;
        _threshold = kept[capacity - 1];
        _hasThreshold = true;
    }

    /// <summary>Reorders <paramref name="items"/> so that its first <paramref name="k"/> are the best k, the k-th best
    /// (at <c>k - 1</c>) last among them (quickselect, median-of-three pivots; a slice this small is sorted).</summary>
    internal static void Select(Span<RankedDoc> items, int k)
    {
        var nth = k - 1;
        var lo = 0;
        var hi = items.Length - 1;
        while (hi - lo > 16)
        {
            var mid = lo + ((hi - lo) >> 1);
            // Median of three to items[mid], then partition around it (Hoare).
            if (TOrder.Before(in items[mid], in items[lo])) (items[mid], items[lo]) = (items[lo], items[mid]);
            if (TOrder.Before(in items[hi], in items[lo])) (items[hi], items[lo]) = (items[lo], items[hi]);
            if (TOrder.Before(in items[hi], in items[mid])) (items[hi], items[mid]) = (items[mid], items[hi]);
            var pivot = items[mid];
            var i = lo;
            var j = hi;
            while (i <= j)
            {
                while (TOrder.Before(in items[i], in pivot)) i++;
                while (TOrder.Before(in pivot, in items[j])) j--;
                if (i <= j)
                {
                    (items[i], items[j]) = (items[j], items[i]);
                    i++;
                    j--;
                }
            }

            // Now items[lo..j] rank no worse than the pivot, items[i..hi] no better, and those between equal it.
            if (nth <= j) hi = j;
            else if (nth >= i) lo = i;
            else return;
        }

        items[lo..(hi + 1)].Sort(new RankComparer<TOrder>());
    }
}

/// <summary>One pass over the documents matching the text part of a query: applies the facet filters, counts
/// facet values disjunctively (a facet's counts ignore its own filter) and keeps the top documents.</summary>
/// <remarks>A document that passes every filter is a hit: it counts in every facet and is offered to the queue.
/// One that fails exactly one facet's filter counts in that facet only. One that fails two or more counts nowhere.
/// Documents to count are buffered and counted a facet at a time (tight loops over one column), per segment;
/// call <see cref="Finish"/> after the search.</remarks>
internal sealed class FacetingCollector : ICollector
{
    private const int BufferSize = 4096;

    private readonly SegmentData[] _leaves;
    private readonly int[] _filteredFacets;
    private readonly bool[]?[] _selected;
    private readonly int[][] _counts;
    private readonly TopQueue? _queue;
    private readonly bool _needsScores;
    private readonly ScoreBonus? _bonus;
    private readonly int[] _hits = new int[BufferSize];
    private readonly int[]?[] _failed;
    private readonly int[] _failedCount;
    private int _hitCount;
    /// <summary>The current segment's row counters (<see cref="SegmentData.RowBase"/>), added to the counts when the
    /// segment ends.</summary>
    private int[] _rowCounts = [];
    private SegmentData? _segment;
    private Scorer? _scorer;
    private int _docBase;

    /// <param name="leaves">Segment data by leaf ordinal of the searched reader.</param>
    /// <param name="selected">Per facet, null if unfiltered, else which global value ids pass its filter.</param>
    /// <param name="counts">Per facet, an array as long as the value ids in use, to be filled.</param>
    /// <param name="queue">Where hits are ranked; null when no page of hits is wanted.</param>
    /// <param name="bonus">What to add to the scorer's score of each hit; null for nothing.</param>
    public FacetingCollector(SegmentData[] leaves, bool[]?[] selected, int[][] counts, TopQueue? queue, bool needsScores, ScoreBonus? bonus = null)
    {
        _leaves = leaves;
        _selected = selected;
        _counts = counts;
        _queue = queue;
        _needsScores = needsScores;
        _bonus = needsScores && queue is not null ? bonus : null;
        _filteredFacets = Enumerable.Range(0, selected.Length).Where(f => selected[f] is not null).ToArray();
        _failed = new int[]?[selected.Length];
        _failedCount = new int[selected.Length];
        foreach (var facet in _filteredFacets)
        {
            _failed[facet] = new int[BufferSize];
        }
    }

    public int Total { get; private set; }

    /// <remarks>In order even without scores: Lucene's out-of-order disjunction scorer allocates a table of 2,048
    /// buckets per segment and search, and measured slower (bench/Haven.Bench.Search --index).</remarks>
    public bool AcceptsDocsOutOfOrder => false;

    public void SetNextReader(AtomicReaderContext context)
    {
        EndSegment();
        _segment = _leaves[context.Ord];
        if (_segment.HasRows)
        {
            if (_rowCounts.Length < _segment.RowSlots)
            {
                _rowCounts = new int[_segment.RowSlots];
            }
            else
            {
                Array.Clear(_rowCounts);
            }
        }

        _docBase = context.DocBase;
        _bonus?.SetNextReader(context);
    }

    public void SetScorer(Scorer scorer) => _scorer = scorer;

    /// <summary>Counts what is still buffered. Call once the search is over.</summary>
    public void Finish() => EndSegment();

    /// <summary>Collects every live document of every leaf, without a query (what a match-all query would do, minus
    /// the scorer's per-document overhead).</summary>
    public void CollectAll(IList<AtomicReaderContext> leaves)
    {
        if (_filteredFacets.Length == 0)
        {
            CollectAllUnfiltered(leaves);
            return;
        }

        foreach (var leaf in leaves)
        {
            SetNextReader(leaf);
            var live = leaf.AtomicReader.LiveDocs;
            var maxDoc = leaf.AtomicReader.MaxDoc;
            for (var doc = 0; doc < maxDoc; doc++)
            {
                if (live is null || live.Get(doc))
                {
                    Collect(doc);
                }
            }
        }

        Finish();
    }

    /// <summary>Every live document is a hit: counts are the segments' precomputed counts minus those of deleted
    /// documents, and only the queue looks at documents one by one.</summary>
    private void CollectAllUnfiltered(IList<AtomicReaderContext> leaves)
    {
        foreach (var leaf in leaves)
        {
            var segment = _leaves[leaf.Ord];
            var reader = leaf.AtomicReader;
            for (var facet = 0; facet < segment.AllCounts.Length; facet++)
            {
                var all = segment.AllCounts[facet];
                var counts = _counts[facet];
                for (var value = 0; value < all.Length; value++)
                {
                    counts[value] += all[value];
                }
            }

            var live = reader.LiveDocs;
            var maxDoc = reader.MaxDoc;
            Total += reader.NumDocs;
            if (live is not null)
            {
                _segment = segment;
                for (var doc = 0; doc < maxDoc; doc++)
                {
                    if (!live.Get(doc))
                    {
                        _hits[_hitCount++] = doc;
                        if (_hitCount == BufferSize)
                        {
                            Uncount();
                        }
                    }
                }

                Uncount();
            }

            if (_queue is not null)
            {
                var dates = segment.Dates;
                var ids = segment.ResourceIds;
                for (var doc = 0; doc < maxDoc; doc++)
                {
                    if (live is null || live.Get(doc))
                    {
                        _queue.Offer(0f, dates[doc], ids[doc], leaf.DocBase + doc);
                    }
                }
            }
        }

        _segment = null;
    }

    /// <summary>Counts what is buffered and adds the segment's row counters to the counts.</summary>
    private void EndSegment()
    {
        Flush();
        if (_segment is not { HasRows: true } segment)
        {
            return;
        }

        var bases = segment.RowBase;
        for (var facet = 0; facet < _counts.Length; facet++)
        {
            var counts = _counts[facet];
            var slots = _rowCounts.AsSpan(bases[facet], bases[facet + 1] - bases[facet]);
            for (var value = 0; value < slots.Length; value++)
            {
                counts[value] += slots[value];
            }
        }

        _segment = null;
    }

    /// <summary>Takes the buffered (deleted) documents out of the counts.</summary>
    private void Uncount()
    {
        var facets = _segment!.Facets;
        for (var facet = 0; facet < facets.Length; facet++)
        {
            var column = facets[facet];
            var counts = _counts[facet];
            for (var i = 0; i < _hitCount; i++)
            {
                var doc = _hits[i];
                if (column.Single is { } single)
                {
                    if (single[doc] >= 0)
                    {
                        counts[single[doc]]--;
                    }
                }
                else
                {
                    for (int j = column.Starts[doc], end = column.Starts[doc + 1]; j < end; j++)
                    {
                        counts[column.Values[j]]--;
                    }
                }
            }
        }

        _hitCount = 0;
    }

    public void Collect(int doc)
    {
        var segment = _segment!;
        var failed = -1;
        foreach (var facet in _filteredFacets)
        {
            if (!Passes(segment.Facets[facet], _selected[facet]!, doc))
            {
                if (failed >= 0)
                {
                    return;
                }

                failed = facet;
            }
        }

        if (failed >= 0)
        {
            var buffer = _failed[failed]!;
            buffer[_failedCount[failed]++] = doc;
            if (_failedCount[failed] == BufferSize)
            {
                Flush();
            }

            return;
        }

        Total++;
        if (_queue is not null)
        {
            var score = _needsScores ? _scorer!.GetScore() + (_bonus?.For(doc) ?? 0f) : 0f;
            _queue.Offer(score, segment.Dates[doc], segment.ResourceIds[doc], _docBase + doc);
        }

        _hits[_hitCount++] = doc;
        if (_hitCount == BufferSize)
        {
            Flush();
        }
    }

    private void Flush()
    {
        if (_segment is null)
        {
            return;
        }

        var facets = _segment.Facets;
        var byRow = _segment.HasRows && _hitCount > 0;
        if (byRow)
        {
            CountRows(_segment, _rowCounts, _hits, _hitCount);
        }

        for (var facet = 0; facet < facets.Length; facet++)
        {
            var column = facets[facet];
            var counts = _counts[facet];
            if (_hitCount > 0 && !byRow)
            {
                Count(column, counts, _hits, _hitCount);
            }

            if (_failedCount[facet] > 0)
            {
                Count(column, counts, _failed[facet]!, _failedCount[facet]);
                _failedCount[facet] = 0;
            }
        }

        _hitCount = 0;
    }

    private static bool Passes(FacetColumn column, bool[] selected, int doc)
    {
        if (column.Single is { } single)
        {
            var value = single[doc];
            return value >= 0 && selected[value];
        }

        var values = column.Values;
        for (int i = column.Starts[doc], end = column.Starts[doc + 1]; i < end; i++)
        {
            if (selected[values[i]])
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Counts every facet value of the hits, a document at a time from the segment's rows, into the
    /// segment's row counters.</summary>
    /// <remarks>The hottest loop of a search (a profile of the engine alone: a quarter of a common word's search when
    /// it read a column per facet).</remarks>
    private static void CountRows(SegmentData segment, int[] slots, int[] docs, int count)
    {
        // Unchecked reads: every document of the segment has a start and an end within the rows, every slot is below
        // RowSlots, and the counters are at least that long (SetNextReader). Without the bounds checks a word in a tenth
        // took 3% less (the engine alone, alternating builds: median 0.39–0.41 against 0.40–0.42 ms).
        Debug.Assert(slots.Length >= segment.RowSlots && segment.RowStarts.Length > 0);
        ref var start = ref MemoryMarshal.GetArrayDataReference(segment.RowStarts);
        ref var row = ref MemoryMarshal.GetArrayDataReference(segment.Rows);
        ref var slot = ref MemoryMarshal.GetArrayDataReference(slots);
        foreach (var doc in docs.AsSpan(0, count))
        {
            Debug.Assert((uint)doc + 1 < (uint)segment.RowStarts.Length);
            var end = Unsafe.Add(ref start, doc + 1);
            for (var i = Unsafe.Add(ref start, doc); i < end; i++)
            {
                Unsafe.Add(ref slot, Unsafe.Add(ref row, i))++;
            }
        }
    }

    /// <summary>Counts one facet's values of the given documents from its column: the documents that failed only
    /// this facet's filter, and every hit of a segment without rows.</summary>
    private static void Count(FacetColumn column, int[] counts, int[] docs, int count)
    {
        if (column.Single is { } single)
        {
            foreach (var doc in docs.AsSpan(0, count))
            {
                if (single[doc] >= 0)
                {
                    counts[single[doc]]++;
                }
            }

            return;
        }

        var starts = column.Starts;
        var values = column.Values;
        foreach (var doc in docs.AsSpan(0, count))
        {
            foreach (var value in values.AsSpan(starts[doc], starts[doc + 1] - starts[doc]))
            {
                counts[value]++;
            }
        }
    }
}
