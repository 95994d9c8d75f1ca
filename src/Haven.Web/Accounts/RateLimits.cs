using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Haven.Web.Accounts;

/// <summary>Limits on guessing: sign-in and password-reset submissions per client address and minute
/// (<c>Haven:RateLimits:SignInPerMinute</c>, default 10), and event registrations per client address and minute
/// (<c>Haven:RateLimits:RegistrationsPerMinute</c>, default 20), campaign sign-ons per client address and minute
/// (<c>Haven:RateLimits:SignOnsPerMinute</c>, default 10), and comments per client address and minute
/// (<c>Haven:RateLimits:CommentsPerMinute</c>, default 5; the hourly cap is the comment use case's), and subscription
/// requests per client address and minute (<c>Haven:RateLimits:SubscribePerMinute</c>, default 5). Reading the forms is never limited.</summary>
public static class RateLimits
{
    public const string SignIn = "sign-in";
    public const string Registration = "registration";
    public const string SignOn = "sign-on";
    public const string Comments = "comments";
    public const string Subscribe = "subscribe";

    public static IServiceCollection AddHavenRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var perMinute = PerMinute(configuration, "Haven:RateLimits:SignInPerMinute", 10);
        var registrationsPerMinute = PerMinute(configuration, "Haven:RateLimits:RegistrationsPerMinute", 20);
        var signOnsPerMinute = PerMinute(configuration, "Haven:RateLimits:SignOnsPerMinute", 10);
        var commentsPerMinute = PerMinute(configuration, "Haven:RateLimits:CommentsPerMinute", 5);
        var subscribePerMinute = PerMinute(configuration, "Haven:RateLimits:SubscribePerMinute", 5);
        return services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = async (context, ct) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                await context.HttpContext.Response.WriteAsync("Too many attempts from this address. Wait a minute and try again.", ct);
            };
            PostsPerAddress(limiter, SignIn, perMinute);
            PostsPerAddress(limiter, Registration, registrationsPerMinute);
            PostsPerAddress(limiter, SignOn, signOnsPerMinute);
            PostsPerAddress(limiter, Comments, commentsPerMinute);
            PostsPerAddress(limiter, Subscribe, subscribePerMinute);
        });
    }

    /// <summary>A policy that lets <paramref name="perMinute"/> POSTs a minute from each client address (each policy
    /// counts on its own) and never limits reading.</summary>
    private static void PostsPerAddress(RateLimiterOptions limiter, string policy, int perMinute) =>
        limiter.AddPolicy(policy, context =>
        {
            if (!HttpMethods.IsPost(context.Request.Method)) return RateLimitPartition.GetNoLimiter("read");
            var partition = policy + " " + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
            // With Redis configured every instance counts in one shared window (ScaleOut/SharedCounters); without it
            // each instance counts on its own.
            var shared = context.RequestServices.GetService<ScaleOut.SharedCounters>();
            return shared is not null
                ? RateLimitPartition.Get(partition, key => shared.FixedWindow(key, perMinute, TimeSpan.FromMinutes(1)))
                : RateLimitPartition.GetFixedWindowLimiter(partition,
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
        });

    /// <summary>A positive whole number from configuration, or <paramref name="fallback"/>.</summary>
    internal static int PerMinute(IConfiguration configuration, string key, int fallback) =>
        int.TryParse(configuration[key], NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : fallback;
}
