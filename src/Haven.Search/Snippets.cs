using System.Buffers;
using System.Numerics;
using System.Text;
using Lucene.Net.Analysis;

namespace Haven.Search;

/// <summary>Makes the HTML snippet of a hit: re-analyzes its stored text with the analyzer of its language, finds
/// the tokens whose terms the query searched for, and shows ~200 characters around the densest group of them.</summary>
internal static class Snippets
{
    /// <summary>Length aimed at; word boundaries make the result ~160 to 240 characters.</summary>
    public const int TargetLength = 200;
    /// <summary>Only this much of each stored field is re-analyzed (attachments can be very long).</summary>
    public const int MaxAnalyzedChars = 32_768;

    private const char Ellipsis = '\u2026';
    private const int InitialMatchCapacity = 64;

    private static readonly SearchValues<char> WhiteSpace = SearchValues.Create(" \t\n\r\f\v\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\u0085");

    internal readonly record struct Match(int Start, int End, int TermId);

    /// <param name="sources">Stored texts in order of preference when equally good (summary, body, attachments).</param>
    public static string? Build(RegionAnalyzer analyzer, Dictionary<string, int> terms, ReadOnlySpan<ReadOnlyMemory<char>> sources)
    {
        ReadOnlyMemory<char> bestText = default;
        List<Match>? bestMatches = null;
        List<Match>? spare = null;
        var bestScore = 0L;
        var bestFirst = 0;
        var bestLast = 0;
        foreach (var text in sources)
        {
            if (text.IsEmpty || terms.Count == 0)
            {
                continue;
            }

            // Two lists at most per snippet: the best source's matches and the ones being found.
            var matches = spare ?? new List<Match>(InitialMatchCapacity);
            matches.Clear();
            FindMatches(analyzer, terms, text, matches);
            spare = matches;
            if (matches.Count == 0)
            {
                continue;
            }

            var (score, first, last) = BestWindow(matches);
            if (score > bestScore)
            {
                spare = bestMatches;
                (bestText, bestMatches, bestScore, bestFirst, bestLast) = (text, matches, score, first, last);
            }
        }

        if (bestMatches is null)
        {
            // Matched only through the title (or beyond the analyzed part): show the beginning of the text.
            foreach (var text in sources)
            {
                if (!text.Span.IsWhiteSpace())
                {
                    return Render(text.Span, [], 0, 0, Math.Min(text.Length, TargetLength));
                }
            }

            return null;
        }

        var windowStart = bestMatches[bestFirst].Start;
        var windowEnd = bestMatches[bestLast].End;
        var (start, end) = Frame(bestText.Span, windowStart, windowEnd);
        return Render(bestText.Span, bestMatches, bestFirst, start, end);
    }

    /// <summary>Finds the tokens of <paramref name="text"/> whose analyzed term is one of <paramref name="terms"/>.</summary>
    /// <remarks>Re-analyzing whole texts was half of a search request's time, so only the words that can match are
    /// analyzed: the stemmers (Porter, Spanish light, none) only rewrite the last two characters of a word's stem at
    /// most, once case and accents are folded, so any word that stems to a term contains that term less its last two
    /// characters (its probe). The words around each occurrence of a probe, cut at whitespace (which always ends a
    /// token), are analyzed exactly as before; the rest is skipped.</remarks>
    internal static void FindMatches(RegionAnalyzer analyzer, Dictionary<string, int> terms, string text, List<Match> matches) =>
        FindMatches(analyzer, terms, text.AsMemory(), matches);

    internal static void FindMatches(RegionAnalyzer analyzer, Dictionary<string, int> terms, ReadOnlyMemory<char> text, List<Match> matches)
    {
        var analyzed = text.Length > MaxAnalyzedChars ? text[..MaxAnalyzedChars] : text;
        var folded = ArrayPool<char>.Shared.Rent(analyzed.Length);
        try
        {
            var foldedText = folded.AsSpan(0, analyzed.Length);
            Fold(analyzed.Span, foldedText);
            var regions = CandidateRegions(foldedText, terms);
            if (regions is null)
            {
                RegionAnalyzer.FindMatchesUnremembered(analyzer.Analyzer, terms, analyzed, 0, analyzed.Length, matches);
                return;
            }

            foreach (var (start, end) in regions)
            {
                analyzer.FindMatches(terms, analyzed, start, end, matches);
            }
        }
        finally
        {
            ArrayPool<char>.Shared.Return(folded);
        }
    }

