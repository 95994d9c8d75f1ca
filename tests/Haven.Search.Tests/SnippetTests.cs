namespace Haven.Search.Tests;

public sealed class SnippetTests
{
    private const string LongBody =
        "Practitioners often meet clients in county jails across the state, where conditions vary a great deal. " +
        "Many of these facilities cooperate with federal authorities in different ways, and local policies change often. " +
        "When a jail receives immigration detainers it may hold a person beyond release, which raises serious constitutional questions. " +
        "Advocates should request records, review the forms and speak with the public defender as early as possible in every case. " +
        "The rest of this advisory covers state law, model policies and sample letters for local officials and community groups.";

    [Fact]
    public void A_snippet_marks_the_stemmed_match_in_context()
    {
        using var index = new TestIndex(Some.Resource(1, body: LongBody));

        var snippet = index.Search("detainer").Hits.Single().SnippetHtml;

        snippet.Should().Contain("<mark>detainers</mark>");
        snippet!.Length.Should().BeInRange(150, 260);
        snippet.Should().StartWith("\u2026").And.EndWith("\u2026");
    }

    [Fact]
    public void A_Spanish_snippet_marks_Spanish_stems()
    {
        using var index = new TestIndex(Some.Resource(1, language: "es", summary: "Conozca sus derechos ante la policía."));

        index.Search("derecho").Hits.Single().SnippetHtml.Should().Be("Conozca sus <mark>derechos</mark> ante la policía.");
    }

    [Fact]
    public void Stored_markup_is_html_encoded()
    {
        using var index = new TestIndex(Some.Resource(1, body: "Before <script>alert('x')</script> & the detainer \"form\"."));

        var snippet = index.Search("detainer").Hits.Single().SnippetHtml;

        snippet.Should().Be("Before &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; the <mark>detainer</mark> &quot;form&quot;.");
    }

    [Fact]
    public void A_query_word_that_is_markup_is_encoded_too()
    {
        using var index = new TestIndex(Some.Resource(1, body: "see <b>bond</b> rules"));

        var snippet = index.Search("<b>bond</b>").Hits.Single().SnippetHtml;

        snippet.Should().Contain("<mark>bond</mark>").And.Contain("&lt;").And.NotContain("<b>");
    }

    [Fact]
    public void Every_matched_word_is_marked_and_body_wins_over_equally_good_attachments()
    {
        using var index = new TestIndex(Some.Resource(1,
            summary: "A guide about bonds.",
            body: "Bond hearings and parole requests, step by step.",
            attachments: "Forms for bond and parole."));

        index.Search("bond parole").Hits.Single().SnippetHtml
            .Should().Be("<mark>Bond</mark> hearings and <mark>parole</mark> requests, step by step.");
    }

    [Fact]
    public void The_field_where_the_matched_words_are_densest_is_chosen()
    {
        using var index = new TestIndex(Some.Resource(1,
            summary: "A guide about bonds.",
            body: "Bond hearings and parole requests, step by step.",
            attachments: "Bond, parole, bond, parole: the attached forms."));

        index.Search("bond parole").Hits.Single().SnippetHtml
            .Should().Be("<mark>Bond</mark>, <mark>parole</mark>, <mark>bond</mark>, <mark>parole</mark>: the attached forms.");
    }

    [Fact]
    public void A_match_found_only_in_attachments_shows_the_attachment_text()
    {
        using var index = new TestIndex(Some.Resource(1, summary: "A guide.", body: "Nothing here.", attachments: "Form I-247A is the detainer form."));

        index.Search("detainer").Hits.Single().SnippetHtml.Should().Be("Form I-247A is the <mark>detainer</mark> form.");
    }

    [Fact]
    public void A_title_only_match_shows_the_start_of_the_summary_without_marks()
    {
        using var index = new TestIndex(Some.Resource(1, title: "Sheriff guide", summary: "What to know.", body: "Details follow."));

        index.Search("sheriff").Hits.Single().SnippetHtml.Should().Be("What to know.");
    }

    [Fact]
    public void Excluded_words_are_not_marked_and_whitespace_is_collapsed()
    {
        using var index = new TestIndex(Some.Resource(1, body: "bond\n\n   hearing   guide"));

        index.Search("bond -parole").Hits.Single().SnippetHtml.Should().Be("<mark>bond</mark> hearing guide");
    }

    [Fact]
    public void There_is_no_snippet_without_search_words()
    {
        using var index = new TestIndex(Some.Resource(1, body: "bond"));

        index.Search(null).Hits.Single().SnippetHtml.Should().BeNull();
        index.Search("the").Hits.Single().SnippetHtml.Should().BeNull();
    }
}
