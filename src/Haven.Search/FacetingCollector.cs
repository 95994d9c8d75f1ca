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

/// <summary>Keeps the best <c>capacity</c> documents in a binary heap whose root is the worst kept one.</summary>
internal sealed class TopQueue
{
    private readonly RankedDoc[] _heap;
    private readonly RankOrder _order;
    private int _count;

    public TopQueue(int capacity, RankOrder order)
    {
        _heap = new RankedDoc[capacity];
        _order = order;
    }

    public void Offer(float score, int date, int resourceId, int doc)
    {
        var candidate = new RankedDoc { Score = score, Date = date, ResourceId = resourceId, Doc = doc };
        if (_count < _heap.Length)
        {
            _heap[_count] = candidate;
            SiftUp(_count++);
        }
        else if (_heap.Length > 0 && Before(in candidate, in _heap[0]))
        {
            _heap[0] = candidate;
            SiftDown(0);
        }
    }

    /// <summary>The kept documents, best first.</summary>
    public RankedDoc[] BestFirst()
    {
        var result = _heap.AsSpan(0, _count).ToArray();
        Array.Sort(result, (a, b) => Before(in a, in b) ? -1 : Before(in b, in a) ? 1 : 0);
        return result;
    }

    /// <summary>Whether <paramref name="a"/> ranks strictly before <paramref name="b"/>.</summary>
    private bool Before(in RankedDoc a, in RankedDoc b)
    {
        switch (_order)
        {
            case RankOrder.Relevance:
                if (a.Score != b.Score)
                {
                    return a.Score > b.Score;
                }

                if (a.Date != b.Date)
                {
                    return a.Date > b.Date;
                }

                break;
            case RankOrder.Newest:
                if (a.Date != b.Date)
                {
                    return a.Date > b.Date;
                }

                break;
            default:
                var aDate = a.Date == 0 ? int.MaxValue : a.Date;
                var bDate = b.Date == 0 ? int.MaxValue : b.Date;
                if (aDate != bDate)
                {
                    return aDate < bDate;
                }

                break;
        }

        return a.ResourceId != b.ResourceId ? a.ResourceId > b.ResourceId : a.Doc < b.Doc;
    }

    private void SiftUp(int index)
    {
        while (index > 0)
        {
            var parent = (index - 1) >> 1;
            if (!Before(in _heap[parent], in _heap[index]))
            {
                return;
            }

            (_heap[parent], _heap[index]) = (_heap[index], _heap[parent]);
            index = parent;
        }
    }

    private void SiftDown(int index)
    {
        while (true)
        {
            var worst = (index << 1) + 1;
            if (worst >= _count)
            {
                return;
            }

            var right = worst + 1;
            if (right < _count && Before(in _heap[worst], in _heap[right]))
            {
                worst = right;
            }

            if (!Before(in _heap[index], in _heap[worst]))
            {
                return;
            }

            (_heap[index], _heap[worst]) = (_heap[worst], _heap[index]);
            index = worst;
        }
    }
}

/// <summary>One pass over the documents matching the text part of a query: applies the facet filters, counts
/// facet values disjunctively (a facet's counts ignore its own filter) and keeps the top documents.</summary>
/// <remarks>A document that passes every filter is a hit: it counts in every facet and is offered to the queue.
/// One that fails exactly one facet's filter counts in that facet only. One that fails two or more counts nowhere.</remarks>
internal sealed class FacetingCollector : ICollector
{
    private readonly SegmentData[] _leaves;
    private readonly int[] _filteredFacets;
    private readonly bool[]?[] _selected;
    private readonly int[][] _counts;
    private readonly TopQueue? _queue;
    private readonly bool _needsScores;
    private SegmentData? _segment;
    private Scorer? _scorer;
    private int _docBase;

    /// <param name="leaves">Segment data by leaf ordinal of the searched reader.</param>
    /// <param name="selected">Per facet, null if unfiltered, else which global value ids pass its filter.</param>
    /// <param name="counts">Per facet, an array as long as the value ids in use, to be filled.</param>
    /// <param name="queue">Where hits are ranked; null when no page of hits is wanted.</param>
    public FacetingCollector(SegmentData[] leaves, bool[]?[] selected, int[][] counts, TopQueue? queue, bool needsScores)
    {
        _leaves = leaves;
        _selected = selected;
        _counts = counts;
        _queue = queue;
        _needsScores = needsScores;
        _filteredFacets = Enumerable.Range(0, selected.Length).Where(f => selected[f] is not null).ToArray();
    }

    public int Total { get; private set; }

    public bool AcceptsDocsOutOfOrder => true;

    public void SetNextReader(AtomicReaderContext context)
    {
        _segment = _leaves[context.Ord];
        _docBase = context.DocBase;
    }

    public void SetScorer(Scorer scorer) => _scorer = scorer;

    public void Collect(int doc)
    {
        var facets = _segment!.Facets;
        var failed = -1;
        foreach (var facet in _filteredFacets)
        {
            var column = facets[facet];
            var selected = _selected[facet]!;
            var values = column.Values;
            var passes = false;
            for (int i = column.Starts[doc], end = column.Starts[doc + 1]; i < end; i++)
            {
                if (selected[values[i]])
                {
                    passes = true;
                    break;
                }
            }

            if (!passes)
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
            Count(facets[failed], _counts[failed], doc);
            return;
        }

        Total++;
        for (var facet = 0; facet < facets.Length; facet++)
        {
            Count(facets[facet], _counts[facet], doc);
        }

        if (_queue is not null)
        {
            var score = _needsScores ? _scorer!.GetScore() : 0f;
            _queue.Offer(score, _segment.Dates[doc], _segment.ResourceIds[doc], _docBase + doc);
        }
    }

    private static void Count(FacetColumn column, int[] counts, int doc)
    {
        var values = column.Values;
        for (int i = column.Starts[doc], end = column.Starts[doc + 1]; i < end; i++)
        {
            counts[values[i]]++;
        }
    }
}
