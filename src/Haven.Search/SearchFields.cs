using Haven.Core.Search;

namespace Haven.Search;

/// <summary>The languages the index analyzes differently. The numeric values index per-language arrays.</summary>
internal enum ContentLanguage
{
    English = 0,
    Spanish = 1,
    Other = 2,
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
    /// <summary>Binary doc value with what a result list shows of the document: see <see cref="ListingValue"/>.</summary>
    public const string Listing = "listing";

    /// <summary>Positions left between the parts (title, summary, body, attachments) of a text field, so that no
    /// phrase matches across two parts. More than any query phrase can span: query text is at most
    /// <see cref="ResourceQuery.MaxTextLength"/> characters, so its terms are fewer positions apart than that.</summary>
    public const int PartGap = 1_000;

    public static readonly int LanguageCount = Enum.GetValues<ContentLanguage>().Length;
    public static readonly int FacetCount = ResourceFacets.All.Count;

    /// <summary>Boost of a match in the <see cref="Head"/> field, whose score is added to the catch-all field's, so
    /// title and summary matches rank above body and attachment ones.</summary>
    public const float HeadBoost = 3f;

    private static readonly string[] _languageSuffixes = ["en", "es", "std"];
    private static readonly string[] _catchAllFields = _languageSuffixes.Select(l => "all_" + l).ToArray();
    private static readonly string[] _headFields = _languageSuffixes.Select(l => "head_" + l).ToArray();
    private static readonly string[] _filterFields = ResourceFacets.All.Select(f => "f_" + f.Parameter()).ToArray();
    private static readonly string[] _facetValueFields = ResourceFacets.All.Select(f => "fv_" + f.Parameter()).ToArray();

    /// <summary>The analyzed, unstored field holding all the text of a document in one language (title, summary,
    /// body and attachments, <see cref="PartGap"/> positions apart), e.g. "all_es". Words are matched here.</summary>
    public static string CatchAll(ContentLanguage language) => _catchAllFields[(int)language];

    /// <summary>The analyzed, unstored field of a document's title (twice, to weigh it double) and summary in one
    /// language, e.g. "head_es", parts <see cref="PartGap"/> positions apart: it only adds to scores.</summary>
    public static string Head(ContentLanguage language) => _headFields[(int)language];

    /// <summary>All analyzed text fields with the language each is analyzed in. All are made of several parts.</summary>
    public static IEnumerable<(string Field, ContentLanguage Language)> AllTextFields()
    {
        foreach (var language in Enum.GetValues<ContentLanguage>())
        {
            yield return (CatchAll(language), language);
            yield return (Head(language), language);
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
}
