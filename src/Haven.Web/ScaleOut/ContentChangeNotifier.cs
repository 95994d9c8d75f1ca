using System.Runtime.CompilerServices;
using Haven.Core.Data;
using Haven.Core.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Haven.Web.ScaleOut;

/// <summary>Tells every instance what a SaveChanges changed. This instance hears it in process as soon as the change is
/// committed (so its own caches are right for the very next request). On PostgreSQL the others hear it through
/// <c>pg_notify</c> on the context's own connection: right after the save when it ran in its own transaction (EF has
/// committed by then), or once, just before the caller's transaction commits, for everything saved in it (PostgreSQL
/// delivers the notice at commit and never after a rollback); this instance hears its own notice again, which
/// handlers take as a harmless repeat. Mail, audit rows, data-protection
/// keys and registrations are not content and notify nobody. Bulk ExecuteUpdate/ExecuteDelete bypass SaveChanges: the caches'
/// own time limits and the search follower's poll cover them.</summary>
public sealed class ContentChangeNotifier(ContentChanges changes, bool postgres) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    public const string Channel = "haven_content";
    /// <summary>PostgreSQL refuses notice payloads of 8,000 bytes or more; past this a notice says "everything".</summary>
    private const int MaxPayload = 7000;

    private static readonly HashSet<string> NotContent = new(StringComparer.Ordinal)
    {
        nameof(OutboxMessage), "AuditEntry", "DataProtectionKey",
        // Registrations and their private links: no cache or page listens for them (the page cache counts them as
        // bookkeeping, see Caching/CacheInvalidation), and under load each batch of registrations sent a notice that
        // every instance received and dropped.
        nameof(Haven.Core.Events.Registration), nameof(Haven.Core.Events.RegistrationLink),
    };

    private readonly ConditionalWeakTable<DbContext, HashSet<string>> _saving = [];
    private readonly ConditionalWeakTable<DbContext, HashSet<string>> _uncommitted = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Note(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Note(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (Take(eventData.Context) is { } kinds && eventData.Context is { } context)
        {
            if (context.Database.CurrentTransaction is not null) Defer(context, kinds);
            else
            {
                if (postgres) context.Database.ExecuteSql($"SELECT pg_notify({Channel}, {Payload(kinds)})");
                changes.Raise(new ContentChange(kinds, false));
            }
        }
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (Take(eventData.Context) is { } kinds && eventData.Context is { } context)
        {
            // Not cancelled with the request: the change is saved, so its notice must go.
            if (context.Database.CurrentTransaction is not null) Defer(context, kinds);
            else
            {
                if (postgres) await context.Database.ExecuteSqlAsync($"SELECT pg_notify({Channel}, {Payload(kinds)})", CancellationToken.None);
                changes.Raise(new ContentChange(kinds, false));
            }
        }
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Take(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Take(eventData.Context);
        return Task.CompletedTask;
    }

    /// <summary>A new transaction starts with nothing deferred: contexts are pooled, and one whose last transaction was
    /// disposed without a commit or a rollback event must not pass what that transaction saved on to the next one.</summary>
    public System.Data.Common.DbTransaction TransactionStarted(System.Data.Common.DbConnection connection, TransactionEndEventData eventData,
        System.Data.Common.DbTransaction result)
    {
        if (eventData.Context is { } context) _uncommitted.Remove(context);
        return result;
    }

    public ValueTask<System.Data.Common.DbTransaction> TransactionStartedAsync(System.Data.Common.DbConnection connection, TransactionEndEventData eventData,
        System.Data.Common.DbTransaction result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context) _uncommitted.Remove(context);
        return ValueTask.FromResult(result);
    }

    /// <summary>On PostgreSQL, one notice for everything the transaction saved, sent inside it just before the commit:
    /// PostgreSQL delivers it when the commit succeeds and drops it otherwise.</summary>
    public InterceptionResult TransactionCommitting(System.Data.Common.DbTransaction transaction, TransactionEventData eventData, InterceptionResult result)
    {
        if (postgres && eventData.Context is { } context && PeekDeferred(context) is { } kinds)
            context.Database.ExecuteSql($"SELECT pg_notify({Channel}, {Payload(kinds)})");
        return result;
    }

    public async ValueTask<InterceptionResult> TransactionCommittingAsync(System.Data.Common.DbTransaction transaction, TransactionEventData eventData,
        InterceptionResult result, CancellationToken cancellationToken = default)
    {
        if (postgres && eventData.Context is { } context && PeekDeferred(context) is { } kinds)
            await context.Database.ExecuteSqlAsync($"SELECT pg_notify({Channel}, {Payload(kinds)})", cancellationToken);
        return result;
    }

    /// <summary>This instance hears the change once the commit is done.</summary>
    public void TransactionCommitted(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is { } context && TakeDeferred(context) is { } kinds) changes.Raise(new ContentChange(kinds, false));
    }

    public Task TransactionCommittedAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionCommitted(transaction, eventData);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is { } context) _uncommitted.Remove(context);
    }

    public Task TransactionRolledBackAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionRolledBack(transaction, eventData);
        return Task.CompletedTask;
    }

    /// <summary>The payload: kinds joined by commas, or "*" for everything.</summary>
    public static string Payload(IEnumerable<string> kinds)
    {
        var text = string.Join(',', kinds.Order(StringComparer.Ordinal));
        return text.Length is 0 or > MaxPayload ? "*" : text;
    }

    public static ContentChange Parse(string? payload) =>
        string.IsNullOrEmpty(payload) || payload == "*"
            ? ContentChange.All
            : new ContentChange(payload.Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal), false);

    private void Note(DbContext? context)
    {
        if (context is null) return;
        // Entries() detects changes first (SaveChanges does it again after this; with the few entities a request
        // tracks, the second scan is cheap).
        HashSet<string>? kinds = null;
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            var kind = entry.Metadata.ClrType.Name;
            if (NotContent.Contains(kind) || entry.Metadata.IsOwned()) continue;
            (kinds ??= new HashSet<string>(StringComparer.Ordinal)).Add(kind);
        }
        if (kinds is not null) _saving.AddOrUpdate(context, kinds);
    }

    private HashSet<string>? Take(DbContext? context)
    {
        if (context is null || !_saving.TryGetValue(context, out var kinds)) return null;
        _saving.Remove(context);
        return kinds;
    }

    private void Defer(DbContext context, HashSet<string> kinds) => _uncommitted.GetOrCreateValue(context).UnionWith(kinds);

    private HashSet<string>? PeekDeferred(DbContext context) =>
        _uncommitted.TryGetValue(context, out var kinds) && kinds.Count > 0 ? kinds : null;

    private HashSet<string>? TakeDeferred(DbContext context)
    {
        if (!_uncommitted.TryGetValue(context, out var kinds)) return null;
        _uncommitted.Remove(context);
        return kinds.Count > 0 ? kinds : null;
    }
}
