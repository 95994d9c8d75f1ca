using System.Data.Common;
using System.Runtime.CompilerServices;
using Haven.Core.Data;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Haven.Web.Caching;

/// <summary>Empties the public page cache after a unit of work that changed published content commits: an EF
/// interceptor notes, before each SaveChanges, whether any content entity was added, changed or deleted, and evicts
/// <see cref="PublicPageCache.PagesTag"/> through <see cref="IOutputCacheStore"/> once the change is durable (after
/// SaveChanges, or after the commit when an explicit transaction is open), so the very next anonymous request is
/// rendered afresh. Bookkeeping that no public page shows (mail outbox, audit log, keys, tokens, sign-ins) evicts
/// nothing. Eviction goes only through the store, so a shared store carries it to every instance.</summary>
public sealed class CacheInvalidation(IOutputCacheStore store) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    private static readonly HashSet<Type> Bookkeeping =
    [
        typeof(Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey),
        typeof(Haven.Core.Mail.OutboxMessage),
        typeof(Haven.Core.Audit.AuditEntry),
        typeof(Haven.Core.Accounts.Invitation),
        typeof(Haven.Core.Events.EventReminder),
        typeof(Haven.Core.Search.SearchIndexChange),
        typeof(Haven.Core.Api.ApiToken),
        typeof(Haven.Core.WordPress.WordPressImportRecord),
    ];

    private readonly ConditionalWeakTable<DbContext, object> pending = new();
    private static readonly object Marker = new();

    /// <summary>Whether a change to an entity of this type can show on a public page.</summary>
    public static bool IsContent(Type type) =>
        !Bookkeeping.Contains(type) && type.Namespace?.StartsWith("Microsoft.AspNetCore.Identity", StringComparison.Ordinal) != true;

    private void Note(DbContext? context)
    {
        if (context is null) return;
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && IsContent(entry.Metadata.ClrType))
            {
                pending.AddOrUpdate(context, Marker);
                return;
            }
        }
    }

    private async ValueTask EvictIfPendingAsync(DbContext? context, bool onlyOutsideTransaction)
    {
        if (context is null || !pending.TryGetValue(context, out _)) return;
        if (onlyOutsideTransaction && context.Database.CurrentTransaction is not null) return;
        pending.Remove(context);
        // Not the caller's token: once the change is committed, the eviction must happen.
        await EvictAllAsync(CancellationToken.None);
    }

    /// <summary>Drops every stored public page (for changes made outside EF's SaveChanges, such as bulk updates).</summary>
    public ValueTask EvictAllAsync(CancellationToken ct = default) => store.EvictByTagAsync(PublicPageCache.PagesTag, ct);

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Note(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Note(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        EvictIfPendingAsync(eventData.Context, onlyOutsideTransaction: true).AsTask().GetAwaiter().GetResult();
        return result;
    }

    public async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        await EvictIfPendingAsync(eventData.Context, onlyOutsideTransaction: true);
        return result;
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        if (eventData.Context is { } context && context.Database.CurrentTransaction is null) pending.Remove(context);
    }

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        SaveChangesFailed(eventData);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
        EvictIfPendingAsync(eventData.Context, onlyOutsideTransaction: false).AsTask().GetAwaiter().GetResult();

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) =>
        EvictIfPendingAsync(eventData.Context, onlyOutsideTransaction: false).AsTask();

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is { } context) pending.Remove(context);
    }

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionRolledBack(transaction, eventData);
        return Task.CompletedTask;
    }
}
