namespace Haven.Search.Tests;

public sealed class RegionAnalyzerTests
{
    [Fact]
    public void A_region_s_tokens_are_analyzed_once_and_are_what_analyzing_gives()
    {
        using var analyzers = new LanguageAnalyzers();
        var english = analyzers.ForSnippets(ContentLanguage.English);

        var first = english.Tokens("Detainers,".AsMemory());
        var again = english.Tokens("xDetainers,".AsMemory(1..));

        again.Should().BeSameAs(first, "the same characters are looked up, not analyzed again");
        first.Should().Equal(new RegionAnalyzer.Token(0, 9, "detain"));
        english.Tokens("don't stop".AsMemory()).Should().Equal(RegionAnalyzer.Analyze(analyzers.For(ContentLanguage.English), "don't stop".AsMemory()));
        analyzers.ForSnippets(ContentLanguage.Spanish).Tokens("Detainers,".AsMemory()).Should().NotBeSameAs(first, "each language has its own");
    }

    [Fact]
    public void Past_its_capacity_it_starts_over_and_stays_exact()
    {
        using var analyzers = new LanguageAnalyzers();
        var english = analyzers.ForSnippets(ContentLanguage.English);
        var analyzer = analyzers.For(ContentLanguage.English);

        for (var i = 0; i < RegionAnalyzer.Capacity + 500; i++)
        {
            var region = $"Hoping{i}s,";
            english.Tokens(region.AsMemory()).Should().Equal(RegionAnalyzer.Analyze(analyzer, region.AsMemory()));
        }

        english.Tokens("organizations.".AsMemory()).Should().Equal(new RegionAnalyzer.Token(0, 13, "organ"));
    }
}
