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

    /// <summary>At most one run per this much time when rung: under a stream of commits (registrations arriving all
    /// the time) each ring would otherwise start a run for the few letters of one commit, and the run's fixed cost (a
    /// scope, the claim, the read, the save) was paid per few letters; gathered, a run takes the lot. A ring after a
    /// quiet spell still starts a run at once.</summary>
    internal static readonly TimeSpan MinRunInterval = TimeSpan.FromMilliseconds(100);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
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
                var rest = MinRunInterval - System.Diagnostics.Stopwatch.GetElapsedTime(started);
                if (rest > TimeSpan.Zero) await Task.Delay(rest, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Sends every message that is due now, in id order, and returns how many were sent. Stops early when
    /// the server is unreachable: the rest wait for the next run.
    /// A batch costs a few statements, not a few per message: it is claimed and read by one conditional update (so each
    /// message is claimed by one instance only). Each outcome is saved as soon as it
    /// is known, so an instance that dies re-sends at most the one message it was sending (a saving of batched writes is
    /// not worth a wider window for duplicate letters), except where delivering again makes no second copy (the pickup
    /// folder), where the batch's outcomes are saved together. Claims not used (the server went away) are handed back
    /// at once, not left to run out.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken = default)
    {
        var sent = 0;
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<HavenDbContext>();
            var messages = await ClaimAsync(db, onlyId: null, cancellationToken);
            if (messages.Count > 0)
            {
                var (batchSent, serverUnavailable) = await SendClaimedAsync(db, messages, cancellationToken);
                sent += batchSent;
                if (serverUnavailable) return sent;
            }
            // Claimed, sent or failed, none of these is due any more, so the next claim moves on; a batch cut short by
            // another instance's claims leaves the rest to it.
            if (messages.Count < BatchSize) return sent;
        }
    }

    private static readonly string ClaimDueSql = ClaimSql("");
    private static readonly string ClaimOneSql = ClaimSql(""" AND "Id" = {3}""");

    /// <summary>The claim (parameters: lease end, pending, now, and the id when claiming one message); the same SQL on
    /// SQLite and PostgreSQL, both of which return the rows an update changed.</summary>
    private static string ClaimSql(string condition) =>
        $$"""
        UPDATE "Outbox" SET "NextAttemptAt" = {0}
        WHERE "Id" IN (SELECT "Id" FROM "Outbox" WHERE "Status" = {1} AND "NextAttemptAt" <= {2}{{condition}} ORDER BY "Id" LIMIT {{BatchSize}})
          AND "Status" = {1} AND "NextAttemptAt" <= {2}
        RETURNING *
        """;

    /// <summary>Claims up to a batch of due messages (or only <paramref name="onlyId"/>), in id order, with one
    /// statement, and returns the claimed ones, tracked.
    /// The claim moves each message's next attempt past the lease on the condition that it is still pending and due;
    /// the database serializes two instances' claims of a row, and the second finds it no longer due, so each message
    /// is claimed by one instance only. Only the rows the claim itself changed (returned by the statement) are sent.</summary>
    private async Task<List<OutboxMessage>> ClaimAsync(HavenDbContext db, long? onlyId, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant().ToDateTimeUtc();
        var leaseEnd = (clock.GetCurrentInstant() + Lease).ToDateTimeUtc();
        // The statement returns the claimed rows whole (tracked, as claimed), so no second query reads them; none when
        // nothing is due, or another instance claimed it all first. RETURNING promises no order.
        var claimed = await db.Outbox.FromSqlRaw(onlyId is null ? ClaimDueSql : ClaimOneSql,
            onlyId is null ? [leaseEnd, (int)OutboxStatus.Pending, now] : [leaseEnd, (int)OutboxStatus.Pending, now, onlyId.Value])
            .ToListAsync(cancellationToken);
        claimed.Sort((a, b) => a.Id.CompareTo(b.Id));
        return claimed;
    }

    /// <summary>Sends claimed messages in order and records each outcome; returns how many were sent and whether the
    /// server was unavailable (the rest are handed back, due as they were).</summary>
    private async Task<(int Sent, bool ServerUnavailable)> SendClaimedAsync(HavenDbContext db, List<OutboxMessage> messages, CancellationToken cancellationToken)
    {
        var sent = 0;
        var serverUnavailable = false;
        var attempted = 0;
        try
        {
            await using var session = transport.OpenSession();
            foreach (var message in messages)
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
                // Where delivering again leaves one copy (the pickup folder), the batch is recorded together below.
                if (!transport.DeliversOnceWhenRepeated) await db.SaveChangesAsync(CancellationToken.None);
            }
        }
        finally
        {
            // Claims not used go back, due now, so the next run (or another instance) sends them without waiting for
            // the lease; recorded even when the caller is stopping: the sent messages have left already.
            var now = clock.GetCurrentInstant();
            foreach (var message in messages.Skip(attempted)) message.NextAttemptAt = now;
            if (transport.DeliversOnceWhenRepeated) await RecordSentTogetherAsync(db, messages, now);
            await db.SaveChangesAsync(CancellationToken.None);
        }
        if (sent > 0) logger.LogInformation("Sent {Count} outbox messages through {Transport}", sent, transport.Description);
        return (sent, serverUnavailable);
    }

    /// <summary>Marks the batch's sent messages sent with one statement (EF would write one update per message), and
    /// leaves the rest (failed, handed back) to the caller's save.</summary>
    private static async Task RecordSentTogetherAsync(HavenDbContext db, List<OutboxMessage> messages, Instant now)
    {
        var sent = messages.Where(m => m.Status == OutboxStatus.Sent && db.Entry(m).State == EntityState.Modified).ToList();
        if (sent.Count == 0) return;
        var ids = sent.Select(m => m.Id).ToArray();
        await db.Outbox.Where(m => ids.Contains(m.Id)).ExecuteUpdateAsync(set => set
            .SetProperty(m => m.Status, OutboxStatus.Sent)
            .SetProperty(m => m.SentAt, now)
            .SetProperty(m => m.Attempts, m => m.Attempts + 1)
            .SetProperty(m => m.LastError, (string?)null), CancellationToken.None);
        foreach (var message in sent)
        {
            message.SentAt = now;
            db.Entry(message).State = EntityState.Unchanged;
        }
    }

    /// <summary>Sends one message now if it is pending and due (`haven mail test`), and returns it as it stands
    /// afterwards; null when it is not pending and due, or another instance claimed it first.</summary>
    public async Task<OutboxMessage?> SendNowAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HavenDbContext>();
        var claimed = await ClaimAsync(db, id, cancellationToken);
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

    private enum Result
    {
        Sent,
        Failed,
        ServerUnavailable,
    }
}
