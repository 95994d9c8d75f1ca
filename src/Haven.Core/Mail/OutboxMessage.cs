using NodaTime;

namespace Haven.Core.Mail;

/// <summary>A message waiting to be sent, or sent: written in the same transaction as the change that causes it, so
/// a rolled-back change sends nothing and a committed one is never forgotten; a dispatcher sends it after commit.</summary>
public sealed class OutboxMessage
{
    /// <summary>About a day and a half of retries (1, 2, 4... 128 minutes, then every 4 hours): an SMTP outage over a
    /// weekend night must not silently drop invitations and confirmations.</summary>
    public const int MaxAttempts = 16;

    public long Id { get; set; }
    public Instant CreatedAt { get; set; }
    /// <summary>The recipient's address, for finding and showing messages (the MIME holds the real headers).</summary>
    public required string To { get; set; }
    public required string Subject { get; set; }
    /// <summary>The whole message as MIME, attachments included, rendered when it was queued.</summary>
    public required byte[] Mime { get; set; }
    public OutboxStatus Status { get; set; } = OutboxStatus.Pending;
    public int Attempts { get; set; }
    public Instant NextAttemptAt { get; set; }
    public Instant? SentAt { get; set; }
    public string? LastError { get; set; }

    /// <summary>Records a failed attempt: retried after 1, 2, 4... minutes (at most a few hours), then given up.</summary>
    public void AttemptFailed(Instant now, string error)
    {
        Attempts++;
        LastError = error.Length > 2000 ? error[..2000] : error;
        if (Attempts >= MaxAttempts)
        {
            Status = OutboxStatus.Failed;
            return;
        }

        NextAttemptAt = now + Duration.FromMinutes(Math.Min(1 << (Attempts - 1), 240));
    }

    public void Sent(Instant now)
    {
        Attempts++;
        Status = OutboxStatus.Sent;
        SentAt = now;
        LastError = null;
    }
}

/// <summary>Stored values; never renumber.</summary>
public enum OutboxStatus
{
    Pending = 0,
    Sent = 1,
    Failed = 2,
}
