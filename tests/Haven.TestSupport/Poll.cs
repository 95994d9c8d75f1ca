using System.Diagnostics;

namespace Haven.TestSupport;

/// <summary>Waiting for something a background service does (mail sent, a file written): checks often, gives up
/// after a timeout with a message saying what never happened.</summary>
public static class Poll
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan? timeout = null, Func<string>? describe = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > limit)
                throw new TimeoutException($"Waited {limit.TotalSeconds:0.#} s for {describe?.Invoke() ?? "a condition"}");
            await Task.Delay(25);
        }
    }
}
