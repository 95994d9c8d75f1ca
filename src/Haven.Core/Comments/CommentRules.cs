using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Haven.Core.Comments;

/// <summary>Limits that configuration sets (<c>Haven:Comments</c>).</summary>
public sealed class CommentOptions
{
    /// <summary>A comment with more links than this is held for a moderator.</summary>
    public int MaxLinks { get; set; } = 2;
    /// <summary>Comments one address may post in an hour; past it, the writer is asked to wait.</summary>
    public int PerAddressPerHour { get; set; } = 10;
}

/// <summary>What happens to a comment that passed validation.</summary>
public enum CommentVerdict
{
    Publish,
    Hold,
    /// <summary>It carries a word on the reject list: refused, nothing stored.</summary>
    Reject,
}

/// <summary>The spam and abuse rules, pure so they are unit-tested: links counted, word lists matched whole-word,
/// trust (an address with an approved comment publishes at once unless a rule holds it).</summary>
public static partial class CommentRules
{
    public static int CountLinks(string text) => Link().Count(text ?? "");

    /// <summary>The words (or phrases) of <paramref name="list"/> (one a line) that occur in <paramref name="text"/>
    /// as whole words, ignoring case and accents.</summary>
    public static IReadOnlyList<string> MatchingWords(string text, string? list)
    {
        var haystack = " " + Fold(text) + " ";
        var found = new List<string>();
        foreach (var entry in Words(list))
        {
            var needle = Fold(entry);
            if (needle.Length == 0) continue;
            if (haystack.Contains(" " + needle + " ", StringComparison.Ordinal)) found.Add(entry);
        }
        return found;
    }

    /// <summary>The entries of a word list: one a line, trimmed, blanks and duplicates dropped.</summary>
    public static IReadOnlyList<string> Words(string? list) =>
        (list ?? "").Replace("\r", "", StringComparison.Ordinal).Split('\n')
            .Select(w => w.Trim()).Where(w => w.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    public static (CommentVerdict Verdict, IReadOnlyList<string> Reasons) Judge(
        string body, bool trusted, CommentWordList? words, CommentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (words is not null && MatchingWords(body, words.RejectWords).Count > 0) return (CommentVerdict.Reject, []);
        var reasons = new List<string>();
        if (!trusted) reasons.Add(HoldReasons.FirstTime);
        if (CountLinks(body) > options.MaxLinks) reasons.Add(HoldReasons.TooManyLinks);
        if (words is not null && MatchingWords(body, words.HoldWords).Count > 0) reasons.Add(HoldReasons.HeldWord);
        return (reasons.Count == 0 ? CommentVerdict.Publish : CommentVerdict.Hold, reasons);
    }

    /// <summary>Lower case, accents removed, everything but letters and digits a single space.</summary>
    private static string Fold(string text)
    {
        var decomposed = (text ?? "").Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        var space = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            if (char.IsLetterOrDigit(c)) { builder.Append(char.ToLowerInvariant(c)); space = false; }
            else if (!space && builder.Length > 0) { builder.Append(' '); space = true; }
        }
        return builder.ToString().Trim();
    }

    [GeneratedRegex(@"(?:https?://|www\.)\S+", RegexOptions.IgnoreCase)]
    private static partial Regex Link();
}
