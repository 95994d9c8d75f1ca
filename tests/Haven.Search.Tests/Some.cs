using NodaTime;

namespace Haven.Search.Tests;

/// <summary>Builds small search documents: <c>Some.Resource(1, body: "...").With(ResourceFacet.Topic, "bonds")</c>.</summary>
internal static class Some
{
    public static ResourceSearchDocument Resource(
        int id,
        string title = "Untitled resource",
        string summary = "",
        string body = "",
        string attachments = "",
        string language = "en",
        LocalDate? date = null) => new()
        {
            ResourceId = id,
            Language = language,
            Title = title,
            Summary = summary,
            Body = body,
            AttachmentText = attachments,
            Date = date,
            FacetValues = new Dictionary<ResourceFacet, IReadOnlyList<string>>(),
        };

    public static ResourceSearchDocument With(this ResourceSearchDocument document, ResourceFacet facet, params string[] values)
    {
        var facets = new Dictionary<ResourceFacet, IReadOnlyList<string>>(document.FacetValues) { [facet] = values };
        return document with { FacetValues = facets };
    }

    public static LocalDate Date(int year, int month = 1, int day = 1) => new(year, month, day);
}

/// <summary>An index in memory, disposed with the test.</summary>
internal sealed class TestIndex : IDisposable
{
    private long _change;

    public TestIndex(params ResourceSearchDocument[] documents)
    {
        Index = new LuceneResourceIndex(Directory);
        if (documents.Length > 0)
        {
            Add(documents);
        }
    }

    public Lucene.Net.Store.RAMDirectory Directory { get; } = new();

    public LuceneResourceIndex Index { get; }

    public void Add(params ResourceSearchDocument[] documents) => Index.Apply(documents, [], ++_change);

    public void Delete(params int[] ids) => Index.Apply([], ids, ++_change);

    public ResourceSearchResult Search(string? text, ResourceSort sort = ResourceSort.Relevance, int page = 1, int pageSize = 100) =>
        Index.Search(new ResourceQuery { Text = text, Sort = sort, Page = page, PageSize = pageSize });

    public ResourceSearchResult Run(ResourceQuery query) => Index.Search(query);

    /// <summary>The ids found for a text, in result order.</summary>
    public int[] Ids(string? text, ResourceSort sort = ResourceSort.Relevance) =>
        Search(text, sort).Hits.Select(h => h.ResourceId).ToArray();

    public void Dispose()
    {
        Index.Dispose();
        Directory.Dispose();
    }
}

internal static class Filters
{
    public static IReadOnlyDictionary<ResourceFacet, IReadOnlyList<string>> Of(params (ResourceFacet Facet, string[] Values)[] filters) =>
        filters.ToDictionary(f => f.Facet, f => (IReadOnlyList<string>)f.Values);
}
