using Haven.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Haven.Core.Events;

/// <summary>Serializes seat decisions for one event, so registrations, cancellations and promotions for an event are
/// decided one after another. <see cref="BeginAsync"/> first waits in this process (an async lock per event, so
/// waiters queue without holding a connection or a thread, and never sit in the database's busy loop), then begins the
/// transaction and takes the event's row lock with a no-op update of its row (PostgreSQL's row lock, SQLite's write
/// lock), which other instances sharing the database still need. The in-process lock is released only when the
/// transaction has ended.
/// Never begin a second event transaction while holding one (the in-process lock is not reentrant): code that holds
/// the lock calls <see cref="CancelRegistration.PromoteLockedAsync"/>, never <see cref="CancelRegistration.PromoteAsync"/>.</summary>
internal static class EventLock
{
    /// <summary>Events share these by id; two events on one stripe only wait for each other in this process, which is
    /// harmless as long as nothing holds two events' locks at once (nothing does).</summary>
    private const int Stripes = 256;

    private static readonly SemaphoreSlim[] Gates = Enumerable.Range(0, Stripes).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    /// <summary>Waits for the event's in-process lock, begins a transaction and takes the event's row lock. Dispose the
    /// result (with `await using`) so the lock is released however the work ends; <see cref="EventTransaction.CommitAsync"/>
    /// and <see cref="EventTransaction.RollbackAsync"/> release it at once.</summary>
    public static async Task<EventTransaction> BeginAsync(HavenDbContext db, int eventId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var gate = Gates[(eventId & int.MaxValue) % Stripes];
        await gate.WaitAsync(cancellationToken);
        IDbContextTransaction? transaction = null;
        try
        {
            transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var revision = await TakeRowLockAsync(db, eventId, cancellationToken);
            return new EventTransaction(transaction, gate) { Revision = revision };
        }
        catch
        {
            try
            {
                if (transaction is not null) await transaction.DisposeAsync();
            }
            finally
            {
                gate.Release();
            }
            throw;
        }
    }

    /// <summary>The same transaction with no lock at all: for an event being created (nobody else can reach it yet),
    /// and for the canary test that shows why the lock is there.</summary>
    internal static async Task<EventTransaction> BeginWithoutLockAsync(HavenDbContext db, CancellationToken cancellationToken) =>
        new(await db.Database.BeginTransactionAsync(cancellationToken), gate: null);

    /// <summary>Takes the row lock and returns the event's <see cref="Event.Revision"/> as it stands under the lock (null
    /// when there is no such event), so a caller working from a copy of the event read earlier (a cached one, say)
    /// knows whether it is still current.
    /// One statement on the transaction's own connection, past EF's query pipeline (which parsed and looked up the
    /// statement afresh at every call); the same SQL on SQLite and PostgreSQL.</summary>
    private static async Task<int?> TakeRowLockAsync(HavenDbContext db, int eventId, CancellationToken cancellationToken)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = """UPDATE "Events" SET "CalendarSequence" = "CalendarSequence" WHERE "Id" = @id RETURNING "Revision" """;
        var id = command.CreateParameter();
        id.ParameterName = "@id";
        id.Value = eventId;
        command.Parameters.Add(id);
        return await command.ExecuteScalarAsync(cancellationToken) is { } revision and not DBNull ? Convert.ToInt32(revision, System.Globalization.CultureInfo.InvariantCulture) : null;
    }
}

/// <summary>A transaction holding an event's lock (see <see cref="EventLock.BeginAsync"/>). Commit or roll back ends the
/// transaction and releases the lock; disposing releases it if neither did (rolling back what was not committed). The
/// lock is released exactly once, after the database transaction has ended.</summary>
internal sealed class EventTransaction : IAsyncDisposable
{
    private readonly IDbContextTransaction _transaction;
    private readonly SemaphoreSlim? _gate;
    private int _ended;

    internal EventTransaction(IDbContextTransaction transaction, SemaphoreSlim? gate)
    {
        _transaction = transaction;
        _gate = gate;
    }

    /// <summary>The event's revision read under the lock (null without a lock, or when the event does not exist).</summary>
    public int? Revision { get; init; }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _ended) != 0, this);
        try
        {
            await _transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            await DisposeAsync();
        }
    }

    public async Task RollbackAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _ended) != 0, this);
        try
        {
            await _transaction.RollbackAsync(cancellationToken);
        }
        finally
        {
            await DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _ended, 1) != 0) return;
        try
        {
            await _transaction.DisposeAsync();
        }
        finally
        {
            _gate?.Release();
        }
    }
}
