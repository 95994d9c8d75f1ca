using Ganss.Xss;
using Markdig;

namespace Haven.Core.Text;

/// <summary>Turns editors' Markdown into HTML that is safe to show: raw HTML in the input is escaped, and the
/// result is sanitized once more so that nothing executable (scripts, event handlers, javascript: links) survives.</summary>
public sealed class MarkdownRenderer
{
    private readonly MarkdownPipeline _pipeline = new MarkdownPipelineBuilder()
        .UseAdvancedExtensions()
        .DisableHtml()
        .Build();

    private readonly HtmlSanitizer _sanitizer = CreateSanitizer();

    public string ToHtml(string markdown)
    {
        var html = Markdown.ToHtml(markdown ?? "", _pipeline);
        return _sanitizer.Sanitize(html);
    }

    /// <summary>The text without markup, for search and summaries.</summary>
    public string ToPlainText(string markdown) => Markdown.ToPlainText(markdown ?? "", _pipeline).Trim();

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.Add("https");
        sanitizer.AllowedSchemes.Add("http");
        sanitizer.AllowedSchemes.Add("mailto");
        sanitizer.AllowedAttributes.Remove("style");
        sanitizer.AllowedTags.Remove("img");
        sanitizer.AllowedTags.Remove("form");
        // Links an editor writes open normally but never give the target page a handle on ours.
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Html.Dom.IHtmlAnchorElement a && a.GetAttribute("href") is { } href && href.StartsWith("http", StringComparison.OrdinalIgnoreCase))
                a.SetAttribute("rel", "noopener noreferrer");
        };
        return sanitizer;
    }
}
