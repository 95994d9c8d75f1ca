namespace Haven.Search.Tests;

public sealed class TextSearchTests
{
    [Fact]
    public void An_English_word_finds_English_documents_through_stemming()
    {
        using var index = new TestIndex(
            Some.Resource(1, body: "How to answer an immigration detainer at the county jail."),
            Some.Resource(2, body: "Bond hearings before the immigration judge."));

        index.Ids("detainers").Should().Equal(1);
        index.Ids("DETAINER").Should().Equal(1);
    }

    [Fact]
    public void A_Spanish_word_finds_Spanish_documents_through_Spanish_stemming()
    {
        using var index = new TestIndex(
            Some.Resource(1, language: "es", body: "Conozca su derecho a guardar silencio."),
            Some.Resource(2, language: "es", body: "La audiencia de fianza."));

        index.Ids("derechos").Should().Equal(1);
    }

    [Fact]
    public void A_query_word_is_searched_in_every_language_whatever_the_reader_speaks()
    {
        using var index = new TestIndex(
            Some.Resource(1, language: "en", body: "Detainers issued by ICE."),
            Some.Resource(2, language: "es-MX", body: "El detainer de ICE y sus derechos."),
            Some.Resource(3, language: "fr", body: "Le detainer et la prison."));

        index.Ids("detainer").Should().BeEquivalentTo([1, 2, 3]);
        index.Ids("derecho").Should().Equal(2);
    }

    [Fact]
    public void Every_plain_word_must_match()
    {
        using var index = new TestIndex(
            Some.Resource(1, body: "sheriff detainer"),
            Some.Resource(2, body: "sheriff probation"),
            Some.Resource(3, body: "detainer probation"));

        index.Ids("sheriff detainer").Should().Equal(1);
        index.Ids("sheriff probation detainer").Should().BeEmpty();
    }

    [Fact]
    public void Words_match_in_title_summary_body_or_attachments()
    {
        using var index = new TestIndex(
            Some.Resource(1, title: "Sheriff toolkit"),
            Some.Resource(2, summary: "About the sheriff."),
            Some.Resource(3, body: "Call the sheriff."),
            Some.Resource(4, attachments: "sheriff's office form"),
            Some.Resource(5, body: "Nothing relevant."));

        index.Ids("sheriff").Should().BeEquivalentTo([1, 2, 3, 4]);
    }

    [Fact]
    public void A_title_match_ranks_above_a_body_match()
    {
        using var index = new TestIndex(
            Some.Resource(1, title: "A practice advisory", body: "Mentions parole once among many other words about courts and hearings."),
            Some.Resource(2, title: "Parole", body: "Mentions nothing else of note in the text of this resource at all."));

        index.Ids("parole").Should().Equal(2, 1);
    }

    [Fact]
    public void A_summary_match_ranks_between_a_title_and_a_body_match()
    {
        using var index = new TestIndex(
            Some.Resource(1, title: "A practice advisory", summary: "Nothing to see.", body: "Mentions parole once among other words."),
            Some.Resource(2, title: "A practice advisory", summary: "About parole.", body: "Mentions nothing else of note at all here."),
            Some.Resource(3, title: "Parole", summary: "Nothing to see.", body: "Mentions nothing else of note at all here."));

        index.Ids("parole").Should().Equal(3, 2, 1);
    }

    [Fact]
    public void Title_matches_rank_first_for_every_word_of_the_query_in_either_language()
    {
        using var index = new TestIndex(
            Some.Resource(1, title: "A practice advisory", body: "Bond and parole, bond and parole, bond and parole again."),
            Some.Resource(2, title: "Bond and parole", body: "A text about hearings."),
            Some.Resource(3, language: "es", title: "Guía", body: "La fianza y la libertad condicional."),
            Some.Resource(4, language: "es", title: "Fianza", body: "La fianza y otras cosas."));

        index.Ids("bond parole").Should().Equal(2, 1);
        index.Ids("fianza").Should().Equal(4, 3);
    }

