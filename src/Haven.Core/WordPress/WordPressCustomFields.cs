using System.Globalization;
using Haven.Core.Shared;
using Haven.Core.Text;

namespace Haven.Core.WordPress;

/// <summary>What an item's custom fields (<c>wp:postmeta</c>) give the import: a summary when the item has no excerpt,
/// links to keep, and the public fields not imported, each with its reason for the dry run.</summary>
/// <param name="Summary">The first SEO description, cleaned, or "" (used only when the excerpt is empty).</param>
public sealed record WordPressFieldMapping(string Summary, IReadOnlyList<WordPressFieldLink> Links, IReadOnlyList<Problem> NotImported);

/// <summary>A web address a custom field holds, with its title.</summary>
public sealed record WordPressFieldLink(string Url, string Title);

/// <summary>Maps WordPress custom fields to Haven fields. WordPress (and its plugins) hide their own bookkeeping under
/// keys that start with an underscore (<c>_edit_last</c>, <c>_wp_page_template</c>, <c>_wp_old_slug</c>,
/// <c>_yoast_wpseo_focuskw</c>...): those are ignored silently, except the few below that carry content. Every public
/// field (no underscore) is either mapped or reported as not imported, with the reason: nothing public is dropped
/// silently.
/// <list type="bullet">
/// <item>SEO descriptions (Yoast SEO <c>_yoast_wpseo_metadesc</c>, Rank Math <c>rank_math_description</c>, All in One
/// SEO <c>_aioseo_description</c> and <c>_aioseop_description</c>, SEOPress <c>_seopress_titles_desc</c>, The SEO
/// Framework and Genesis <c>_genesis_description</c>) become the summary when the item has no excerpt; a description
/// still holding the plugin's template variables (<c>%%title%%</c>, <c>%title%</c>) is not text and is not used.</item>
/// <item><c>_thumbnail_id</c>, the featured image: Haven's posts and resources have no image of their own, so the
/// image's address is kept as a link on the item, and the dry run says so.</item>
/// <item><c>enclosure</c> (WordPress's podcast and media field: address, length and type on three lines) and any public
/// field whose whole value is one web address (a document, a source, a recording) become links titled after the field.</item>
/// </list></summary>
public static class WordPressCustomFields
{
    public const string ThumbnailKey = "_thumbnail_id";
    public const string EnclosureKey = "enclosure";

    /// <summary>SEO plugins' description fields, in order of preference.</summary>
    public static readonly IReadOnlyList<string> SeoDescriptionKeys =
        ["_yoast_wpseo_metadesc", "rank_math_description", "_aioseo_description", "_aioseop_description", "_seopress_titles_desc", "_genesis_description"];

    public static bool IsPrivate(string key) => key.StartsWith('_');

    /// <param name="meta">The item's custom fields in file order.</param>
    /// <param name="hasExcerpt">Whether the item has an excerpt (which then stays the summary).</param>
    /// <param name="attachment">The address and title of the export's attachment with this id, or null when the export has none.</param>
    public static WordPressFieldMapping Map(IReadOnlyList<KeyValuePair<string, string>> meta, bool hasExcerpt, Func<long, WordPressFieldLink?> attachment)
    {
        ArgumentNullException.ThrowIfNull(meta);
        ArgumentNullException.ThrowIfNull(attachment);
        var summary = "";
        var summaryKey = "";
        var links = new List<WordPressFieldLink>();
        var notImported = new List<Problem>();
        foreach (var (rawKey, rawValue) in meta)
        {
            var key = rawKey.Trim();
            var value = (rawValue ?? "").Trim();
            if (key.Length == 0 || value.Length == 0) continue;
            if (SeoDescriptionKeys.Contains(key, StringComparer.Ordinal))
            {
                var text = UserText.Paragraphs(value, int.MaxValue);
                var usable = text.Length > 0 && !text.Contains('%', StringComparison.Ordinal);
                if (!hasExcerpt && usable && summary.Length == 0)
                    (summary, summaryKey) = (text, key);
                else if (!IsPrivate(key))
                    notImported.Add(!usable
                        ? new Problem("custom_field_template", "Custom field “{0}” not imported: it holds the SEO plugin's template, not text.", null, key)
                        : hasExcerpt
                            ? new Problem("custom_field_excerpt_kept", "Custom field “{0}” not imported: the summary is the excerpt.", null, key)
                            : new Problem("custom_field_summary_taken", "Custom field “{0}” not imported: the summary comes from “{1}”.", null, key, summaryKey));
                continue;
            }
            if (key == ThumbnailKey)
            {
                if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && attachment(id) is { } found && WebAddress(found.Url) is { } image)
                {
                    links.Add(new WordPressFieldLink(image, found.Title.Length > 0 ? found.Title : FileName(image)));
                    notImported.Add(new Problem("featured_image", "The featured image is kept as a link: Haven's posts and resources have no image of their own."));
                }
                else
                    notImported.Add(new Problem("featured_image_missing", "The featured image ({0}) is not in the export: not imported.", null, value));
                continue;
            }
            if (IsPrivate(key)) continue;
            if (key == EnclosureKey && WebAddress(value.Split('\n')[0].Trim()) is { } media)
            {
                links.Add(new WordPressFieldLink(media, FileName(media)));
                continue;
            }
            if (WebAddress(value) is { } address)
            {
                links.Add(new WordPressFieldLink(address, Title(key)));
                continue;
            }
            notImported.Add(new Problem("custom_field_unmapped", "Custom field “{0}” (“{1}”) not imported: Haven has no field for it.", null, key, Preview(value)));
        }
        return new WordPressFieldMapping(summary, links.DistinctBy(l => l.Url).ToList(), notImported);
    }

    /// <summary>The value when it is one absolute http(s) address and nothing else.</summary>
    private static string? WebAddress(string value) =>
        value.Length <= 2000 && !value.Any(char.IsWhiteSpace) && Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) ? value : null;

    /// <summary>"source_document" or "sourceDocument" as "Source document".</summary>
    internal static string Title(string key)
    {
        var words = new System.Text.StringBuilder();
        for (var i = 0; i < key.Length; i++)
        {
            var c = key[i];
            if (c is '_' or '-') { words.Append(' '); continue; }
            if (char.IsUpper(c) && i > 0 && char.IsLower(key[i - 1])) words.Append(' ');
            words.Append(char.ToLowerInvariant(c));
        }
        var title = UserText.Line(words.ToString(), 200).Trim();
        return title.Length == 0 ? key : char.ToUpperInvariant(title[0]) + title[1..];
    }

    private static string FileName(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && Path.GetFileName(Uri.UnescapeDataString(uri.AbsolutePath)) is { Length: > 0 } name ? name : url;

    private static string Preview(string value)
    {
        var line = UserText.Line(value, 10_000);
        return line.Length <= 80 ? line : line[..79] + "…";
    }
}
