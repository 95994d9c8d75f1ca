using Haven.Web.ScaleOut;
using Microsoft.AspNetCore.OutputCaching;

namespace Haven.Web.Caching;

/// <summary>Empties the public page cache when published content changes on any instance: it listens on the
/// content-change seam (<see cref="ContentChanges"/>), which this instance hears right after its own commit and, on
/// PostgreSQL, after every other instance's commit too, and evicts <see cref="PublicPageCache.PagesTag"/> through
/// <see cref="IOutputCacheStore"/> (and the map page's tag when the policy tracker's tables change, see
/// <see cref="Policies.PolicyMapPages"/>). Bookkeeping that no public page shows (mail outbox, audit log, keys, tokens,
/// accounts, sign-ins) evicts nothing, so sending mail or signing in keeps the cache warm.</summary>
public sealed class CacheInvalidation(IOutputCacheStore store, ContentChanges changes, ILogger<CacheInvalidation> logger) : IHostedService
{
    /// <summary>Entity kinds (CLR type names, as the seam reports them) whose changes no public page shows.</summary>
    private static readonly HashSet<string> Bookkeeping = new(StringComparer.Ordinal)
    {
        "DataProtectionKey", nameof(Haven.Core.Mail.OutboxMessage), nameof(Haven.Core.Audit.AuditEntry),
        nameof(Haven.Core.Accounts.Invitation), nameof(Haven.Core.Events.EventReminder), nameof(Haven.Core.Search.SearchIndexChange),
        nameof(Haven.Core.Api.ApiToken), nameof(Haven.Core.WordPress.WordPressImportRecord), nameof(Haven.Core.Accounts.HavenUser),
        // Seats left show on an event's page, which carries the registration form while registration is open and so
        // is never stored; once it closes, a cancellation can leave a stored page's count old for the cache's lifetime
        // (a minute). Without this, every registration emptied every stored page: under the registration bench's
        // load, the site's whole cache.
        nameof(Haven.Core.Events.Registration), nameof(Haven.Core.Events.RegistrationLink),
    };

    /// <summary>Whether a change to entities of these kinds can show on a public page (Identity's own tables never do).</summary>
    public static bool ShowsOnPages(ContentChange change) =>
        change.Everything || change.Kinds.Any(kind => !Bookkeeping.Contains(kind) && !kind.StartsWith("Identity", StringComparison.Ordinal));

    public Task StartAsync(CancellationToken cancellationToken)
    {
        changes.Changed += OnChanged;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        changes.Changed -= OnChanged;
        return Task.CompletedTask;
    }

    private void OnChanged(ContentChange change)
    {
        if (!ShowsOnPages(change)) return;
        // The in-memory store evicts synchronously, so the next request already misses; a slower store finishes on its own.
        Evict(PublicPageCache.PagesTag);
        if (Policies.PolicyMapPages.ShowsOnMap(change)) Evict(Policies.PolicyMapPages.Tag);
    }

    private void Evict(string tag)
    {
        var eviction = store.EvictByTagAsync(tag, CancellationToken.None);
        if (!eviction.IsCompletedSuccessfully)
            _ = eviction.AsTask().ContinueWith(t => logger.LogWarning(t.Exception, "Emptying the page cache failed"), TaskContinuationOptions.OnlyOnFaulted);
    }

    /// <summary>Drops every stored public page (for changes made outside EF's SaveChanges, such as bulk updates).</summary>
    public async ValueTask EvictAllAsync(CancellationToken ct = default)
    {
        await store.EvictByTagAsync(PublicPageCache.PagesTag, ct);
        await store.EvictByTagAsync(Policies.PolicyMapPages.Tag, ct);
    }
}
