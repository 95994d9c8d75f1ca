using System.Text;
using System.Text.Encodings.Web;
using Haven.Core.Search;
using Microsoft.AspNetCore.Html;

namespace Haven.Web.Pages.Resources;

/// <summary>Writes the facet links of one library page: for each value, the address of the state with that value
/// toggled (<see cref="LibraryState.Toggle"/>, then <see cref="LibraryState.ToQueryString"/>), already HTML-encoded.</summary>
/// <remarks>A library page lists about a hundred facet values. Building each link through a new state, its query
/// string and then the attribute's HTML encoding (every '&amp;') was most of what a search page allocated; here the
/// state's escaped parts are computed once and each link is one string.</remarks>
public sealed class FacetLinks
{
    private readonly StringBuilder _builder = new(256);
    private readonly string _basePath;
    private readonly LibraryState _state;
    private readonly string? _query;
    private readonly string[]?[] _values = new string[]?[ResourceFacets.All.Count];

    public FacetLinks(LibraryState state, string basePath)
    {
        ArgumentNullException.ThrowIfNull(state);
        _state = state;
        _basePath = HtmlEncoder.Default.Encode(basePath ?? "");
        _query = state.Query.Length > 0 ? Uri.EscapeDataString(state.Query) : null;
        foreach (var (facet, values) in state.Filters)
            _values[(int)facet] = values.Select(Uri.EscapeDataString).ToArray();
    }

    /// <summary>The link that adds <paramref name="value"/> to <paramref name="facet"/>, or removes it when selected.</summary>
    public HtmlString Toggle(ResourceFacet facet, string value)
    {
        var sb = _builder.Clear().Append(_basePath);
        var first = true;
        if (_query is not null) Append(sb, ref first, "q", _query);
        foreach (var f in ResourceFacets.All)
        {
            var name = f.Parameter();
            var raw = _state.Filters.TryGetValue(f, out var values) ? values : null;
            var escaped = _values[(int)f];
            var removed = false;
            for (var i = 0; i < (raw?.Count ?? 0); i++)
            {
                // As List.Remove: only the first occurrence goes.
                if (f == facet && !removed && raw![i] == value)
                {
                    removed = true;
                    continue;
                }

                Append(sb, ref first, name, escaped![i]);
            }

            if (f == facet && !removed) Append(sb, ref first, name, Uri.EscapeDataString(value));
        }

        if (_state.Sort != ResourceSort.Relevance) Append(sb, ref first, "sort", LibraryState.SortParameter(_state.Sort));
        return new HtmlString(sb.ToString());
    }

    /// <summary>Escaped values hold only unreserved characters and %XX, so the separator is the one character that
    /// needs HTML encoding.</summary>
    private static void Append(StringBuilder sb, ref bool first, string name, string escapedValue)
    {
        sb.Append(first ? "?" : "&amp;").Append(name).Append('=').Append(escapedValue);
        first = false;
    }
}
