namespace Haven.Core.Shared;

/// <summary>Runs a lookup once for all the callers that ask while another run is under way: each caller gets the result
/// of a run that began after it asked, never of one already in flight, so what it reads is at least as fresh as a
/// lookup of its own would have been.</summary>
/// <remarks>On PostgreSQL every search first reads the search change log's newest id, a round trip that cost a search
/// page 70–140 µs of the instance's processor (the read, its wake-ups and continuations; bench/README.md). Under load
/// many searches ask at once; one run now answers all of those that arrived during the run before it. At most one run
/// is in flight and one is waiting to start. A run that fails fails its own callers only; the next starts afresh.
/// A caller's cancellation ends its wait, not the run others wait for.</remarks>
public sealed class CoalescedLookup<T>(Func<CancellationToken, Task<T>> lookup)
{
    private readonly Lock _lock = new();
    private TaskCompletionSource<T>? _running;
    private TaskCompletionSource<T>? _next;

    public Task<T> NextAsync(CancellationToken cancellationToken = default)
    {
        TaskCompletionSource<T> mine;
        var start = false;
        lock (_lock)
        {
            if (_running is null)
            {
                _running = mine = NewRun();
                start = true;
            }
            else
            {
                mine = _next ??= NewRun();
            }
        }

        if (start) _ = RunAsync(mine);
        return mine.Task.WaitAsync(cancellationToken);
    }

    private static TaskCompletionSource<T> NewRun() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private async Task RunAsync(TaskCompletionSource<T>? run)
    {
        while (run is not null)
        {
            try
            {
                run.TrySetResult(await lookup(CancellationToken.None));
            }
            catch (Exception e)
            {
                run.TrySetException(e);
            }

            lock (_lock)
            {
                // The waiting run's callers all asked while this one was in flight: it starts now, after all of them.
                run = _next;
                _next = null;
                _running = run;
            }
        }
    }
}
