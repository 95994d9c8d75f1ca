namespace Haven.Search.Tests;

/// <summary>What a document keeps for its snippets decodes to the texts it was given, whatever their characters,
/// into a buffer borrowed from the pool.</summary>
public sealed class SnippetSourceTests
{
    [Fact]
    public void Texts_decode_as_they_were_encoded()
    {
        const string summary = "Caf\u00e9, na\u00efve \u2014 ni\u00f1os \U0001F600 and plain words.";
        var body = string.Concat(Enumerable.Repeat("Detainer requests and 287(g) agreements; \u00bfqu\u00e9 hacer? ", 200));

        using var decoded = SnippetSource.Decode(SnippetSource.Encode(ContentLanguage.Spanish, summary, body, null));

        decoded.Should().NotBeNull();
        decoded!.Language.Should().Be(ContentLanguage.Spanish);
        decoded.Texts.Select(t => t.ToString()).Should().Equal(summary, body, "");
    }

    [Fact]
    public void A_value_in_another_format_decodes_to_nothing()
    {
        SnippetSource.Decode(new Lucene.Net.Util.BytesRef([9, 0, 0, 0, 0, 0, 1, 2])).Should().BeNull();
    }

    [Fact]
    public void Snippets_cut_from_decoded_texts_mark_the_matched_words()
    {
        using var analyzers = new LanguageAnalyzers();
        const string body = "Intro words here. The sheriff declined every ICE detainer request last year, a policy advocates praised.";
        using var decoded = SnippetSource.Decode(SnippetSource.Encode(ContentLanguage.English, "A short summary.", body, null));
        var terms = new Dictionary<string, int>(StringComparer.Ordinal) { [analyzers.Analyze(ContentLanguage.English, "detainers", 1).Single().Term] = 0 };

        var snippet = Snippets.Build(analyzers.ForSnippets(ContentLanguage.English), terms, decoded!.Texts);

        snippet.Should().Contain("ICE <mark>detainer</mark> request");
    }
}
