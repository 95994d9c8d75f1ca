using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Haven.TestSupport;

/// <summary>Reads pages the way a browser would, so tests assert on elements rather than on raw strings.</summary>
public static class Html
{
    public static IDocument Parse(string html) => new HtmlParser().ParseDocument(html);

    public static async Task<IDocument> GetDocumentAsync(this HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"GET {url} answered {(int)response.StatusCode}: {body[..Math.Min(body.Length, 2000)]}");
        return Parse(body);
    }

    /// <summary>Titles of the results listed on a library page, in order.</summary>
    public static IReadOnlyList<string> ResultTitles(this IDocument page) =>
        page.QuerySelectorAll(".result-title a").Select(a => a.TextContent.Trim()).ToList();

    /// <summary>The count shown next to a facet value, or null when the value is not offered.</summary>
    public static int? FacetCount(this IDocument page, string facet, string value)
    {
        var link = page.QuerySelectorAll("a.facet-option")
            .FirstOrDefault(a => a.GetAttribute("data-facet") == facet && a.GetAttribute("data-value") == value);
        return link is null ? null : int.Parse(link.QuerySelector(".count")!.TextContent.Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static bool FacetSelected(this IDocument page, string facet, string value) =>
        page.QuerySelectorAll("a.facet-option.selected").Any(a => a.GetAttribute("data-facet") == facet && a.GetAttribute("data-value") == value);

    public static int ResultCount(this IDocument page)
    {
        var text = page.QuerySelector(".results-count")!.TextContent.Trim();
        return int.Parse(new string(text.TakeWhile(char.IsAsciiDigit).ToArray()), System.Globalization.CultureInfo.InvariantCulture);
    }
}
