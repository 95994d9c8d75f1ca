using AwesomeAssertions;
using Haven.Core.WordPress;

namespace Haven.Core.Tests.WordPress;

/// <summary>Custom fields (postmeta): mapped to a Haven field, kept as a link, or reported as not imported with the
/// reason; WordPress's private bookkeeping ignored silently.</summary>
public sealed class WordPressCustomFieldsTests
{
    private static KeyValuePair<string, string> F(string key, string value) => new(key, value);

    private static WordPressFieldLink? Attachment(long id) =>
        id == 104 ? new WordPressFieldLink("https://coalicion.example.org/wp-content/uploads/2024/05/card.png", "Rights card") : null;

    [Fact]
    public void Private_wordpress_fields_are_ignored_silently_and_every_public_one_is_reported_or_mapped()
    {
        var mapping = WordPressCustomFields.Map(
        [
            F("_edit_last", "2"), F("_edit_lock", "1715600000:2"), F("_wp_page_template", "default"), F("_wp_old_slug", "old"),
            F("_yoast_wpseo_focuskw", "derechos"), F("color_de_campaña", "#c0392b"), F("empty_one", "  "),
            F("source_document", "https://coalicion.example.org/informe.pdf"),
        ], hasExcerpt: false, Attachment);

        mapping.Summary.Should().BeEmpty();
        mapping.Links.Should().Equal(new WordPressFieldLink("https://coalicion.example.org/informe.pdf", "Source document"));
        var reported = mapping.NotImported.Should().ContainSingle().Subject;
        reported.Code.Should().Be("custom_field_unmapped");
        reported.Arguments.Should().Equal("color_de_campaña", "#c0392b");
    }

    [Fact]
    public void An_seo_description_becomes_the_summary_only_when_there_is_no_excerpt()
    {
        var meta = new[] { F("_yoast_wpseo_metadesc", "Qué decir <b>en la frontera</b>."), F("rank_math_description", "Second description") };

        var without = WordPressCustomFields.Map(meta, hasExcerpt: false, Attachment);
        without.Summary.Should().Be("Qué decir en la frontera.");
        without.NotImported.Select(p => p.Code).Should().Equal("custom_field_summary_taken");
        without.NotImported[0].Arguments.Should().Equal("rank_math_description", "_yoast_wpseo_metadesc");

        var with = WordPressCustomFields.Map(meta, hasExcerpt: true, Attachment);
        with.Summary.Should().BeEmpty();
        with.NotImported.Select(p => p.Code).Should().Equal(["custom_field_excerpt_kept"], "only the public field is reported; Yoast's is private");
    }

    [Fact]
    public void A_description_that_is_still_a_plugin_template_is_not_text()
    {
        var mapping = WordPressCustomFields.Map([F("_yoast_wpseo_metadesc", "%%excerpt%% %%sep%% %%sitename%%"), F("rank_math_description", "%excerpt%")],
            hasExcerpt: false, Attachment);
        mapping.Summary.Should().BeEmpty();
        mapping.NotImported.Select(p => p.Code).Should().Equal("custom_field_template");
    }

    [Fact]
    public void The_featured_image_is_kept_as_a_link_and_one_missing_from_the_export_is_reported()
    {
        var found = WordPressCustomFields.Map([F("_thumbnail_id", "104")], hasExcerpt: true, Attachment);
        found.Links.Should().Equal(new WordPressFieldLink("https://coalicion.example.org/wp-content/uploads/2024/05/card.png", "Rights card"));
        found.NotImported.Select(p => p.Code).Should().Equal("featured_image");

        var missing = WordPressCustomFields.Map([F("_thumbnail_id", "999")], hasExcerpt: true, Attachment);
        missing.Links.Should().BeEmpty();
        missing.NotImported.Select(p => p.Code).Should().Equal("featured_image_missing");
    }

    [Fact]
    public void An_enclosure_and_a_public_field_holding_one_address_become_links_and_other_values_do_not()
    {
        var mapping = WordPressCustomFields.Map(
        [
            F("enclosure", "https://coalicion.example.org/wp-content/uploads/episodio%201.mp3\n5242880\naudio/mpeg"),
            F("videoRecording", "https://video.example.org/watch/42"),
            F("notes", "see https://example.org for more"),
            F("script", "javascript:alert(1)"),
        ], hasExcerpt: true, Attachment);

        mapping.Links.Should().Equal(
            new WordPressFieldLink("https://coalicion.example.org/wp-content/uploads/episodio%201.mp3", "episodio 1.mp3"),
            new WordPressFieldLink("https://video.example.org/watch/42", "Video recording"));
        mapping.NotImported.Select(p => (string)p.Arguments[0]!).Should().Equal("notes", "script");
    }
}
