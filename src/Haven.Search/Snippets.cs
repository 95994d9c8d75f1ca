using System.Numerics;
using System.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

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

    private readonly record struct Match(int Start, int End, int TermId);

    /// <param name="sources">Stored texts in order of preference when equally good (summary, body, attachments).</param>
    public static string? Build(Analyzer analyzer, Dictionary<string, int> terms, IReadOnlyList<string?> sources)
    {
        string? bestText = null;
        List<Match>? bestMatches = null;
        List<Match>? spare = null;
        var bestScore = 0L;
        var bestFirst = 0;
        var bestLast = 0;
        foreach (var text in sources)
        {
            if (string.IsNullOrEmpty(text) || terms.Count == 0)
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

        if (bestText is null || bestMatches is null)
        {
            // Matched only through the title (or beyond the analyzed part): show the beginning of the text.
            var text = sources.FirstOrDefault(s => !string.IsNullOrWhiteSpace(s));
            return text is null ? null : Render(text, [], 0, 0, Math.Min(text.Length, TargetLength));
        }

        var windowStart = bestMatches[bestFirst].Start;
        var windowEnd = bestMatches[bestLast].End;
        var (start, end) = Frame(bestText, windowStart, windowEnd);
        return Render(bestText, bestMatches, bestFirst, start, end);
    }

    private static void FindMatches(Analyzer analyzer, Dictionary<string, int> terms, string text, List<Match> matches)
    {
        var lookup = terms.GetAlternateLookup<ReadOnlySpan<char>>();
        var analyzed = text.Length > MaxAnalyzedChars ? text[..MaxAnalyzedChars] : text;
        using var stream = analyzer.GetTokenStream("snippet", analyzed);
        var termAttribute = stream.AddAttribute<ICharTermAttribute>();
        var offsetAttribute = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            if (lookup.TryGetValue(new ReadOnlySpan<char>(termAttribute.Buffer, 0, termAttribute.Length), out var id))
            {
                var start = offsetAttribute.StartOffset;
                var end = offsetAttribute.EndOffset;
                if (start >= 0 && end <= analyzed.Length && start < end)
                {
                    matches.Add(new Match(start, end, id));
                }
            }
        }

        stream.End();
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
    private static (int Start, int End) Frame(string text, int windowStart, int windowEnd)
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

    private static int IndexOfWhiteSpace(string text, int from, int to)
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

    private static int LastIndexOfWhiteSpace(string text, int from, int to)
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

    private static string Render(string text, List<Match> matches, int firstMatch, int start, int end)
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
    private static void AppendText(StringBuilder html, string text, int from, int to)
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
