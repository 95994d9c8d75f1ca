using AwesomeAssertions;
using Haven.Core.Text;

namespace Haven.Core.Tests.Text;

public sealed class MarkdownRendererTests
{
    private readonly MarkdownRenderer _renderer = new();

    [Fact]
    public void Markdown_becomes_html()
    {
        var html = _renderer.ToHtml("## Steps\n\n- Ask for the **detainer**\n- [Read the rule](https://example.org/rule)");
        html.Should().Contain("<h2").And.Contain("<strong>detainer</strong>").And.Contain("href=\"https://example.org/rule\"");
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("[click](javascript:alert(1))")]
    [InlineData("<a href=\"javascript:alert(1)\">x</a>")]
    [InlineData("<iframe src=\"https://evil.example\"></iframe>")]
    [InlineData("<div onclick=\"alert(1)\">x</div>")]
    public void Nothing_executable_survives(string markdown)
    {
        var html = _renderer.ToHtml(markdown);
        // Judge the markup as a browser would parse it: text that merely mentions "onerror=" is harmless.
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        var elements = document.Body!.QuerySelectorAll("*");
        elements.Select(e => e.LocalName).Should().NotContain(["script", "iframe", "img", "object", "embed"]);
        elements.SelectMany(e => e.Attributes).Select(a => a.Name).Should().NotContain(name => name.StartsWith("on"));
        elements.Select(e => e.GetAttribute("href") ?? "").Should().NotContain(href => href.Contains("javascript:"));
    }

    [Fact]
    public void Raw_html_in_markdown_is_shown_as_text_not_markup()
    {
        _renderer.ToHtml("Use <b>bold</b>").Should().Contain("&lt;b&gt;");
    }

    [Fact]
    public void External_links_do_not_give_the_target_a_handle_on_the_page()
    {
        _renderer.ToHtml("[x](https://example.org)").Should().Contain("rel=\"noopener noreferrer\"");
    }

    [Fact]
    public void Plain_text_drops_the_markup()
    {
        _renderer.ToPlainText("## Title\n\nSome **bold** words").Should().Contain("Some bold words").And.NotContain("**");
    }
}