    /// <summary>The same matches by analyzing the whole text: what <see cref="FindMatches"/> must always equal.</summary>
    internal static List<Match> FindMatchesByFullAnalysis(Analyzer analyzer, Dictionary<string, int> terms, string text)
    {
        var matches = new List<Match>();
        var analyzed = text.Length > MaxAnalyzedChars ? text.AsMemory(0, MaxAnalyzedChars) : text.AsMemory();
        RegionAnalyzer.FindMatchesUnremembered(analyzer, terms, analyzed, 0, analyzed.Length, matches);
        return matches;
    }

    /// <summary>Sorted, disjoint whitespace-bounded ranges around every probe occurrence; null when they would cover
    /// most of the text anyway (analyzing it whole is then cheaper).</summary>
    private static List<(int Start, int End)>? CandidateRegions(ReadOnlySpan<char> folded, Dictionary<string, int> terms)
    {
        var found = new List<(int Start, int End)>();
        var covered = 0;
        Span<char> buffer = stackalloc char[64];
        foreach (var term in terms.Keys)
        {
            if (term.Length == 0)
            {
                return null;
            }

            if (term.Length > buffer.Length)
            {
                buffer = new char[term.Length];
            }

            // The term's probe: the part every word stemming to it contains once folded, that is the folded term less
            // its last two characters. Folded into a reused buffer, not allocated for every text of every hit.
            Fold(term, buffer);
            ReadOnlySpan<char> probe = buffer[..Math.Max(1, term.Length - 2)];

            var from = 0;
            while (from < folded.Length)
            {
                var at = folded[from..].IndexOf(probe, StringComparison.Ordinal);
                if (at < 0)
                {
                    break;
                }

                at += from;
                var start = folded[..at].LastIndexOfAny(WhiteSpace) + 1;
                var endOffset = folded[(at + probe.Length)..].IndexOfAny(WhiteSpace);
                var end = endOffset < 0 ? folded.Length : at + probe.Length + endOffset;
                found.Add((start, end));
                covered += end - start;
                if (covered > folded.Length / 2)
                {
                    return null;
                }

                from = end;
            }
        }

        found.Sort();
        var merged = new List<(int Start, int End)>(found.Count);
        foreach (var region in found)
        {
            if (merged.Count > 0 && region.Start <= merged[^1].End)
            {
                merged[^1] = (merged[^1].Start, Math.Max(merged[^1].End, region.End));
            }
            else
            {
                merged.Add(region);
            }
        }

        return merged;
    }

    /// <summary>Lower case without the accents the Spanish stemmer removes, one character for one.</summary>
    /// <remarks>Runs of ASCII are lowered with <see cref="Ascii.ToLower(ReadOnlySpan{char}, Span{char}, out int)"/>
    /// (vectorized; the same result as <see cref="char.ToLowerInvariant"/> there): folding the hits' whole texts a
    /// character at a time was a quarter of a snippet's time.</remarks>
    private static void Fold(ReadOnlySpan<char> text, Span<char> folded)
    {
        while (!text.IsEmpty)
        {
            if (Ascii.ToLower(text, folded, out var written) == OperationStatus.Done)
            {
                return;
            }

            // text[written] is not ASCII.
            folded[written] = Fold(text[written]);
            text = text[(written + 1)..];
            folded = folded[(written + 1)..];
        }
    }

    private static char Fold(char character)
    {
        var c = char.ToLowerInvariant(character);
        return c switch
        {
            'à' or 'á' or 'â' or 'ä' or 'ã' => 'a',
            'è' or 'é' or 'ê' or 'ë' => 'e',
            'ì' or 'í' or 'î' or 'ï' => 'i',
            'ò' or 'ó' or 'ô' or 'ö' or 'õ' => 'o',
            'ù' or 'ú' or 'û' or 'ü' => 'u',
            _ => c,
        };
    }

