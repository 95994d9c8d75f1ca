using Lucene.Net.Index;
using Lucene.Net.Search;

namespace Haven.Search;

/// <summary>Adds to a matching document's score the scores of the optional clauses it also matches (title and
/// summary matches of the query words: <see cref="SearchText.BonusClauses"/>), so they rank above body matches.</summary>
/// <remarks>
/// The same sum a BooleanQuery with each word's catch-all clause as MUST and these clauses as SHOULD would compute,
/// without its cost: Lucene 4.8 scores such a query through BooleanScorer2's coordinator, match-counting wrappers and a
/// heap of the optional scorers for every hit (in the benchmark, two-common-word searches took ~25% longer that way).
/// Here each clause's scorer is only moved forward when it is behind the document being scored. Documents must be
/// asked for in increasing order within a segment, as collectors get them.
/// </remarks>
internal sealed class ScoreBonus
{
    private readonly Weight[] _weights;
    private readonly Scorer[] _scorers;
    /// <summary>Per scorer, its current document (kept here: asking the scorer is two virtual calls).</summary>
    private readonly int[] _docs;
    private int _count;

    public ScoreBonus(IndexSearcher searcher, IReadOnlyList<Query> clauses)
    {
        _weights = clauses.Select(searcher.CreateNormalizedWeight).ToArray();
        _scorers = new Scorer[_weights.Length];
        _docs = new int[_weights.Length];
    }

    /// <summary>Starts over on another segment.</summary>
    public void SetNextReader(AtomicReaderContext context)
    {
        _count = 0;
        var live = context.AtomicReader.LiveDocs;
        foreach (var weight in _weights)
        {
            if (weight.GetScorer(context, live) is { } scorer)
            {
                _scorers[_count] = scorer;
                _docs[_count++] = -1;
            }
        }
    }

    /// <summary>The bonus of <paramref name="doc"/> (segment-relative), at least the previous document asked for.</summary>
    public float For(int doc)
    {
        var bonus = 0f;
        var docs = _docs;
        for (var i = 0; i < _count; i++)
        {
            var current = docs[i];
            if (current < doc)
            {
                // Title and summary postings are usually close behind: one step is cheaper than a skip-list advance.
                current = _scorers[i].NextDoc();
                if (current < doc)
                {
                    current = _scorers[i].Advance(doc);
                }

                docs[i] = current;
            }

            if (current == doc)
            {
                bonus += _scorers[i].GetScore();
            }
        }

        return bonus;
    }
}
