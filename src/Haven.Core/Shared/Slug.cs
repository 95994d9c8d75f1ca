using System.Globalization;
using System.Text;

namespace Haven.Core.Shared;

/// <summary>URL slugs: lower-case ASCII words joined by hyphens, accents folded ("Guía rápida" becomes "guia-rapida").</summary>
public static class Slug
{
    public const int MaxLength = 80;

    public static string From(string text)
    {
        var decomposed = (text ?? "").Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        var pendingHyphen = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            var lower = char.ToLowerInvariant(c);
            if (lower is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                if (pendingHyphen && sb.Length > 0) sb.Append('-');
                pendingHyphen = false;
                sb.Append(lower);
                if (sb.Length >= MaxLength) break;
            }
            else
            {
                pendingHyphen = true;
            }
        }
        return sb.ToString().Trim('-');
    }

    public static bool IsValid(string? slug) =>
        !string.IsNullOrEmpty(slug) && slug.Length <= MaxLength && From(slug) == slug;
}