    [Fact]
    public void A_phrase_never_matches_across_title_summary_body_and_attachments()
    {
        using var index = new TestIndex(
            Some.Resource(1, title: "Guide to the bond", summary: "hearing rules.", body: "parole board", attachments: "office forms"),
            Some.Resource(2, body: "Before the bond hearing."));

        index.Ids("\"bond hearing\"").Should().Equal(2);
        index.Ids("\"board office\"").Should().BeEmpty();
        index.Ids("\"rules parole\"").Should().BeEmpty();
        index.Ids("bond hearing").Should().BeEquivalentTo([1, 2]);
    }

    [Fact]
    public void A_phrase_in_the_title_or_attachments_matches()
    {
        using var index = new TestIndex(
            Some.Resource(1, title: "The bond hearing guide"),
            Some.Resource(2, attachments: "Form for a bond hearing."),
            Some.Resource(3, body: "hearing about the bond"));

        index.Ids("\"bond hearing\"").Should().Equal(1, 2);
    }

    [Fact]
    public void An_excluded_word_removes_documents_that_have_it_in_any_part()
    {
        using var index = new TestIndex(
            Some.Resource(1, title: "Bond toolkit", body: "bond"),
            Some.Resource(2, summary: "A toolkit.", body: "bond"),
            Some.Resource(3, attachments: "toolkit", body: "bond"),
            Some.Resource(4, body: "bond"),
            Some.Resource(5, language: "es", title: "Herramientas", body: "bond"));

        index.Ids("bond -toolkit").Should().BeEquivalentTo([4, 5]);
        index.Ids("-toolkit").Should().BeEquivalentTo([4, 5]);
        index.Ids("bond -herramienta").Should().BeEquivalentTo([1, 2, 3, 4]);
    }

    [Fact]
    public void A_quoted_phrase_matches_only_words_in_that_order()
    {
        using var index = new TestIndex(
            Some.Resource(1, body: "You have the right to remain silent."),
            Some.Resource(2, body: "Remain calm; you have a right to a lawyer, and silent prayer is fine."));

        index.Ids("\"remain silent\"").Should().Equal(1);
        index.Ids("remain silent").Should().BeEquivalentTo([1, 2]);
        index.Ids("\"silent remain\"").Should().BeEmpty();
    }

    [Fact]
    public void A_phrase_is_stemmed_and_skips_stop_words_like_the_documents()
    {
        using var index = new TestIndex(
            Some.Resource(1, body: "Filing motions to reopen removal proceedings."),
            Some.Resource(2, language: "es", body: "Los derechos de los trabajadores agrícolas."));

        index.Ids("\"motion to reopen\"").Should().Equal(1);
        index.Ids("\"derecho de los trabajadores\"").Should().Equal(2);
    }

    [Fact]
    public void An_unbalanced_quote_makes_the_rest_a_phrase()
    {
        using var index = new TestIndex(
            Some.Resource(1, body: "bond hearing guide"),
            Some.Resource(2, body: "hearing on the bond"));

        index.Ids("\"bond hearing").Should().Equal(1);
    }

    [Fact]
    public void Excluded_words_and_phrases_remove_documents()
    {
        using var index = new TestIndex(
            Some.Resource(1, body: "bond hearing for detained clients"),
            Some.Resource(2, body: "bond hearing for children"),
            Some.Resource(3, body: "bond in criminal court"));

        index.Ids("bond -children").Should().BeEquivalentTo([1, 3]);
        index.Ids("bond -\"bond hearing\"").Should().Equal(3);
        index.Ids("bond -detained -children").Should().Equal(3);
    }

    [Fact]
    public void A_query_of_only_exclusions_lists_everything_else_newest_first()
    {
        using var index = new TestIndex(
            Some.Resource(1, body: "bond", date: Some.Date(2020)),
            Some.Resource(2, body: "parole", date: Some.Date(2022)),
            Some.Resource(3, body: "asylum", date: Some.Date(2021)));

        var result = index.Search("-parole");

        result.Hits.Select(h => h.ResourceId).Should().Equal(3, 1);
        result.Hits.Should().OnlyContain(h => h.SnippetHtml == null);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("the and of")]
    [InlineData("el la de los")]
    [InlineData("!!! ... ???")]
    [InlineData("\"\"")]
    [InlineData("-")]
    public void Text_without_searchable_words_lists_everything_newest_first(string? text)
    {
        using var index = new TestIndex(
            Some.Resource(1, body: "one", date: Some.Date(2019)),
            Some.Resource(2, body: "two", date: Some.Date(2023)),
            Some.Resource(3, body: "three"));

        var result = index.Search(text);

        result.Total.Should().Be(3);
        result.Hits.Select(h => h.ResourceId).Should().Equal(2, 1, 3);
        result.Hits.Should().OnlyContain(h => h.SnippetHtml == null);
    }

