using Lucene.Net.Analysis;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Es;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;

namespace Haven.Search;

/// <summary>One analyzer per <see cref="ContentLanguage"/>, plus the per-field wrapper the writer uses. Lucene
/// analyzers are thread-safe (their token streams are reused per thread).</summary>
internal sealed class LanguageAnalyzers : IDisposable
{
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;

    private readonly Analyzer[] _byLanguage;
    private readonly RegionAnalyzer[] _forSnippets;

    public LanguageAnalyzers()
    {
        _byLanguage =
        [
            new EnglishAnalyzer(Version),
            new SpanishAnalyzer(Version),
            new StandardAnalyzer(Version),
        ];
        _forSnippets = _byLanguage.Select(analyzer => new RegionAnalyzer(analyzer)).ToArray();

        var perField = new Dictionary<string, Analyzer>(StringComparer.Ordinal);
        foreach (var (field, language) in SearchFields.AllTextFields())
        {
            perField[field] = For(language);
        }

        IndexAnalyzer = new IndexFieldAnalyzer(For(ContentLanguage.Other), perField);
    }

    /// <summary>Analyzes each text field with its language's analyzer, leaving
    /// <see cref="SearchFields.PartGap"/> positions between the values (parts) of a field.</summary>
    public Analyzer IndexAnalyzer { get; }

    public Analyzer For(ContentLanguage language) => _byLanguage[(int)language];

    /// <summary>The analyzer of <paramref name="language"/> as snippets use it, remembering the words it analyzed.</summary>
    public RegionAnalyzer ForSnippets(ContentLanguage language) => _forSnippets[(int)language];

    /// <summary>The terms (with positions, first one at 0) that <paramref name="language"/>'s analyzer makes of
    /// <paramref name="text"/>, at most <paramref name="maxTokens"/>.</summary>
    public List<(string Term, int Position)> Analyze(ContentLanguage language, string text, int maxTokens)
    {
        var terms = new List<(string Term, int Position)>();
        using var stream = For(language).GetTokenStream("q", text);
        var termAttribute = stream.AddAttribute<ICharTermAttribute>();
        var incrementAttribute = stream.AddAttribute<IPositionIncrementAttribute>();
        stream.Reset();
        var position = -1;
        var first = -1;
        while (stream.IncrementToken())
        {
            position += incrementAttribute.PositionIncrement;
            if (terms.Count >= maxTokens || termAttribute.Length == 0)
            {
                continue;
            }

            if (first < 0)
            {
                first = position;
            }

            terms.Add((termAttribute.ToString(), position - first));
        }

        stream.End();
        return terms;
    }

    public void Dispose()
    {
        IndexAnalyzer.Dispose();
        foreach (var analyzer in _byLanguage)
        {
            analyzer.Dispose();
        }
    }

    /// <summary>Per-field analyzer with a position gap between the values (parts) of the text fields.</summary>
    private sealed class IndexFieldAnalyzer(Analyzer fallback, Dictionary<string, Analyzer> perField)
        : AnalyzerWrapper(PER_FIELD_REUSE_STRATEGY)
    {
        public override int GetPositionIncrementGap(string fieldName) =>
            perField.ContainsKey(fieldName) ? SearchFields.PartGap : base.GetPositionIncrementGap(fieldName);

        protected override Analyzer GetWrappedAnalyzer(string fieldName) =>
            perField.TryGetValue(fieldName, out var analyzer) ? analyzer : fallback;
    }
}
