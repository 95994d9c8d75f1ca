using System.Collections.Concurrent;
using Haven.Core.Data;
using Haven.Core.Resources;
using Haven.Core.Search;
using Haven.Core.Shared;
using Haven.Core.Taxonomy;
using Haven.Web.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using NodaTime;

namespace Haven.Web.Pages.Resources;

/// <summary>The library's read side: runs a search, then loads from the database what the page shows of each hit
/// and the names of facet values. Shared by the library, topic, organization and jurisdiction pages.</summary>
public sealed class LibrarySearch(
    HavenDbContext db,
    IResourceSearch search,
    SearchGate gate,
    SearchIndexFollower follower,
    TaxonomyLabels taxonomyLabels,
    IClock clock,
    SiteSettings site,
    IStringLocalizer<SharedResource> localizer)
{
    public Task<LibraryResult> SearchAsync(LibraryState state, IReadOnlyDictionary<ResourceFacet, IReadOnlyList<string>>? fixedFilters, CancellationToken ct) =>
        SearchAsync(state, fixedFilters, LibraryState.PageSize, ct);

    /// <summary>The same search with <paramref name="pageSize"/> hits a page (the Atom feed takes more than a page shows).</summary>
    public async Task<LibraryResult> SearchAsync(LibraryState state, IReadOnlyDictionary<ResourceFacet, IReadOnlyList<string>>? fixedFilters, int pageSize, CancellationToken ct)
    {
        // One indexed lookup: if anything was saved on any instance since this index last caught up, apply it first.
        var version = await follower.CatchUpAsync(db, ct);
        var labels = await FacetLabelsAsync(version, ct);
        // Unknown facet values (a mistyped or stale link) are dropped rather than turning the page into "no results".
        var known = state.Filters
            .Select(f => (f.Key, Values: (IReadOnlyList<string>)f.Value.Where(v => f.Key == ResourceFacet.Year ? IsYear(v) : labels[f.Key].ContainsKey(v)).ToList()))
            .Where(f => f.Values.Count > 0)
            .ToDictionary(f => f.Key, f => f.Values);
        state = state with { Filters = known };

        var query = state.ToQuery(fixedFilters, pageSize);
        var result = await gate.RunAsync(() => search.Search(query), ct);
        var lastPage = Math.Max(1, (result.Total + pageSize - 1) / pageSize);
        var items = await ItemsAsync(result.Hits, ct);

        var facets = result.Facets.ToDictionary(
            f => f.Key,
            f => (IReadOnlyList<FacetOption>)f.Value
                .Where(v => f.Key == ResourceFacet.Year || labels[f.Key].ContainsKey(v.Value))
                .Select(v => new FacetOption(v.Value, f.Key == ResourceFacet.Year ? v.Value : labels[f.Key][v.Value], v.Count, v.Selected))
                .ToList());
        return new LibraryResult(state, result.Total, items, facets, lastPage, result.TextWasShortened, version);
    }

    /// <summary>The hits as the list shows them: from what the index keeps of each, or, for hits indexed without it,
    /// from the database.</summary>
    private async Task<IReadOnlyList<ResourceSummary>> ItemsAsync(IReadOnlyList<ResourceHit> hits, CancellationToken ct)
    {
        if (hits.All(h => h.Listing is not null))
        {
            var today = Today();
            return hits.Select(h => Summary(h.ResourceId, h.Listing!, today) with { SnippetHtml = h.SnippetHtml }).ToList();
        }

        var summaries = await SummariesAsync(hits.Select(h => h.ResourceId).ToList(), ct);
        var snippets = hits.ToDictionary(h => h.ResourceId, h => h.SnippetHtml);
        return summaries.Select(s => s with { SnippetHtml = snippets.GetValueOrDefault(s.Id) }).ToList();
    }

    private static ResourceSummary Summary(int id, ResourceListing listing, LocalDate today) =>
        new(id, listing.Slug, listing.Title, listing.Summary, listing.Type, listing.Language, listing.PublishedOn, listing.Authors,
            listing.IsSuperseded, IsPastReviewAge(listing.Type, listing.CurrentAsOf ?? listing.PublishedOn, today));

    private static bool IsPastReviewAge(ResourceType type, LocalDate? reference, LocalDate today) =>
        reference is { } d && d.Plus(type.ReviewAge()) < today;

    private LocalDate Today() => clock.GetCurrentInstant().InZone(site.Zone).Date;

    public async Task<IReadOnlyList<ResourceSummary>> SummariesAsync(IReadOnlyList<int> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return [];
        var today = Today();
        var idArray = ids.ToArray();
        var rows = new List<SummaryRow>(idArray.Length);
        await foreach (var row in SummaryRows(idArray).WithCancellation(ct)) rows.Add(row);
        var authors = new Dictionary<int, List<(int Position, string Name)>>();
        await foreach (var (resourceId, position, name) in AuthorRows(idArray).WithCancellation(ct))
        {
            if (!authors.TryGetValue(resourceId, out var names)) authors[resourceId] = names = [];
            names.Add((position, name));
        }

        var byId = rows.ToDictionary(r => r.Id);
        return ids.Where(byId.ContainsKey).Select(id =>
        {
            var r = byId[id];
            IReadOnlyList<string> names = authors.TryGetValue(id, out var byPosition) ? byPosition.OrderBy(a => a.Position).Select(a => a.Name).ToList() : [];
            return new ResourceSummary(r.Id, r.Slug, r.Title, r.Summary, r.Type, r.Language, r.PublishedOn, names, r.IsSuperseded,
                IsPastReviewAge(r.Type, r.CurrentAsOf ?? r.PublishedOn, today));
        }).ToList();
    }

    // The ids go as one array parameter (EF.Parameter): EF's default expands a list into one parameter per value, so
    // the SQL depended on the page's length and was generated again, under a lock shared by every request, on most
    // searches (a profile of the search bench: a fifth of the request's time was these two queries). Two flat,
    // index-driven queries: SQLite would otherwise materialize a join of every author row.
    private IAsyncEnumerable<SummaryRow> SummaryRows(int[] ids) =>
        db.Resources.AsNoTracking()
            .Where(r => EF.Parameter(ids).Contains(r.Id))
            .Select(r => new SummaryRow(r.Id, r.Slug, r.Title, r.Summary, r.Type, r.Language, r.PublishedOn, r.CurrentAsOf,
                db.Resources.Any(newer => newer.SupersedesId == r.Id)))
            .AsAsyncEnumerable();

    private IAsyncEnumerable<AuthorRow> AuthorRows(int[] ids) =>
        db.Set<ResourceAuthor>().AsNoTracking()
            .Where(a => EF.Parameter(ids).Contains(a.ResourceId))
            .Select(a => new AuthorRow(a.ResourceId, a.Position, a.Organization.Name))
            .AsAsyncEnumerable();

    private sealed record AuthorRow(int ResourceId, int Position, string Name);

    private sealed record SummaryRow(int Id, string Slug, string Title, string Summary, ResourceType Type, string Language,
        LocalDate? PublishedOn, LocalDate? CurrentAsOf, bool IsSuperseded);

    public async Task<IReadOnlyList<ResourceSummary>> RecentAsync(int count, CancellationToken ct)
    {
        var result = await SearchAsync(new LibraryState { Sort = ResourceSort.Newest }, null, ct);
        return result.Items.Take(count).ToList();
    }

    public async Task<IReadOnlyList<Topic>> TopicsAsync(CancellationToken ct) =>
        await db.Topics.AsNoTracking().OrderBy(t => t.Name).ToListAsync(ct);

    private async Task<Dictionary<ResourceFacet, IReadOnlyDictionary<string, string>>> FacetLabelsAsync(long version, CancellationToken ct)
    {
        var language = InterfaceLanguage.Current;
        var taxonomy = await taxonomyLabels.GetAsync(db, version, language, ct);
        var fixedLabels = FixedLabels.GetOrAdd(language, _ => (
            Enum.GetValues<ResourceType>().ToDictionary(t => t.Slug(), t => localizer[t.DisplayName()].Value),
            Languages.Content.Keys.ToDictionary(k => k, k => Languages.NameOf(k, language))));
        return new Dictionary<ResourceFacet, IReadOnlyDictionary<string, string>>
        {
            [ResourceFacet.Type] = fixedLabels.Types,
            [ResourceFacet.Topic] = taxonomy.Topics,
            [ResourceFacet.Audience] = taxonomy.Audiences,
            [ResourceFacet.Jurisdiction] = taxonomy.Jurisdictions,
            [ResourceFacet.Organization] = taxonomy.Organizations,
            [ResourceFacet.Language] = fixedLabels.Languages,
            [ResourceFacet.Year] = NoLabels,
        };
    }

    /// <summary>Per interface language, the names of resource types and content languages, which only a new build
    /// changes (looking them up took a search page a dozen resource lookups).</summary>
    private static readonly ConcurrentDictionary<string, (Dictionary<string, string> Types, Dictionary<string, string> Languages)> FixedLabels = new(StringComparer.Ordinal);

    private static readonly IReadOnlyDictionary<string, string> NoLabels = new Dictionary<string, string>();

    private static bool IsYear(string value) => value.Length == 4 && value.All(char.IsAsciiDigit);
}

public sealed record FacetOption(string Value, string Label, int Count, bool Selected);

public sealed record LibraryResult(
    LibraryState State,
    int Total,
    IReadOnlyList<ResourceSummary> Items,
    IReadOnlyDictionary<ResourceFacet, IReadOnlyList<FacetOption>> Facets,
    int LastPage,
    bool TextWasShortened,
    /// <summary>The search change log id the index had applied when it answered: the library as of this answer.</summary>
    long IndexVersion);
