using System.Text;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Html;

namespace Haven.Web.Comments;

/// <summary>A comment's plain text as HTML: every character encoded, line breaks kept, web addresses made links that
/// search engines do not follow or credit (rel="nofollow ugc").</summary>
public static partial class CommentText
{
    public static IHtmlContent ToHtml(string text)
    {
        var html = new StringBuilder();
        var lines = (text ?? "").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0) html.Append("<br>");
            var line = lines[i];
            var at = 0;
            foreach (Match m in Url().Matches(line))
            {
                html.Append(HtmlEncoder.Default.Encode(line[at..m.Index]));
                var url = m.Value.TrimEnd('.', ',', ';', ':', '!', '?', ')');
                var href = url.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? "https://" + url : url;
                html.Append("<a href=\"").Append(HtmlEncoder.Default.Encode(href)).Append("\" rel=\"nofollow ugc noopener\">")
                    .Append(HtmlEncoder.Default.Encode(url)).Append("</a>");
                at = m.Index + url.Length;
            }
            html.Append(HtmlEncoder.Default.Encode(line[at..]));
        }
        return new HtmlString(html.ToString());
    }

    [GeneratedRegex(@"(?:https?://|www\.)[^\s<>""]+", RegexOptions.IgnoreCase)]
    private static partial Regex Url();
}
