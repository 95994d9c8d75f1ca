using System.Globalization;
using System.Threading.RateLimiting;

namespace Haven.Web.Api;

/// <summary>A limit on API writes per token (<c>Haven:RateLimits:ApiWritesPerMinute</c>, default 60), checked after the
/// token is known (so the partition is the token, not the address: many systems behind one address each get their
/// own allowance, and one token cannot spread over addresses). Over the limit, 429 as problem details with
/// Retry-After. Reads never pass through it.</summary>
public sealed class ApiWriteLimit : IDisposable
{
    public const string ConfigurationKey = "Haven:RateLimits:ApiWritesPerMinute";
    public const int DefaultPerMinute = 60;

    private readonly PartitionedRateLimiter<int> limiter;

    public ApiWriteLimit(IConfiguration configuration)
    {
        PerMinute = int.TryParse(configuration[ConfigurationKey], NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n : DefaultPerMinute;
        limiter = PartitionedRateLimiter.Create<int, int>(tokenId => RateLimitPartition.GetFixedWindowLimiter(tokenId,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = PerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
    }

    public int PerMinute { get; }

    /// <summary>Takes one write from the token's allowance; null if it may go ahead, or how long to wait.</summary>
    public TimeSpan? Take(int tokenId)
    {
        using var lease = limiter.AttemptAcquire(tokenId);
        if (lease.IsAcquired) return null;
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
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
        if (limit.Take(session.Token.Id) is { } wait)
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
            http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            return Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many writes",
                detail: $"This token may write {limit.PerMinute} times a minute. Wait {seconds} seconds and try again; nothing was changed.");
        }
        return await next(context);
    }
}
