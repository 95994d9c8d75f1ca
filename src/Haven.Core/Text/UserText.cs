using System.Text;
using System.Text.RegularExpressions;

namespace Haven.Core.Text;

/// <summary>What the public types into plain-text fields (names, roles, cities, comments): tags and their script or
/// style content removed, control characters dropped, whitespace tidied, Unicode normalized. Pages still encode on
/// output; this is so that nothing stored carries markup into exports, mail or another site's feed reader.</summary>
public static partial class UserText
{
    /// <summary>One line: line breaks become spaces. Returns "" for null or blank input.</summary>
    public static string Line(string? value, int maxLength = 500) =>
        Cut(Collapse(StripMarkup(value ?? "").Replace('\r', ' ').Replace('\n', ' ')), maxLength);

    /// <summary>Several lines (a comment, a reason): line breaks kept, at most one blank line in a row.</summary>
    public static string Paragraphs(string? value, int maxLength = 10_000)
    {
        var text = StripMarkup((value ?? "").Replace("\r\n", "\n").Replace('\r', '\n'));
        var lines = text.Split('\n').Select(Collapse);
        var joined = BlankRuns().Replace(string.Join('\n', lines), "\n\n").Trim('\n');
        return Cut(joined, maxLength);
    }

    /// <summary>Whether the value had markup that <see cref="Line"/> or <see cref="Paragraphs"/> would remove.</summary>
    public static bool HasMarkup(string? value) => value is not null && StripMarkup(value) != value;

    private static string StripMarkup(string value)
    {
        value = value.Normalize(NormalizationForm.FormC);
        // Repeated, because removing one tag can join the halves of another ("<scr<b>ipt>").
        for (var i = 0; i < 5; i++)
        {
            var stripped = Tag().Replace(Comment().Replace(ScriptOrStyle().Replace(value, ""), ""), "");
            if (stripped == value) break;
            value = stripped;
        }
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c == '\n' || c == '\t' || !char.IsControl(c)) builder.Append(c == '\t' ? ' ' : c);
        }
        return builder.ToString();
    }

    private static string Collapse(string value) => Spaces().Replace(value, " ").Trim();

    private static string Cut(string value, int maxLength) =>
        value.Length <= maxLength ? value : value[..maxLength].TrimEnd();

    [GeneratedRegex(@"<(script|style)\b[^>]*>.*?(<\s*/\s*\1\s*>|$)", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex ScriptOrStyle();

    [GeneratedRegex(@"<!--.*?(-->|$)", RegexOptions.Singleline)]
    private static partial Regex Comment();

    // A tag starts with a letter, '/', '!' or '?' right after '<', so "a < b" and "<3" stay text.
    [GeneratedRegex(@"<[/!?]?[A-Za-z][^<>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"[ \u00A0\u2000-\u200B\u3000]+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"\n{3,}")]
    private static partial Regex BlankRuns();
}
