using Haven.Core.Data;
using Haven.Core.Resources;
using Haven.Core.Shared;
using Haven.Core.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace Haven.Core.Search;

/// <summary>Keeps this instance's search index in step with the database by replaying the change log.
/// Every search first asks the database for the newest change id (one indexed lookup), so a resource saved on
/// any instance is searchable on every instance as soon as its transaction has committed. Where the database can tell
/// cheaply that nothing was committed since that lookup (<see cref="ICommitWatch"/>: SQLite), the lookup is skipped.</summary>
public sealed class SearchIndexFollower(
    IServiceScopeFactory scopes,
    IResourceIndex index,
    MarkdownRenderer markdown,
    IClock clock,
    ICommitWatch commitWatch,
    ILogger<SearchIndexFollower> logger)
{
    private const int BatchSize = 500;
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>The newest change id a lookup found, and the watch's number read before that lookup: while the watch
    /// still reads the same, nothing newer can have been committed.</summary>
    private sealed record Seen(long WatchVersion, long Latest);

    private volatile Seen? _seen;

    /// <summary>The newest change id, for a search where the database cannot say cheaply that nothing changed
    /// (PostgreSQL): searches that ask together share one lookup that began after each of them asked.</summary>
    private readonly CoalescedLookup<long> _sharedLatest = new(async ct =>
    {
        using var scope = scopes.CreateScope();
        return await LatestChangeAsync(scope.ServiceProvider.GetRequiredService<HavenDbContext>(), ct);
    });

    /// <summary>Applies every change committed since the index last caught up.</summary>
    /// <returns>The newest change id in the log: a version of everything searchable, for caches to compare.</returns>
    public async Task<long> CatchUpAsync(CancellationToken cancellationToken = default)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HavenDbContext>();
        var latest = await LatestChangeAsync(db, cancellationToken);
        return latest <= index.AppliedThrough ? latest : await ApplyThroughAsync(db, latest, cancellationToken);
    }

    /// <summary>The same, asking with the caller's context (a search's): no scope of its own when nothing is new.</summary>
    public async Task<long> CatchUpAsync(HavenDbContext db, CancellationToken cancellationToken = default)
    {
        // Read before the lookup: a commit after this read changes the next one, so what the lookup returns is never
        // remembered under a number that outlives a newer change.
        var watchVersion = commitWatch.Read();
        if (watchVersion is { } unchanged && _seen is { } seen && seen.WatchVersion == unchanged && seen.Latest <= index.AppliedThrough)
            return seen.Latest;
        var latest = watchVersion is null ? await _sharedLatest.NextAsync(cancellationToken) : await LatestChangeAsync(db, cancellationToken);
        if (latest > index.AppliedThrough)
        {
            using var scope = scopes.CreateScope();
            latest = await ApplyThroughAsync(scope.ServiceProvider.GetRequiredService<HavenDbContext>(), latest, cancellationToken);
        }

        if (watchVersion is { } version) _seen = new Seen(version, latest);
        return latest;
    }

    private async Task<long> ApplyThroughAsync(HavenDbContext db, long latest, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            while (index.AppliedThrough < latest)
            {
                var applied = index.AppliedThrough;
                var changes = await db.SearchIndexChanges.AsNoTracking()
                    .Where(c => c.Id > applied).OrderBy(c => c.Id).Take(BatchSize)
                    .Select(c => new { c.Id, c.ResourceId }).ToListAsync(cancellationToken);
                if (changes.Count == 0) break;
                var ids = changes.Select(c => c.ResourceId).Distinct().ToList();
                var documents = await LoadDocumentsAsync(db, ids, cancellationToken);
                var deletions = ids.Except(documents.Select(d => d.ResourceId)).ToList();
                index.Apply(documents, deletions, changes[^1].Id);
            }
        }
        finally
        {
            _gate.Release();
        }

        return latest;
    }

    /// <summary>At start-up: an index that has never applied a change (new instance, deleted folder), or that is ahead
    /// of this database (the database was replaced), is built whole; otherwise it replays what it missed.</summary>
    public async Task BringUpToDateAsync(CancellationToken cancellationToken = default)
    {
        long latest;
        using (var scope = scopes.CreateScope())
            latest = await LatestChangeAsync(scope.ServiceProvider.GetRequiredService<HavenDbContext>(), cancellationToken);
        if (index.AppliedThrough == 0 || index.AppliedThrough > latest)
            await RebuildAsync(cancellationToken);
        await CatchUpAsync(cancellationToken);
    }

    /// <summary>Empties the index and fills it from the database: for a new instance, or when the index was lost.</summary>
    public async Task RebuildAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<HavenDbContext>();
            // Changes committed while we read are replayed by the next catch-up; upserts are idempotent.
            var latest = await LatestChangeAsync(db, cancellationToken);
            index.Clear();
            var lastId = 0;
            var count = 0;
            while (true)
            {
                var ids = await db.Resources.AsNoTracking().Where(r => r.Id > lastId).OrderBy(r => r.Id)
                    .Select(r => r.Id).Take(BatchSize).ToListAsync(cancellationToken);
                if (ids.Count == 0) break;
                var documents = await LoadDocumentsAsync(db, ids, cancellationToken);
                index.Apply(documents, [], latest);
                lastId = ids[^1];
                count += documents.Count;
                db.ChangeTracker.Clear();
            }
            index.Apply([], [], latest);
            index.Compact();
            logger.LogInformation("Search index rebuilt: {Count} public resources", count);
        }
        finally
        {
            _gate.Release();
        }
    }

    // Compiled once: every search asks, and EF's per-call query lookup (with a delegate built on each execution of
    // this aggregate) was about a tenth of a search page's CPU.
    private static readonly PerModel<Func<HavenDbContext, CancellationToken, Task<long?>>> LatestChange =
        new(() => EF.CompileAsyncQuery((HavenDbContext db, CancellationToken _) => db.SearchIndexChanges.Max(c => (long?)c.Id)));

    private static async Task<long> LatestChangeAsync(HavenDbContext db, CancellationToken ct) =>
        await LatestChange.For(db)(db, ct) ?? 0;

    private async Task<List<ResourceSearchDocument>> LoadDocumentsAsync(HavenDbContext db, List<int> ids, CancellationToken ct)
    {
        var now = clock.GetCurrentInstant();
        var resources = await db.Resources.AsNoTracking()
            .Where(r => ids.Contains(r.Id))
            .Where(r => r.Status == ResourceStatus.Published || (r.Status == ResourceStatus.Scheduled && r.PublishAt <= now))
            .Include(r => r.Authors).ThenInclude(a => a.Organization)
            .Include(r => r.Topics).Include(r => r.Audiences).Include(r => r.Jurisdictions)
            .Include(r => r.Attachments)
            .AsSplitQuery()
            .ToListAsync(ct);
        var superseded = await db.Resources.AsNoTracking()
            .Where(newer => newer.SupersedesId != null && ids.Contains(newer.SupersedesId.Value))
            .Select(newer => newer.SupersedesId!.Value)
            .ToListAsync(ct);
        var supersededIds = superseded.ToHashSet();
        return resources.Select(r => ToDocument(r, supersededIds.Contains(r.Id))).ToList();
    }

    /// <param name="isSuperseded">Another resource names this one as superseded (the result list says so).</param>
    public ResourceSearchDocument ToDocument(Resource r, bool isSuperseded) => new()
    {
        ResourceId = r.Id,
        Language = r.Language,
        Title = r.Title,
        Summary = r.Summary,
        Body = markdown.ToPlainText(r.BodyMarkdown),
        AttachmentText = string.Join("\n\n", r.Attachments.OrderBy(a => a.Position).Select(a => a.ExtractedText)),
        Date = r.PublishedOn,
        FacetValues = new Dictionary<ResourceFacet, IReadOnlyList<string>>
        {
            [ResourceFacet.Type] = [r.Type.Slug()],
            [ResourceFacet.Topic] = r.Topics.Select(t => t.Slug).ToList(),
            [ResourceFacet.Audience] = r.Audiences.Select(a => a.Slug).ToList(),
            [ResourceFacet.Jurisdiction] = r.Jurisdictions.Select(j => j.Slug).ToList(),
            [ResourceFacet.Organization] = r.Authors.OrderBy(a => a.Position).Select(a => a.Organization.Slug).ToList(),
            [ResourceFacet.Language] = [r.Language],
            [ResourceFacet.Year] = r.PublishedOn is { } d ? [d.Year.ToString(System.Globalization.CultureInfo.InvariantCulture)] : [],
        },
        Listing = new ResourceListing(r.Slug, r.Title, r.Summary, r.Language, r.Type, r.PublishedOn, r.CurrentAsOf,
            r.Authors.OrderBy(a => a.Position).Select(a => a.Organization.Name).ToList(), isSuperseded),
    };
}
