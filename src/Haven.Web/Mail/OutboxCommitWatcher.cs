using System.Data.Common;
using System.Runtime.CompilerServices;
using Haven.Core.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Haven.Web.Mail;

/// <summary>Rings the <see cref="OutboxSignal"/> once mail queued through a context is committed: right after
/// SaveChanges when it ran in its own transaction, or when the caller's explicit transaction commits (SaveChanges
/// inside one returns before the commit, and the dispatcher must not look before the row is visible). A rollback
/// rings nothing. Commits EF does not see (a transaction opened outside the context) are found by the poll.</summary>
public sealed class OutboxCommitWatcher(OutboxSignal signal) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    /// <summary>Per context: mail was saved that is not yet known to be committed.</summary>
    private readonly ConditionalWeakTable<DbContext, StrongBox<bool>> _uncommitted = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        NoteQueuedMail(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        NoteQueuedMail(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        RingIfCommitted(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        RingIfCommitted(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => RingIfCommitted(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        RingIfCommitted(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Ring(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Ring(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private void NoteQueuedMail(DbContext? context)
    {
        if (context is null) return;
        // Messages are queued with Add (they have no navigations to be found through), so they are tracked as Added
        // already; looking without detecting changes spares every save a second scan of everything tracked.
        var tracker = context.ChangeTracker;
        var detect = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            if (tracker.Entries<OutboxMessage>().Any(e => e.State == EntityState.Added))
                _uncommitted.GetOrCreateValue(context).Value = true;
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detect;
        }
    }

    /// <summary>Without a transaction of the caller's, SaveChanges has committed (or written nothing) by now.
    /// A failed save may still ring: a spurious wake-up costs one query, a missed one a poll interval.</summary>
    private void RingIfCommitted(DbContext? context)
    {
        if (context?.Database.CurrentTransaction is null) Ring(context);
    }

    private void Ring(DbContext? context)
    {
        if (context is null || !_uncommitted.TryGetValue(context, out var pending) || !pending.Value) return;
        pending.Value = false;
        signal.Ring();
    }

    private void Forget(DbContext? context)
    {
        if (context is not null && _uncommitted.TryGetValue(context, out var pending)) pending.Value = false;
    }
}
