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
    /// the server is unreachable: the rest wait for the next run.</summary>
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

            await using var session = transport.OpenSession();
            foreach (var message in due)
            {
                switch (await SendOneAsync(db, session, message, cancellationToken))
                {
                    case Result.Sent:
                        sent++;
                        break;
                    case Result.ServerUnavailable:
                        return sent;
                }
            }
            // Claimed, sent or failed, none of these is due any more, so the next query moves on.
            if (due.Count < BatchSize) return sent;
        }
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
        await using var session = transport.OpenSession();
        if (await SendOneAsync(db, session, due, cancellationToken) == Result.NotClaimed) return null;
        return await db.Outbox.AsNoTracking().SingleAsync(m => m.Id == id, cancellationToken);
    }

    private async Task<Result> SendOneAsync(HavenDbContext db, IMailSession session, DueMessage due, CancellationToken cancellationToken)
    {
        // The claim: move the next attempt past the lease, on the condition that nobody has moved it since we read it.
        // The database serializes the two updates, so only one instance sees its update change a row.
        var leaseEnd = clock.GetCurrentInstant() + Lease;
        var claimed = await db.Outbox
            .Where(m => m.Id == due.Id && m.Status == OutboxStatus.Pending && m.NextAttemptAt == due.NextAttemptAt)
            .ExecuteUpdateAsync(set => set.SetProperty(m => m.NextAttemptAt, leaseEnd), cancellationToken);
        if (claimed != 1) return Result.NotClaimed;

        db.ChangeTracker.Clear();
        var message = await db.Outbox.SingleAsync(m => m.Id == due.Id, cancellationToken);
        Result result;
        try
        {
            await session.SendAsync(message, cancellationToken);
            message.Sent(clock.GetCurrentInstant());
            result = Result.Sent;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            message.AttemptFailed(clock.GetCurrentInstant(), e.Message);
            result = e is MailServerUnavailableException ? Result.ServerUnavailable : Result.Failed;
            // A refused recipient or a server that is down is expected, and its message says it all; anything else
            // may be a bug, so it is logged with its stack.
            var expected = e is MailServerUnavailableException or MailKit.CommandException or MailKit.ProtocolException or IOException;
            if (message.Status == OutboxStatus.Failed)
                logger.LogError(expected ? null : e, "Gave up on outbox message {Id} after {Attempts} attempts: {Error}", message.Id, message.Attempts, e.Message);
            else
                logger.LogWarning(expected ? null : e, "Could not send outbox message {Id} (attempt {Attempts}; next at {NextAttemptAt}): {Error}",
                    message.Id, message.Attempts, message.NextAttemptAt, e.Message);
        }
        // Recorded even when the caller is stopping: the message has left (or failed) already.
        await db.SaveChangesAsync(CancellationToken.None);
        if (result == Result.Sent) logger.LogInformation("Sent outbox message {Id} through {Transport}", message.Id, transport.Description);
        return result;
    }

    private sealed record DueMessage(long Id, Instant NextAttemptAt);

    private enum Result
    {
        Sent,
        Failed,
        ServerUnavailable,
        NotClaimed,
    }
}
