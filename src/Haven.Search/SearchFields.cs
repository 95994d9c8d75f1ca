using Haven.Core.Search;

namespace Haven.Search;

/// <summary>The languages the index analyzes differently. The numeric values index per-language arrays.</summary>
internal enum ContentLanguage
{
    English = 0,
    Spanish = 1,
    Other = 2,
}

/// <summary>The text parts of a resource that are searched, in the order of <see cref="SearchFields.TextBoosts"/>.</summary>
internal enum TextPart
{
    Title = 0,
    Summary = 1,
    Body = 2,
    Attachments = 3,
}

/// <summary>Names of the Lucene fields the index writes.</summary>
internal static class SearchFields
{
    /// <summary>ResourceId as an indexed, stored string: the term documents are replaced and deleted by.</summary>
    public const string Id = "id";
    /// <summary>ResourceId as a numeric doc value, for tie-breaking without loading stored fields.</summary>
    public const string IdValue = "id_n";
    /// <summary>Publication date as a numeric doc value: <see cref="DateOnly.DayNumber"/> + 1; 0 (absent) = no date.</summary>
    public const string Date = "date";
    /// <summary>Binary doc value with the document's language and the (compressed) text snippets are cut from:
    /// see <see cref="SnippetSource"/>.</summary>
    public const string SnippetSource = "snippet_source";

    public static readonly int LanguageCount = Enum.GetValues<ContentLanguage>().Length;
    public static readonly int TextPartCount = Enum.GetValues<TextPart>().Length;
    public static readonly int FacetCount = ResourceFacets.All.Count;

    /// <summary>Boost of each text part, by <see cref="TextPart"/>.</summary>
    public static readonly float[] TextBoosts = [3f, 2f, 1f, 1f];

    private static readonly string[] _languageSuffixes = ["en", "es", "std"];
    private static readonly string[] _partNames = ["title", "summary", "body", "attach"];

    private static readonly string[][] _textFields = BuildTextFields();
    private static readonly string[] _filterFields = ResourceFacets.All.Select(f => "f_" + f.Parameter()).ToArray();
    private static readonly string[] _facetValueFields = ResourceFacets.All.Select(f => "fv_" + f.Parameter()).ToArray();

    /// <summary>The analyzed, unstored field of one text part in one language, e.g. "body_es".</summary>
    public static string Text(TextPart part, ContentLanguage language) => _textFields[(int)part][(int)language];

    /// <summary>All analyzed text fields with the language each is analyzed in.</summary>
    public static IEnumerable<(string Field, ContentLanguage Language)> AllTextFields()
    {
        foreach (var part in Enum.GetValues<TextPart>())
        {
            foreach (var language in Enum.GetValues<ContentLanguage>())
            {
                yield return (Text(part, language), language);
            }
        }
    }

    /// <summary>Indexed (unanalyzed) field holding a facet's values, for exact lookups.</summary>
    public static string Filter(ResourceFacet facet) => _filterFields[(int)facet];

    /// <summary>Sorted-set doc values field holding a facet's values, for counting.</summary>
    public static string FacetValues(ResourceFacet facet) => _facetValueFields[(int)facet];

    /// <summary>Maps a language code ("en", "en-US", "ES", "es_MX", ...) to the analyzer that handles it.</summary>
    public static ContentLanguage LanguageOf(string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return ContentLanguage.Other;
        }

        var primary = code.Trim();
        var cut = primary.IndexOfAny(['-', '_']);
        if (cut >= 0)
        {
            primary = primary[..cut];
        }

        if (primary.Equals("en", StringComparison.OrdinalIgnoreCase) || primary.Equals("eng", StringComparison.OrdinalIgnoreCase))
        {
            return ContentLanguage.English;
        }

        if (primary.Equals("es", StringComparison.OrdinalIgnoreCase) || primary.Equals("spa", StringComparison.OrdinalIgnoreCase))
        {
            return ContentLanguage.Spanish;
        }

        return ContentLanguage.Other;
    }

    private static string[][] BuildTextFields()
    {
        var fields = new string[_partNames.Length][];
        for (var part = 0; part < _partNames.Length; part++)
        {
            fields[part] = new string[_languageSuffixes.Length];
            for (var language = 0; language < _languageSuffixes.Length; language++)
            {
                fields[part][language] = _partNames[part] + "_" + _languageSuffixes[language];
            }
        }

        return fields;
    }
}