    /// <summary>The run of matches fitting in <see cref="TargetLength"/> with the most distinct terms, then the
    /// most matches; the earliest such run.</summary>
    private static (long Score, int First, int Last) BestWindow(List<Match> matches)
    {
        var best = (Score: 0L, First: 0, Last: 0);
        var last = 0;
        for (var first = 0; first < matches.Count; first++)
        {
            last = Math.Max(last, first);
            while (last + 1 < matches.Count && matches[last + 1].End - matches[first].Start <= TargetLength)
            {
                last++;
            }

            var distinct = 0UL;
            for (var i = first; i <= last; i++)
            {
                distinct |= 1UL << Math.Min(matches[i].TermId, 63);
            }

            var score = (BitOperations.PopCount(distinct) * 100_000L) + (last - first + 1);
            if (score > best.Score)
            {
                best = (score, first, last);
            }
        }

        return best;
    }

    /// <summary>A range of about <see cref="TargetLength"/> characters around [windowStart, windowEnd), cut at
    /// whitespace where possible.</summary>
    private static (int Start, int End) Frame(ReadOnlySpan<char> text, int windowStart, int windowEnd)
    {
        var length = text.Length;
        var spare = Math.Max(0, TargetLength - (windowEnd - windowStart));
        var start = Math.Max(0, windowStart - Math.Min(spare / 2, 80));
        var end = Math.Min(length, start + Math.Max(TargetLength, windowEnd - start));
        if (end == length)
        {
            start = Math.Max(0, Math.Min(windowStart, end - TargetLength));
        }

        if (start > 0 && !char.IsWhiteSpace(text[start - 1]))
        {
            var space = IndexOfWhiteSpace(text, start, windowStart);
            if (space >= 0)
            {
                start = space + 1;
            }
        }

        if (end < length && !char.IsWhiteSpace(text[end]))
        {
            var space = LastIndexOfWhiteSpace(text, windowEnd, end);
            if (space >= 0)
            {
                end = space;
            }
        }

        if (start > 0 && start < length && char.IsLowSurrogate(text[start]))
        {
            start++;
        }

        if (end < length && end > start && char.IsHighSurrogate(text[end - 1]))
        {
            end--;
        }

        return (start, end);
    }

    private static int IndexOfWhiteSpace(ReadOnlySpan<char> text, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private static int LastIndexOfWhiteSpace(ReadOnlySpan<char> text, int from, int to)
    {
        for (var i = to - 1; i >= from; i--)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private static string Render(ReadOnlySpan<char> text, List<Match> matches, int firstMatch, int start, int end)
    {
        var html = new StringBuilder((end - start) + 64);
        if (start > 0)
        {
            html.Append(Ellipsis);
        }

        var position = start;
        for (var i = firstMatch; i < matches.Count && matches[i].Start < end; i++)
        {
            var match = matches[i];
            if (match.Start < position || match.End > end)
            {
                continue;
            }

            AppendText(html, text, position, match.Start);
            html.Append("<mark>");
            AppendText(html, text, match.Start, match.End);
            html.Append("</mark>");
            position = match.End;
        }

        AppendText(html, text, position, end);
        var trimmedEnd = html.Length;
        while (trimmedEnd > 0 && html[trimmedEnd - 1] == ' ')
        {
            trimmedEnd--;
        }

        html.Length = trimmedEnd;
        if (end < text.Length)
        {
            html.Append(Ellipsis);
        }

        return html.ToString();
    }

    /// <summary>Appends text HTML-encoded, with each run of whitespace (newlines included) as one space.</summary>
    private static void AppendText(StringBuilder html, ReadOnlySpan<char> text, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                if (html.Length > 0 && html[^1] != ' ' && !(html.Length == 1 && html[0] == Ellipsis))
                {
                    html.Append(' ');
                }

                continue;
            }

            switch (c)
            {
                case '<':
                    html.Append("&lt;");
                    break;
                case '>':
                    html.Append("&gt;");
                    break;
                case '&':
                    html.Append("&amp;");
                    break;
                case '"':
                    html.Append("&quot;");
                    break;
                case '\'':
                    html.Append("&#39;");
                    break;
                default:
                    html.Append(c);
                    break;
            }
        }
    }
}
