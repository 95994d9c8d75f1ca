using System.Globalization;
using System.Text;
using Haven.Core.Search;

namespace Haven.Web.Pages.Resources;

/// <summary>Everything that defines a view of the library, read from and written to the query string, so any
/// search can be bookmarked and shared: ?q=words&amp;topic=a&amp;topic=b&amp;sort=newest&amp;page=2.</summary>
public sealed record LibraryState
{
    public const int PageSize = 20;
    /// <summary>Beyond this a page number is not a real request (search engines cap deep paging anyway).</summary>
    public const int MaxPage = 500;

    public string Query { get; init; } = "";
    public IReadOnlyDictionary<ResourceFacet, IReadOnlyList<string>> Filters { get; init; } = new Dictionary<ResourceFacet, IReadOnlyList<string>>();
    public ResourceSort Sort { get; init; } = ResourceSort.Relevance;
    public int Page { get; init; } = 1;

    public static LibraryState FromQuery(IQueryCollection query)
    {
        var filters = new Dictionary<ResourceFacet, IReadOnlyList<string>>();
        foreach (var facet in ResourceFacets.All)
        {
            var values = query[facet.Parameter()]
                .Where(v => !string.IsNullOrWhiteSpace(v) && v!.Length <= 100)
                .Select(v => v!.Trim())
                .Distinct()
                .Take(20)
                .ToList();
            if (values.Count > 0) filters[facet] = values;
        }
        var sort = query["sort"].ToString() switch
        {
            "newest" => ResourceSort.Newest,
            "oldest" => ResourceSort.Oldest,
            _ => ResourceSort.Relevance,
        };
        var page = int.TryParse(query["page"], NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? Math.Clamp(p, 1, MaxPage) : 1;
        var text = query["q"].ToString().Trim();
        return new LibraryState { Query = text, Filters = filters, Sort = sort, Page = page };
    }

    public bool IsSelected(ResourceFacet facet, string value) => Filters.TryGetValue(facet, out var values) && values.Contains(value);

    public bool HasFilters => Filters.Count > 0;

    public LibraryState Toggle(ResourceFacet facet, string value)
    {
        var filters = Filters.ToDictionary(f => f.Key, f => f.Value);
        var current = filters.TryGetValue(facet, out var values) ? values.ToList() : [];
        if (!current.Remove(value)) current.Add(value);
        if (current.Count == 0) filters.Remove(facet);
        else filters[facet] = current;
        return this with { Filters = filters, Page = 1 };
    }

    public LibraryState WithoutFilters() => this with { Filters = new Dictionary<ResourceFacet, IReadOnlyList<string>>(), Page = 1 };

    public ResourceQuery ToQuery(IReadOnlyDictionary<ResourceFacet, IReadOnlyList<string>>? fixedFilters = null, int pageSize = PageSize)
    {
        // A page's fixed facet restricts the results as a scope: it is hidden, so counting it would be wasted work.
        var filters = Filters.Where(f => fixedFilters?.ContainsKey(f.Key) != true).ToDictionary(f => f.Key, f => f.Value);
        return new ResourceQuery
        {
            Text = Query, Filters = filters, Scope = fixedFilters ?? new Dictionary<ResourceFacet, IReadOnlyList<string>>(),
            Sort = Sort, Page = Page, PageSize = pageSize,
        };
    }

    /// <summary>The query string for this state ("?q=...&amp;topic=..."), omitting defaults so URLs stay short.</summary>
    public string ToQueryString()
    {
        var parts = new List<string>();
        if (Query.Length > 0) parts.Add("q=" + Uri.EscapeDataString(Query));
        foreach (var facet in ResourceFacets.All)
            if (Filters.TryGetValue(facet, out var values))
                parts.AddRange(values.Select(v => facet.Parameter() + "=" + Uri.EscapeDataString(v)));
        if (Sort != ResourceSort.Relevance) parts.Add("sort=" + SortParameter(Sort));
        if (Page > 1) parts.Add("page=" + Page.ToString(CultureInfo.InvariantCulture));
        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }

    internal static string SortParameter(ResourceSort sort) => sort switch
    {
        ResourceSort.Newest => "newest",
        ResourceSort.Oldest => "oldest",
        _ => "relevance",
    };

    public override string ToString()
    {
        var sb = new StringBuilder(Query);
        foreach (var (facet, values) in Filters) sb.Append(' ').Append(facet).Append('=').AppendJoin(',', values);
        return sb.ToString();
    }
}
