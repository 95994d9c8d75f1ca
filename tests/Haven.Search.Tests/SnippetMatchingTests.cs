namespace Haven.Search.Tests;

/// <summary>Snippets analyze only the words around a term's probe (see <see cref="Snippets.FindMatches"/>): for every
/// word of these texts, searched alone, that must find exactly the matches a full re-analysis finds.</summary>
public sealed class SnippetMatchingTests
{
    private const string English =
        "Hoping, hoped and hopes; happy, happier, happiness and happily. Relational, conditional, rational relations. " +
        "Valency, valences; possibly, possible, possibility; sensibility, sensible. Troubled, troubling, trouble. " +
        "Sized, sizing, sizes; organization, organizations, organizational, organize, organizer, organizing. " +
        "Detainers, detained, detaining, detention, detentions. Probation, probationary, probationer's. " +
        "Duplicate, duplicating, duplicity; generalization, generalize; conflated, conflating. Agreed, agreeing. " +
        "The I-247A form, ICE's U.S. policies, 287(g) agreements, don't, can't, it's; e-mail, co-counsel. " +
        "Sheriffs' offices; ponies, flies, cries, crying, dying, lying, studies, studying, controlled, controlling. " +
        "Electrical, electricity, electrically; hopefulness, goodness, formality, formalities, formalize. " +
        "Adjustable, adjustment, dependent, dependence, dependency, dependably; activate, activation, active. " +
        "Communism, communist, communities, community, communal; relativity, relative; adoption, adopted.\n" +
        "Caf\u00e9 na\u00efve r\u00e9sum\u00e9 \u00c9mile \u00dcber STRASSE stra\u00dfe \u0130stanbul.";

    private const string Spanish =
        "Pol\u00edticas, pol\u00edtica, pol\u00edtico, pol\u00edticos; naci\u00f3n, naciones, nacional, nacionales. " +
        "Detenci\u00f3n, detenciones, detenido, detenidos, detenida; derechos, derecho; veces, vez, luces, luz, l\u00e1pices. " +
        "Inmigraci\u00f3n, inmigrante, inmigrantes; ni\u00f1os, ni\u00f1as, a\u00f1o, a\u00f1os; ping\u00fcino, ping\u00fcinos. " +
        "Tribunales, tribunal; jueces, juez; c\u00e1rcel, c\u00e1rceles; polic\u00eda, polic\u00edas; ciudades, ciudad. " +
        "Orden de detenci\u00f3n del ICE; acuerdos 287(g); \u00bfQu\u00e9 hacer? \u00a1Con\u00f3zca sus derechos! " +
        "Est\u00e1n, estaba, estar\u00e1n, hablamos, hablaron, hablar\u00edan, r\u00e1pidamente, f\u00e1cilmente.";

    public static TheoryData<string, string> Texts => new()
    {
        { nameof(ContentLanguage.English), English },
        { nameof(ContentLanguage.Spanish), Spanish },
        { nameof(ContentLanguage.Other), English + " " + Spanish },
        { nameof(ContentLanguage.English), Spanish },
        { nameof(ContentLanguage.Spanish), English },
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public void Matching_only_around_probes_finds_what_a_full_analysis_finds(string languageName, string text)
    {
        var language = Enum.Parse<ContentLanguage>(languageName);
        using var analyzers = new LanguageAnalyzers();
        var analyzer = analyzers.For(language);
        var words = analyzers.Analyze(language, text, int.MaxValue).Select(t => t.Term).Distinct().ToList();
        words.Should().HaveCountGreaterThan(30);

        // Twice: the second pass finds the regions' tokens remembered from the first (and from other words' searches).
        foreach (var pass in new[] { "first", "second" })
        {
            foreach (var word in words)
            {
                var terms = new Dictionary<string, int>(StringComparer.Ordinal) { [word] = 0 };
                var found = new List<Snippets.Match>();
                Snippets.FindMatches(analyzers.ForSnippets(language), terms, text, found);

                var expected = Snippets.FindMatchesByFullAnalysis(analyzer, terms, text);
                expected.Should().NotBeEmpty();
                found.Should().Equal(expected, $"searching '{word}' in {language}, {pass} pass");
            }
        }
    }

    [Fact]
    public void Several_terms_are_found_in_text_order()
    {
        using var analyzers = new LanguageAnalyzers();
        var analyzer = analyzers.For(ContentLanguage.English);
        var terms = new Dictionary<string, int>(StringComparer.Ordinal) { ["detain"] = 0, ["probat"] = 1, ["hope"] = 2 };

        var found = new List<Snippets.Match>();
        Snippets.FindMatches(analyzers.ForSnippets(ContentLanguage.English), terms, English, found);

        found.Should().Equal(Snippets.FindMatchesByFullAnalysis(analyzer, terms, English));
        found.Select(m => m.Start).Should().BeInAscendingOrder();
        found.Select(m => English[m.Start..m.End]).Should().Contain(["Hoping", "hoped", "Detainers", "Probation"]);
    }
}
