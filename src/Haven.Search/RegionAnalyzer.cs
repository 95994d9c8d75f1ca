using System.Collections.Concurrent;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace Haven.Search;

/// <summary>A language's analyzer as snippets use it: on the short whitespace-bounded regions around a query word's
/// probe (<see cref="Snippets.FindMatches(RegionAnalyzer, Dictionary{string, int}, ReadOnlyMemory{char}, List{Snippets.Match})"/>),
/// mostly single words, whose tokens it remembers.</summary>
/// <remarks>The same words recur in text after text, and running the analyzer's token stream on each (reset, tokenizer,
/// filters, stemmer, end) was about a fifth of the engine's time on a search for two words (a profile of the engine
/// alone, 2026-11-25). A region's tokens depend only on its characters (the tokenizer sees nothing else), so the
/// remembered ones are exactly what analyzing again would give. Bounded: when <see cref="Capacity"/> regions are
/// remembered, it starts over.</remarks>
internal sealed class RegionAnalyzer
{
    /// <summary>Longer regions (runs of words around several probes) are analyzed every time.</summary>
    public const int MaxRememberedLength = 48;

    /// <summary>A few times a language's working vocabulary with its punctuated forms: at most about 1.4 MB (a
    /// remembered word takes about 170 bytes: key, tokens, term and the dictionary's node).</summary>
    public const int Capacity = 8_192;

    private readonly ConcurrentDictionary<string, Token[]> _known = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Token[]>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private int _count;

    public RegionAnalyzer(Analyzer analyzer)
    {
        Analyzer = analyzer;
        _lookup = _known.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>A token of a region: its characters [Start, End) within the region and its analyzed term.</summary>
    internal readonly record struct Token(int Start, int End, string Term);

    public Analyzer Analyzer { get; }

    /// <summary>The tokens the analyzer makes of <paramref name="region"/>, in order.</summary>
    public Token[] Tokens(ReadOnlyMemory<char> region)
    {
        if (region.Length > MaxRememberedLength)
        {
            return Analyze(Analyzer, region);
        }

        if (_lookup.TryGetValue(region.Span, out var known))
        {
            return known;
        }

        var tokens = Analyze(Analyzer, region);
        if (Interlocked.Increment(ref _count) > Capacity)
        {
            // Rare (a library's words fit many times over): forget everything rather than track what is least used.
            _known.Clear();
            Interlocked.Exchange(ref _count, 1);
        }

        _known.TryAdd(region.ToString(), tokens);
        return tokens;
    }

    /// <summary>Runs the analyzer on <paramref name="region"/>.</summary>
    internal static Token[] Analyze(Analyzer analyzer, ReadOnlyMemory<char> region)
    {
        var tokens = new List<Token>();
        using var stream = analyzer.GetTokenStream("snippet", new Snippets.MemoryReader(region));
        var termAttribute = stream.AddAttribute<ICharTermAttribute>();
        var offsetAttribute = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            var start = offsetAttribute.StartOffset;
            var end = offsetAttribute.EndOffset;
            if (start >= 0 && end <= region.Length && start < end)
            {
                tokens.Add(new Token(start, end, termAttribute.ToString()));
            }
        }

        stream.End();
        return tokens.ToArray();
    }
}
