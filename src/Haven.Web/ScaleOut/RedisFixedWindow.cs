using System.Threading.RateLimiting;
using StackExchange.Redis;

namespace Haven.Web.ScaleOut;

/// <summary>A fixed-window limit counted in Redis, so that every instance behind the load balancer shares one count per
/// client address and policy: <c>INCR</c> on a key named after the window, which expires with it (one round trip, a Lua
/// script so the first increment and its expiry are atomic). The synchronous attempt always defers to the asynchronous
/// one (the rate-limiting middleware then awaits it), so no request thread ever blocks on Redis. When Redis cannot be
/// reached the request is let through and a warning logged: an outage of the counter must not take sign-in down.</summary>
public sealed class RedisFixedWindow(IConnectionMultiplexer redis, string key, int permitLimit, TimeSpan window, ILogger logger) : RateLimiter
{
    private const string Script = """
        local n = redis.call('INCR', KEYS[1])
        if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
        return n
        """;

    private static readonly RateLimitLease Granted = new Lease(true);
    private static readonly RateLimitLease Refused = new Lease(false);

    public override TimeSpan? IdleDuration => TimeSpan.Zero;

    public override RateLimiterStatistics? GetStatistics() => null;

    protected override RateLimitLease AttemptAcquireCore(int permitCount) => permitCount == 0 ? Granted : Refused;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        if (permitCount == 0) return Granted;
        var windowMs = (long)window.TotalMilliseconds;
        var index = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / windowMs;
        try
        {
            var count = (long)await redis.GetDatabase().ScriptEvaluateAsync(Script,
                [new RedisKey($"haven:rate:{key}:{index}")], [windowMs]);
            return count <= permitLimit ? Granted : Refused;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            logger.LogWarning(e, "The shared rate limit could not be counted in Redis; the request is let through");
            return Granted;
        }
    }

    private sealed class Lease(bool acquired) : RateLimitLease
    {
        public override bool IsAcquired => acquired;
        public override IEnumerable<string> MetadataNames => [];
        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
