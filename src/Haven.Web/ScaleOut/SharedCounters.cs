using System.Threading.RateLimiting;
using StackExchange.Redis;

namespace Haven.Web.ScaleOut;

/// <summary>Rate-limit counters every instance shares: registered only when <c>ConnectionStrings:Redis</c> is set
/// (<see cref="Accounts.RateLimits"/> uses it when present, in-process windows otherwise).</summary>
public sealed class SharedCounters(IConnectionMultiplexer redis, ILogger<SharedCounters> logger)
{
    public RateLimiter FixedWindow(string key, int permitLimit, TimeSpan window) =>
        new RedisFixedWindow(redis, key, permitLimit, window, logger);
}
