using System.Globalization;
using System.Threading.RateLimiting;

namespace Haven.Web.Api;

/// <summary>A limit on API writes per token (<c>Haven:RateLimits:ApiWritesPerMinute</c>, default 60), checked after the
/// token is known (so the partition is the token, not the address: many systems behind one address each get their
/// own allowance, and one token cannot spread over addresses). With Redis configured the count is shared by every
/// instance, as the other limits are (<see cref="ScaleOut.SharedCounters"/>); otherwise each instance counts on its
/// own. Over the limit, 429 as problem details with Retry-After. Reads never pass through it.</summary>
public sealed class ApiWriteLimit : IDisposable
{
    public const string ConfigurationKey = "Haven:RateLimits:ApiWritesPerMinute";
    public const int DefaultPerMinute = 60;
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly PartitionedRateLimiter<int> limiter;

    public ApiWriteLimit(IConfiguration configuration, ScaleOut.SharedCounters? shared = null)
    {
        PerMinute = Accounts.RateLimits.PerMinute(configuration, ConfigurationKey, DefaultPerMinute);
        limiter = PartitionedRateLimiter.Create<int, int>(tokenId => shared is not null
            ? RateLimitPartition.Get(tokenId, id => shared.FixedWindow("api-write " + id.ToString(CultureInfo.InvariantCulture), PerMinute, Window))
            : RateLimitPartition.GetFixedWindowLimiter(tokenId,
                _ => new FixedWindowRateLimiterOptions { PermitLimit = PerMinute, Window = Window, QueueLimit = 0 }));
    }

    public int PerMinute { get; }

    /// <summary>Takes one write from the token's allowance; null if it may go ahead, or how long to wait.</summary>
    public async ValueTask<TimeSpan?> TakeAsync(int tokenId, CancellationToken cancellationToken = default)
    {
        // Asynchronous: the shared counter answers only that way (a request thread never blocks on Redis); the
        // in-process window, which queues nothing, answers at once.
        using var lease = await limiter.AcquireAsync(tokenId, 1, cancellationToken);
        if (lease.IsAcquired) return null;
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : Window;
    }

    public void Dispose() => limiter.Dispose();
}

/// <summary>Puts <see cref="ApiWriteLimit"/> in front of the write endpoints (after <see cref="ApiTokenFilter"/>).</summary>
public sealed class ApiWriteLimitFilter(ApiWriteLimit limit) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var session = ApiTokenFilter.SessionOf(http);
        if (await limit.TakeAsync(session.Token.Id, http.RequestAborted) is { } wait)
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
            http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            return Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many writes",
                detail: $"This token may write {limit.PerMinute} times a minute. Wait {seconds} seconds and try again; nothing was changed.");
        }
        return await next(context);
    }
}
