using System.Collections.Concurrent;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace Haven.Search;

/// <summary>A language's analyzer as snippets use it: on the short whitespace-bounded regions around a query word's
/// probe (<see cref="Snippets.FindMatches(RegionAnalyzer, Dictionary{string, int}, ReadOnlyMemory{char}, List{Snippets.Match})"/>),
/// mostly single words, whose tokens it remembers. Every running of a language's token stream for snippets is here.</summary>
/// <remarks>The same words recur in text after text, and running the analyzer's token stream on each (reset, tokenizer,
/// filters, stemmer, end) was about a fifth of the engine's time on a search for two words (a profile of the engine
/// alone, 2026-11-25). A region's tokens depend only on its characters (the tokenizer sees nothing else), so the
/// remembered ones are exactly what analyzing again would give. Bounded: when <see cref="Capacity"/> regions are
/// remembered, it starts over.</remarks>
internal sealed class RegionAnalyzer
{
    /// <summary>Longer regions (runs of words around several probes) are analyzed every time, by <see cref="FindMatches"/>.</summary>
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

    /// <summary>Adds to <paramref name="matches"/> the tokens of <c>text[from..to]</c> (a whitespace-bounded region)
    /// whose analyzed term is one of <paramref name="terms"/>: a short region's tokens from what is remembered, a
    /// longer one's by running the analyzer.</summary>
    public void FindMatches(Dictionary<string, int> terms, ReadOnlyMemory<char> text, int from, int to, List<Snippets.Match> matches)
    {
        if (to - from > MaxRememberedLength)
        {
            FindMatchesUnremembered(Analyzer, terms, text, from, to, matches);
            return;
        }

        foreach (var token in Tokens(text[from..to]))
        {
            if (terms.TryGetValue(token.Term, out var id))
            {
                matches.Add(new Snippets.Match(from + token.Start, from + token.End, id));
            }
        }
    }

    /// <summary>The tokens the analyzer makes of <paramref name="region"/>, in order, remembered for next time.</summary>
    public Token[] Tokens(ReadOnlyMemory<char> region)
    {
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
        using var stream = analyzer.GetTokenStream("snippet", new MemoryReader(region));
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

    /// <summary>What <see cref="FindMatches"/> finds, by running the analyzer on the region without remembering it
    /// (whole texts, long regions): only the matching tokens' terms are looked at, none is kept.</summary>
    internal static void FindMatchesUnremembered(Analyzer analyzer, Dictionary<string, int> terms, ReadOnlyMemory<char> text, int from, int to, List<Snippets.Match> matches)
    {
        var lookup = terms.GetAlternateLookup<ReadOnlySpan<char>>();
        var region = text[from..to];
        using var stream = analyzer.GetTokenStream("snippet", new MemoryReader(region));
        var termAttribute = stream.AddAttribute<ICharTermAttribute>();
        var offsetAttribute = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            if (lookup.TryGetValue(new ReadOnlySpan<char>(termAttribute.Buffer, 0, termAttribute.Length), out var id))
            {
                var start = offsetAttribute.StartOffset;
                var end = offsetAttribute.EndOffset;
                if (start >= 0 && end <= region.Length && start < end)
                {
                    matches.Add(new Snippets.Match(from + start, from + end, id));
                }
            }
        }

        stream.End();
    }

    /// <summary>A reader over characters the caller owns, so analyzing a region of a pooled buffer copies nothing.</summary>
    private sealed class MemoryReader(ReadOnlyMemory<char> text) : TextReader
    {
        private int _position;

        public override int Peek() => _position < text.Length ? text.Span[_position] : -1;

        public override int Read() => _position < text.Length ? text.Span[_position++] : -1;

        public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

        public override int Read(Span<char> buffer)
        {
            var count = Math.Min(buffer.Length, text.Length - _position);
            text.Span.Slice(_position, count).CopyTo(buffer);
            _position += count;
            return count;
        }
    }
}
