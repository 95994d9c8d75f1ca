namespace Haven.Web.Mail;

/// <summary>Wakes this instance's <see cref="MailDispatcher"/>: rung after a commit that queued mail, so it is sent
/// at once rather than at the next poll. Rings while the dispatcher is busy are remembered as one.</summary>
public sealed class OutboxSignal : IDisposable
{
    private readonly SemaphoreSlim _rung = new(0, 1);
    private readonly Lock _gate = new();

    public void Ring()
    {
        lock (_gate)
        {
            if (_rung.CurrentCount == 0) _rung.Release();
        }
    }

    /// <summary>Waits for a ring, or until <paramref name="timeout"/> passes.</summary>
    internal Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _rung.WaitAsync(timeout, cancellationToken);

    public void Dispose() => _rung.Dispose();
}