    [Fact]
    public void Stop_words_among_real_words_are_ignored_in_both_languages()
    {
        using var index = new TestIndex(
            Some.Resource(1, body: "detainer"),
            Some.Resource(2, language: "es", body: "derechos"));

        index.Ids("the detainer").Should().Equal(1);
        index.Ids("los derechos").Should().Equal(2);
    }

    [Theory]
    [InlineData("\"")]
    [InlineData("\"detainer")]
    [InlineData("NEAR(detainer, bond)")]
    [InlineData("detain*")]
    [InlineData("*")]
    [InlineData("?etainer")]
    [InlineData("title:detainer")]
    [InlineData("a:b")]
    [InlineData("((")]
    [InlineData("detainer AND bond OR NOT x")]
    [InlineData("detainer~2")]
    [InlineData("detainer^10")]
    [InlineData("[a TO z]")]
    [InlineData("{}")]
    [InlineData("\\")]
    [InlineData("\\\"detainer\\\"")]
    [InlineData("-\"")]
    [InlineData("--detainer")]
    [InlineData("- - -")]
    [InlineData("/regex/")]
    [InlineData("😀 detainer 🏳️‍🌈")]
    [InlineData("\0\u0001\uFFFF\uD800")]
    [InlineData("&&||!")]
    public void Hostile_text_never_throws(string text)
    {
        using var index = new TestIndex(Some.Resource(1, body: "detainer bond"));

        var act = () => index.Search(text);

        act.Should().NotThrow();
    }

    [Fact]
    public void Syntax_characters_are_just_text()
    {
        using var index = new TestIndex(
            Some.Resource(1, body: "detainer bond"),
            Some.Resource(2, body: "something else"));

        index.Ids("detainer:").Should().Equal(1);
        index.Ids("\"detainer").Should().Equal(1);
        index.Ids("(detainer,").Should().Equal(1);
        index.Ids("NEAR(detainer, bond)").Should().BeEmpty();
        index.Ids("(detainer) AND").Should().Equal(1);
        index.Ids("detainer*").Should().Equal(1);
    }

    [Fact]
    public void Very_long_text_is_shortened_and_says_so()
    {
        using var index = new TestIndex(Some.Resource(1, body: "detainer"));

        var longText = string.Concat(Enumerable.Repeat("detainer ", 1_200));
        var result = index.Search(longText);

        result.TextWasShortened.Should().BeTrue();
        result.Hits.Select(h => h.ResourceId).Should().Equal(1);
        index.Search("detainer").TextWasShortened.Should().BeFalse();
    }

    [Fact]
    public void Ten_thousand_characters_of_anything_never_throw()
    {
        using var index = new TestIndex(Some.Resource(1, body: "detainer"));
        var random = new Random(7);
        var junk = new string(Enumerable.Range(0, 10_000).Select(_ => (char)random.Next(1, 0x3000)).ToArray());

        index.Invoking(i => i.Search(junk)).Should().NotThrow();
        index.Invoking(i => i.Search(new string('"', 10_000))).Should().NotThrow();
        index.Invoking(i => i.Search(new string('x', 10_000))).Should().NotThrow();
        index.Invoking(i => i.Search(string.Concat(Enumerable.Repeat("-a ", 3_000)))).Should().NotThrow();
        index.Invoking(i => i.Search(string.Concat(Enumerable.Repeat("w ", 5_000)))).Should().NotThrow();
    }

    [Fact]
    public void More_words_than_the_clause_cap_still_search()
    {
        var words = Enumerable.Range(0, 200).Select(i => "word" + i).ToArray();
        using var index = new TestIndex(Some.Resource(1, body: string.Join(' ', words)));

        index.Ids(string.Join(' ', words)).Should().Equal(1);
    }
}
