using System.Text;
using AwesomeAssertions;
using Haven.Core.WordPress;

namespace Haven.Core.Tests.WordPress;

public sealed class HtmlToMarkdownTests
{
    [Fact]
    public void Block_editor_html_becomes_markdown_without_scripts_comments_or_shortcodes()
    {
        var html = """
            <!-- wp:heading --><h2>Qué decir</h2><!-- /wp:heading -->
            <p>You have the <strong>right</strong> to <em>remain silent</em>: <a href="https://example.org/a b">guide</a>.</p>
            <ol><li>One</li><li>Two <a href="javascript:alert(1)">bad</a></li></ol>
            <script>alert("x")</script><iframe src="https://evil.example"></iframe>
            [caption id="x"]<img src="https://example.org/card.png" alt="Card"> The card[/caption]
            <blockquote><p>Nadie es ilegal.</p></blockquote>
            <p>He wrote "their [sic] rights".</p>
            """;
        var markdown = HtmlToMarkdown.Convert(html);
        markdown.Should().StartWith("## Qué decir");
        markdown.Should().Contain("You have the **right** to *remain silent*: [guide](https://example.org/a%20b).");
        markdown.Should().Contain("1. One\n2. Two bad");
        markdown.Should().Contain("![Card](https://example.org/card.png) The card");
        markdown.Should().Contain("> Nadie es ilegal.");
        markdown.Should().Contain("their \\[sic\\] rights");
        markdown.Should().NotContain("\\\n", "the line breaks between block elements are not hard breaks");
        markdown.Should().NotContain("alert").And.NotContain("evil").And.NotContain("caption").And.NotContain("wp:");
    }

    [Fact]
    public void Classic_editor_text_keeps_its_paragraphs_and_line_breaks_and_markdown_characters_stay_text()
    {
        HtmlToMarkdown.Convert("First line\nsecond line\n\nNew paragraph with *stars* and #hash")
            .Should().Be("First line\\\nsecond line\n\nNew paragraph with \\*stars\\* and \\#hash");
        HtmlToMarkdown.Convert("  ").Should().BeEmpty();
    }
}

public sealed class WxrReaderTests
{
    private const string Head = """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
        <channel><link>https://site.example</link><wp:base_blog_url>https://site.example/</wp:base_blog_url>
        """;

    private static MemoryStream Text(string text) => new(Encoding.UTF8.GetBytes(text));

    [Fact]
    public void Reads_items_with_their_terms_custom_fields_and_comments()
    {
        var outcome = WxrReader.Read(Text(Head + """
            <item><title>Ñandú</title><wp:post_id>7</wp:post_id><wp:post_type>post</wp:post_type><wp:status>publish</wp:status>
            <content:encoded><![CDATA[<p>Hola</p>]]></content:encoded><wp:post_date_gmt>2024-01-02 03:04:05</wp:post_date_gmt>
            <category domain="post_tag" nicename="t%c3%a9">Té</category>
            <wp:postmeta><wp:meta_key>k</wp:meta_key><wp:meta_value>v</wp:meta_value></wp:postmeta>
            <wp:comment><wp:comment_id>9</wp:comment_id><wp:comment_parent>8</wp:comment_parent><wp:comment_approved>spam</wp:comment_approved>
            <wp:comment_content>hi</wp:comment_content></wp:comment></item></channel></rss>
            """));
        outcome.Succeeded.Should().BeTrue();
        var export = outcome.Value!;
        export.SiteUrl.Should().Be("https://site.example");
        var item = export.Items.Single();
        (item.PostId, item.Title, item.Content, item.DateGmt).Should().Be((7L, "Ñandú", "<p>Hola</p>", (DateTime?)new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc)));
        item.Terms.Single().Should().Be(new WxrTerm("post_tag", "t%c3%a9", "Té"));
        item.Meta.Single().Should().Be(new KeyValuePair<string, string>("k", "v"));
        item.Comments.Single().Should().Be(new WxrComment(9, 8, "", "", null, "hi", "spam"));
    }

    [Fact]
    public void A_broken_file_a_dtd_or_one_over_the_cap_is_refused_whole()
    {
        var broken = WxrReader.Read(Text(Head + "<item><title>A</title></item>\n<item><title>B</item></channel></rss>"));
        broken.Problems.Single().Code.Should().Be("malformed_xml");
        broken.Problems.Single().Arguments[0].Should().Be(4);

        WxrReader.Read(Text("<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY a \"aaaa\">]><rss><channel/></rss>"))
            .Problems.Single().Code.Should().Be("malformed_xml");
        var big = Head + string.Concat(Enumerable.Repeat("<item><title>x</title></item>", 2000)) + "</channel></rss>";
        WxrReader.Read(Text(big), maxBytes: 10_000).Problems.Single().Code.Should().Be("file_too_large");
        // A stream that cannot say its length is stopped at the cap as it is read.
        WxrReader.Read(new NonSeekable(Text(big)), maxBytes: 10_000)
            .Problems.Single().Code.Should().Be("file_too_large");
        WxrReader.Read(Text("<feed/>")).Problems.Single().Code.Should().Be("not_wxr");
    }

    private sealed class NonSeekable(Stream inner) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
