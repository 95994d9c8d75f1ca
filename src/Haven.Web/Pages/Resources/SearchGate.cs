using System.Threading.RateLimiting;

namespace Haven.Web.Pages.Resources;

/// <summary>Lets at most <see cref="Concurrency"/> searches run at once (<c>Haven:Search:Concurrency</c>, by default one
/// per processor); the others wait their turn in the order they came.</summary>
/// <remarks>A search is processor work with nothing to wait for. When more of them run than there are cores, the
/// operating system slices between them: each takes longer, each pushes the others' data out of the processor's
/// caches, and which finishes first is luck. In turn, each runs to the end with its data in cache. Measured on one
/// core at 16 connections, a word in a tenth of 100,000 resources, two sets of three runs alternating builds with and
/// without the gate: p99 22–26 and 19–21 ms with it, 22–51 and 23–42 ms without (bench/README.md).</remarks>
public sealed class SearchGate : IDisposable
{
    private readonly ConcurrencyLimiter _limiter;

    public SearchGate(int concurrency)
    {
        if (concurrency < 1)
            throw new InvalidOperationException($"Haven:Search:Concurrency is {concurrency}; it must be at least 1 (it defaults to the number of processors).");
        Concurrency = concurrency;
        // No queue limit: a wait ends with its request (the request's cancellation token), so the queue is never longer
        // than the requests the server holds open.
        _limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = concurrency,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    public int Concurrency { get; }

    /// <summary>Runs <paramref name="search"/> once a place is free.</summary>
    public async ValueTask<T> RunAsync<T>(Func<T> search, CancellationToken cancellationToken)
    {
        using var lease = await _limiter.AcquireAsync(1, cancellationToken);
        if (!lease.IsAcquired)
            throw new InvalidOperationException("The search gate refused a search; it is being shut down.");
        return search();
    }

    public void Dispose() => _limiter.Dispose();
}
