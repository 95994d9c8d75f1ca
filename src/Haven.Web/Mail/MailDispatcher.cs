using Haven.Core.Data;
using Haven.Core.Mail;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Haven.Web.Mail;

/// <summary>Sends the outbox: due pending messages in id order, each marked sent or given its next attempt (with
/// backoff) when it fails. Woken by <see cref="OutboxSignal"/> after a commit that queued mail, and every 15 seconds
/// in any case (mail queued on another instance, retries that have come due, a wake-up missed).
/// Several instances may share one database: each message is claimed before it is sent, by moving its next attempt
/// forward as a lease, and only the instance whose claim changed the row sends it. An instance that dies mid-send
/// leaves the claim to run out, and the message is sent again (at least once: never lost, rarely twice).</summary>
public sealed class MailDispatcher(IServiceScopeFactory scopes, IMailTransport transport, OutboxSignal signal, IClock clock,
    ILogger<MailDispatcher> logger) : BackgroundService
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(15);
    /// <summary>Longer than any send can take (MailKit gives up on a silent server after a minute per operation).</summary>
    internal static readonly Duration Lease = Duration.FromMinutes(5);
    private const int BatchSize = 50;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SendDueAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(e, "Sending the outbox failed; trying again at the next wake-up");
            }
            try
            {
                await signal.WaitAsync(PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Sends every message that is due now, in id order, and returns how many were sent. Stops early when
    /// the server is unreachable: the rest wait for the next run.
    /// A batch costs a few statements, not a few per message: its claims are made in one transaction (still one
    /// conditional update per message, so each is claimed by one instance only), the claimed messages are read in one
    /// query. Each outcome is saved as soon as it is known, so an instance that dies re-sends at most the one message it
    /// was sending (a saving of batched writes is not worth a wider window for duplicate letters). Claims not used (the server went away) are handed back at once, not left to run out.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken = default)
    {
        var sent = 0;
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<HavenDbContext>();
            var now = clock.GetCurrentInstant();
            var due = await db.Outbox.AsNoTracking()
                .Where(m => m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now)
                .OrderBy(m => m.Id)
                .Select(m => new DueMessage(m.Id, m.NextAttemptAt))
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
            if (due.Count == 0) return sent;

            var messages = await ClaimAsync(db, due, cancellationToken);
            if (messages.Count > 0)
            {
                var (batchSent, serverUnavailable) = await SendClaimedAsync(db, messages, cancellationToken);
                sent += batchSent;
                if (serverUnavailable) return sent;
            }
            // Claimed, sent or failed, none of these is due any more, so the next query moves on.
            if (due.Count < BatchSize) return sent;
        }
    }

    /// <summary>Claims what it can of <paramref name="due"/> in one transaction and returns the claimed messages, tracked,
    /// each with the lease end it was claimed with (to hand back an unused claim).</summary>
    private async Task<List<Claimed>> ClaimAsync(HavenDbContext db, List<DueMessage> due, CancellationToken cancellationToken)
    {
        // The claim: move the next attempt past the lease, on the condition that nobody has moved it since we read it.
        // The database serializes the two updates, so only one instance sees its update change a row.
        var leaseEnd = clock.GetCurrentInstant() + Lease;
        var claimed = new List<DueMessage>(due.Count);
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            foreach (var message in due)
            {
                var changed = await db.Outbox
                    .Where(m => m.Id == message.Id && m.Status == OutboxStatus.Pending && m.NextAttemptAt == message.NextAttemptAt)
                    .ExecuteUpdateAsync(set => set.SetProperty(m => m.NextAttemptAt, leaseEnd), cancellationToken);
                if (changed == 1) claimed.Add(message);
            }
            await transaction.CommitAsync(cancellationToken);
        }
        if (claimed.Count == 0) return [];

        db.ChangeTracker.Clear();
        var ids = claimed.Select(m => m.Id).ToList();
        var loaded = await db.Outbox.Where(m => ids.Contains(m.Id)).OrderBy(m => m.Id).ToListAsync(cancellationToken);
        var before = claimed.ToDictionary(m => m.Id, m => m.NextAttemptAt);
        return loaded.Select(m => new Claimed(m, before[m.Id])).ToList();
    }

    /// <summary>Sends claimed messages in order and records each outcome; returns how many were sent and whether the
    /// server was unavailable (the rest are handed back, due as they were).</summary>
    private async Task<(int Sent, bool ServerUnavailable)> SendClaimedAsync(HavenDbContext db, List<Claimed> messages, CancellationToken cancellationToken)
    {
        var sent = 0;
        var serverUnavailable = false;
        var attempted = 0;
        try
        {
            await using var session = transport.OpenSession();
            foreach (var (message, _) in messages)
            {
                if (cancellationToken.IsCancellationRequested) break;
                attempted++;
                switch (await SendOneAsync(session, message, cancellationToken))
                {
                    case Result.Sent:
                        sent++;
                        break;
                    case Result.ServerUnavailable:
                        serverUnavailable = true;
                        break;
                }
                if (serverUnavailable) break;
                // Recorded at once: a message sent but not yet marked would go again after its lease if we died now.
                await db.SaveChangesAsync(CancellationToken.None);
            }
        }
        finally
        {
            // Claims not used go back as they were, so the next run (or another instance) sends them without waiting
            // for the lease; recorded even when the caller is stopping: the sent messages have left already.
            foreach (var (message, dueAt) in messages.Skip(attempted)) message.NextAttemptAt = dueAt;
            await db.SaveChangesAsync(CancellationToken.None);
        }
        if (sent > 0) logger.LogInformation("Sent {Count} outbox messages through {Transport}", sent, transport.Description);
        return (sent, serverUnavailable);
    }

    /// <summary>Sends one message now if it is pending and due (`haven mail test`), and returns it as it stands
    /// afterwards; null when it is not pending and due, or another instance claimed it first.</summary>
    public async Task<OutboxMessage?> SendNowAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HavenDbContext>();
        var now = clock.GetCurrentInstant();
        var due = await db.Outbox.AsNoTracking()
            .Where(m => m.Id == id && m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now)
            .Select(m => new DueMessage(m.Id, m.NextAttemptAt))
            .SingleOrDefaultAsync(cancellationToken);
        if (due is null) return null;
        var claimed = await ClaimAsync(db, [due], cancellationToken);
        if (claimed.Count == 0) return null;
        await SendClaimedAsync(db, claimed, cancellationToken);
        return await db.Outbox.AsNoTracking().SingleAsync(m => m.Id == id, cancellationToken);
    }

    /// <summary>Sends one claimed message and marks it sent, or gives it its next attempt; the caller saves.</summary>
    private async Task<Result> SendOneAsync(IMailSession session, OutboxMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await session.SendAsync(message, cancellationToken);
            message.Sent(clock.GetCurrentInstant());
            return Result.Sent;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            message.AttemptFailed(clock.GetCurrentInstant(), e.Message);
            // A refused recipient or a server that is down is expected, and its message says it all; anything else
            // may be a bug, so it is logged with its stack.
            var expected = e is MailServerUnavailableException or MailKit.CommandException or MailKit.ProtocolException or IOException;
            if (message.Status == OutboxStatus.Failed)
                logger.LogError(expected ? null : e, "Gave up on outbox message {Id} after {Attempts} attempts: {Error}", message.Id, message.Attempts, e.Message);
            else
                logger.LogWarning(expected ? null : e, "Could not send outbox message {Id} (attempt {Attempts}; next at {NextAttemptAt}): {Error}",
                    message.Id, message.Attempts, message.NextAttemptAt, e.Message);
            return e is MailServerUnavailableException ? Result.ServerUnavailable : Result.Failed;
        }
    }

    private sealed record Claimed(OutboxMessage Message, Instant DueAt);

    private sealed record DueMessage(long Id, Instant NextAttemptAt);

    private enum Result
    {
        Sent,
        Failed,
        ServerUnavailable,
    }
}
