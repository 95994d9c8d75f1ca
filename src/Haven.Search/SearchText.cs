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

    private SearchText(Query query, bool hasPositiveText, bool wasShortened, Dictionary<string, int>[] snippetTerms)
    {
        Query = query;
        HasPositiveText = hasPositiveText;
        WasShortened = wasShortened;
        SnippetTerms = snippetTerms;
    }

    /// <summary>Matches the documents the text allows (all of them without text).</summary>
    public Query Query { get; }

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

        var required = new List<Query>();
        var excluded = new List<Query>();
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

            (unit.IsExcluded ? excluded : required).Add(UnitQuery(perLanguage));
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

        if (required.Count == 1 && excluded.Count == 0)
        {
            return new SearchText(required[0], true, shortened, snippetTerms);
        }

        var query = new BooleanQuery(disableCoord: true);
        if (required.Count == 0)
        {
            query.Add(new MatchAllDocsQuery(), Occur.MUST);
        }

        foreach (var clause in required)
        {
            query.Add(clause, Occur.MUST);
        }

        foreach (var clause in excluded)
        {
            query.Add(clause, Occur.MUST_NOT);
        }

        return new SearchText(query, required.Count > 0, shortened, snippetTerms);
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

    /// <summary>A word or phrase in any language: a disjunction over every text part in every language, each
    /// with the terms that language's analyzer made of it.</summary>
    private static BooleanQuery UnitQuery(List<(string Term, int Position)>[] perLanguage)
    {
        var query = new BooleanQuery(disableCoord: true);
        foreach (var language in Enum.GetValues<ContentLanguage>())
        {
            var terms = perLanguage[(int)language];
            foreach (var part in Enum.GetValues<TextPart>())
            {
                var field = SearchFields.Text(part, language);
                Query clause;
                if (terms.Count == 1)
                {
                    clause = new TermQuery(new Term(field, terms[0].Term));
                }
                else
                {
                    var phrase = new PhraseQuery();
                    foreach (var (term, position) in terms)
                    {
                        phrase.Add(new Term(field, term), position);
                    }

                    clause = phrase;
                }

                clause.Boost = SearchFields.TextBoosts[(int)part];
                query.Add(clause, Occur.SHOULD);
            }
        }

        return query;
    }
}
