using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Haven.Core.WordPress;

/// <summary>Turns a WordPress post's HTML into the Markdown Haven stores: paragraphs, headings, emphasis, links,
/// images, lists, quotes, code and line breaks. Everything else keeps its text and loses its markup (scripts, styles,
/// iframes and forms are dropped with their content), so nothing executable survives; the Markdown is rendered and
/// sanitized again by <see cref="Text.MarkdownRenderer"/> when the post is saved. WordPress's own paragraphs (blank
/// lines in the classic editor) stay paragraphs; shortcodes like [caption] are removed, keeping their text.</summary>
public static partial class HtmlToMarkdown
{
    private static readonly HashSet<string> Dropped = ["SCRIPT", "STYLE", "IFRAME", "OBJECT", "EMBED", "FORM", "INPUT", "BUTTON", "SELECT", "TEXTAREA", "NOSCRIPT", "TEMPLATE", "SVG"];

    public static string Convert(string? html)
    {
        if (string.IsNullOrWhiteSpace(html)) return "";
        var text = Shortcode().Replace(html.Replace("\r\n", "\n", StringComparison.Ordinal), "");
        var document = new HtmlParser().ParseDocument("<body>" + text + "</body>");
        var output = new StringBuilder();
        Blocks(document.Body!, output);
        var markdown = ManyBlankLines().Replace(output.ToString(), "\n\n");
        return string.Join('\n', markdown.Split('\n').Select(l => l.TrimEnd())).Trim();
    }

    private static void Blocks(INode parent, StringBuilder output)
    {
        foreach (var node in parent.ChildNodes) Block(node, output);
    }

    private static void Block(INode node, StringBuilder output)
    {
        if (node is IText { Data: var data } && string.IsNullOrWhiteSpace(data))
        {
            // The space between block elements.
            output.Append(data.Contains('\n', StringComparison.Ordinal) ? "\n" : " ");
            return;
        }
        if (node is IText t)
        {
            // Classic-editor text: a blank line is a paragraph, a single newline inside the text a line break; the
            // newlines around it only separate it from the elements next to it.
            var core = t.Data.Trim();
            string Edge(string edge) => edge.Contains('\n', StringComparison.Ordinal) ? "\n" : edge.Length > 0 ? " " : "";
            output.Append(Edge(t.Data[..(t.Data.Length - t.Data.TrimStart().Length)]));
            output.Append(BlankLine().Replace(Escape(core), "\u0000").Replace("\n", "\\\n", StringComparison.Ordinal)
                .Replace("\u0000", "\n\n", StringComparison.Ordinal));
            output.Append(Edge(t.Data[t.Data.TrimEnd().Length..]));
            return;
        }
        if (node is not IElement e || Dropped.Contains(e.TagName)) return;
        switch (e.TagName)
        {
            case "P" or "DIV" or "SECTION" or "ARTICLE" or "FIGURE" or "HEADER" or "FOOTER" or "MAIN" or "ASIDE":
                output.Append("\n\n");
                Blocks(e, output);
                output.Append("\n\n");
                break;
            case "H1" or "H2" or "H3" or "H4" or "H5" or "H6":
                output.Append("\n\n").Append('#', e.TagName[1] - '0').Append(' ').Append(Inline(e).Trim()).Append("\n\n");
                break;
            case "UL" or "OL":
                output.Append("\n\n");
                var n = 1;
                foreach (var li in e.Children.Where(c => c.TagName == "LI"))
                {
                    var marker = e.TagName == "OL" ? $"{n++}. " : "- ";
                    var inner = new StringBuilder();
                    Blocks(li, inner);
                    var lines = ManyBlankLines().Replace(inner.ToString().Trim(), "\n").Split('\n');
                    output.Append(marker).Append(lines[0].Trim()).Append('\n');
                    foreach (var line in lines.Skip(1)) output.Append(new string(' ', marker.Length)).Append(line.Trim()).Append('\n');
                }
                output.Append('\n');
                break;
            case "BLOCKQUOTE":
                var quote = new StringBuilder();
                Blocks(e, quote);
                output.Append("\n\n");
                foreach (var line in quote.ToString().Trim().Split('\n')) output.Append("> ").Append(line).Append('\n');
                output.Append('\n');
                break;
            case "PRE":
                output.Append("\n\n```\n").Append(e.TextContent.Trim('\n')).Append("\n```\n\n");
                break;
            case "HR":
                output.Append("\n\n---\n\n");
                break;
            case "TABLE":
                foreach (var row in e.QuerySelectorAll("tr"))
                    output.Append("\n\n").Append(string.Join(" | ", row.Children.Select(c => Inline(c).Trim())));
                output.Append("\n\n");
                break;
            default:
                output.Append(Inline(e));
                break;
        }
    }

    private static string Inline(INode node)
    {
        if (node is IText t) return Escape(t.Data).Replace('\n', ' ');
        if (node is not IElement e || Dropped.Contains(e.TagName)) return "";
        string Children() => string.Concat(e.ChildNodes.Select(Inline));
        switch (e.TagName)
        {
            case "STRONG" or "B":
                var bold = Children().Trim();
                return bold.Length == 0 ? "" : $"**{bold}**";
            case "EM" or "I":
                var italic = Children().Trim();
                return italic.Length == 0 ? "" : $"*{italic}*";
            case "CODE":
                return $"`{e.TextContent.Replace('`', '\'')}`";
            case "BR":
                return "\\\n";
            case "A":
                var label = Children().Trim();
                var href = e.GetAttribute("href");
                if (!IsWebAddress(href)) return label;
                return $"[{(label.Length == 0 ? href : label)}]({Destination(href!)})";
            case "IMG":
                var src = e.GetAttribute("src");
                return IsWebAddress(src) ? $"![{Escape(e.GetAttribute("alt") ?? "")}]({Destination(src!)})" : "";
            default:
                // Block elements inside inline context (a paragraph in a table cell): their text.
                return Children();
        }
    }

    private static bool IsWebAddress(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeMailto);

    private static string Destination(string url) => url.Replace(" ", "%20", StringComparison.Ordinal).Replace("(", "%28", StringComparison.Ordinal)
        .Replace(")", "%29", StringComparison.Ordinal);

    /// <summary>Characters Markdown would read as markup, as written text.</summary>
    private static string Escape(string text) => MarkdownSpecial().Replace(text, @"\$1");

    [GeneratedRegex(@"([\\`*_\[\]<>#|])")]
    private static partial Regex MarkdownSpecial();

    /// <summary>A shortcode: a closing one, one with attributes, or a bare one WordPress and its common page builders
    /// define; a bracketed word like "[sic]" in the text stays.</summary>
    [GeneratedRegex(@"\[/[a-z_][a-z0-9_-]*\]|\[[a-z_][a-z0-9_-]*\s[^\]]*=[^\]]*\]|\[(caption|gallery|embed|audio|video|playlist|et_pb_[a-z_]+|vc_[a-z_]+)\]", RegexOptions.IgnoreCase)]
    private static partial Regex Shortcode();

    [GeneratedRegex(@"[ \t]*\n[ \t]*\n\s*")]
    private static partial Regex BlankLine();

    [GeneratedRegex(@"\n[ \t]*\n(\s*\n)+")]
    private static partial Regex ManyBlankLines();
}
