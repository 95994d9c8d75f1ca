using Haven.Core.Search;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace Haven.Search;

/// <summary>One piece of the reader's search text: a word or a quoted phrase, possibly excluded with a leading '-'.</summary>
internal readonly record struct TextUnit(string Text, bool IsPhrase, bool IsExcluded);

/// <summary>The search text turned into a Lucene query, built by hand (no QueryParser, so there is no syntax to
/// get wrong), plus what snippets need.</summary>
internal sealed class SearchText
{
    /// <summary>At most this many words and phrases are used (each becomes one clause of the top query).</summary>
    public const int MaxUnits = 32;
    /// <summary>At most this many terms of one phrase are used.</summary>
    public const int MaxPhraseTerms = 32;

    private SearchText(Query query, bool hasPositiveText, bool wasShortened, Dictionary<string, int>[] snippetTerms, List<Query>? bonusClauses = null)
    {
        Query = query;
        HasPositiveText = hasPositiveText;
        WasShortened = wasShortened;
        SnippetTerms = snippetTerms;
        BonusClauses = bonusClauses ?? [];
    }

    /// <summary>Matches the documents the text allows (all of them without text), scored by the catch-all fields.</summary>
    public Query Query { get; }

    /// <summary>Title and summary matches of the words (in the head fields), each a term or phrase query, boosted: for a
    /// document that <see cref="Query"/> matches, the scores of those that also match it are added to its score
    /// (see <see cref="ScoreBonus"/>). They never decide what matches.</summary>
    public IReadOnlyList<Query> BonusClauses { get; }

    /// <summary>There is at least one word or phrase that documents must contain: scores and snippets mean something.</summary>
    public bool HasPositiveText { get; }

    public bool WasShortened { get; }

    /// <summary>Per <see cref="ContentLanguage"/>, the analyzed terms to mark in snippets, each with a small id.</summary>
    public Dictionary<string, int>[] SnippetTerms { get; }

    public static SearchText Parse(string? text, LanguageAnalyzers analyzers)
    {
        var snippetTerms = new Dictionary<string, int>[SearchFields.LanguageCount];
        for (var i = 0; i < snippetTerms.Length; i++)
        {
            snippetTerms[i] = new Dictionary<string, int>(StringComparer.Ordinal);
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return new SearchText(new MatchAllDocsQuery(), false, false, snippetTerms);
        }

        var shortened = false;
        if (text.Length > ResourceQuery.MaxTextLength)
        {
            var cut = ResourceQuery.MaxTextLength;
            if (char.IsHighSurrogate(text[cut - 1]))
            {
                cut--;
            }

            text = text[..cut];
            shortened = true;
        }

        var required = new List<List<(string Term, int Position)>[]>();
        var excluded = new List<List<(string Term, int Position)>[]>();
        foreach (var unit in Split(text))
        {
            if (required.Count + excluded.Count >= MaxUnits)
            {
                break;
            }

            var perLanguage = new List<(string Term, int Position)>[SearchFields.LanguageCount];
            var dropped = false;
            foreach (var language in Enum.GetValues<ContentLanguage>())
            {
                var terms = analyzers.Analyze(language, unit.Text, unit.IsPhrase ? MaxPhraseTerms : 8);
                if (terms.Count == 0)
                {
                    // A stop word (or punctuation) in any language is dropped altogether: otherwise "the" would
                    // have to appear in Spanish documents and "los" in English ones.
                    dropped = true;
                    break;
                }

                perLanguage[(int)language] = terms;
            }

            if (dropped)
            {
                continue;
            }

            (unit.IsExcluded ? excluded : required).Add(perLanguage);
            if (!unit.IsExcluded)
            {
                for (var language = 0; language < perLanguage.Length; language++)
                {
                    foreach (var (term, _) in perLanguage[language])
                    {
                        snippetTerms[language].TryAdd(term, snippetTerms[language].Count);
                    }
                }
            }
        }

        if (required.Count == 0 && excluded.Count == 0)
        {
            return new SearchText(new MatchAllDocsQuery(), false, shortened, snippetTerms);
        }

        if (required.Count == 0)
        {
            var exclusions = new BooleanQuery(disableCoord: true) { { new MatchAllDocsQuery(), Occur.MUST } };
            foreach (var unit in excluded)
            {
                var inAnyLanguage = new BooleanQuery(disableCoord: true);
                foreach (var language in Enum.GetValues<ContentLanguage>())
                {
                    inAnyLanguage.Add(Match(SearchFields.CatchAll(language), unit[(int)language]), Occur.SHOULD);
                }

                exclusions.Add(inAnyLanguage, Occur.MUST_NOT);
            }

            return new SearchText(exclusions, false, shortened, snippetTerms);
        }

        // Every document is indexed in exactly one language, so "each word (as analyzed in some language) is in
        // the document" is the same as "for the document's language, each word as analyzed in that language is
        // in it": one conjunction per language, with one posting list per word, and one small disjunction on top.
        var query = new BooleanQuery(disableCoord: true);
        var bonusClauses = new List<Query>();
        foreach (var language in Enum.GetValues<ContentLanguage>())
        {
            var inLanguage = new BooleanQuery(disableCoord: true);
            foreach (var unit in required)
            {
                var terms = unit[(int)language];
                inLanguage.Add(Match(SearchFields.CatchAll(language), terms), Occur.MUST);
                var bonus = Match(SearchFields.Head(language), terms);
                bonus.Boost = SearchFields.HeadBoost;
                bonusClauses.Add(bonus);
            }

            foreach (var unit in excluded)
            {
                inLanguage.Add(Match(SearchFields.CatchAll(language), unit[(int)language]), Occur.MUST_NOT);
            }

            query.Add(inLanguage, Occur.SHOULD);
        }

        return new SearchText(query, true, shortened, snippetTerms, bonusClauses);
    }

    /// <summary>Splits search text into words, "quoted phrases" and -exclusions. Nothing else is syntax: an
    /// unbalanced quote makes the rest of the text a phrase.</summary>
    public static List<TextUnit> Split(string text)
    {
        var units = new List<TextUnit>();
        var i = 0;
        var n = text.Length;
        while (i < n)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                i++;
                continue;
            }

            var isExcluded = false;
            if (text[i] == '-' && i + 1 < n && !char.IsWhiteSpace(text[i + 1]))
            {
                isExcluded = true;
                i++;
            }

            if (text[i] == '"')
            {
                var close = text.IndexOf('"', i + 1);
                var end = close < 0 ? n : close;
                units.Add(new TextUnit(text[(i + 1)..end], true, isExcluded));
                i = close < 0 ? n : close + 1;
            }
            else
            {
                var start = i;
                while (i < n && !char.IsWhiteSpace(text[i]) && text[i] != '"')
                {
                    i++;
                }

                units.Add(new TextUnit(text[start..i], false, isExcluded));
            }
        }

        return units;
    }

    /// <summary>The term, or the phrase of the terms at their relative positions, in one field.</summary>
    private static Query Match(string field, List<(string Term, int Position)> terms)
    {
        if (terms.Count == 1)
        {
            return new TermQuery(new Term(field, terms[0].Term));
        }

        var phrase = new PhraseQuery();
        foreach (var (term, position) in terms)
        {
            phrase.Add(new Term(field, term), position);
        }

        return phrase;
    }
}
