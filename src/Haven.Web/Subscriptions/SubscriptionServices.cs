using Haven.Core.Subscriptions;
using Haven.Web.Mail;

namespace Haven.Web.Subscriptions;

public static class SubscriptionServices
{
    /// <summary>Email subscriptions: the use cases, the letters, and the job that sends alerts and digests and purges
    /// unconfirmed subscriptions.</summary>
    public static IServiceCollection AddHavenSubscriptions(this IServiceCollection services)
    {
        services.AddScoped<Subscribe>();
        services.AddScoped<ConfirmSubscription>();
        services.AddScoped<ManageSubscription>();
        services.AddScoped<PurgeUnconfirmedSubscriptions>();
        services.AddScoped<SendSubscriptionMail>();
        services.AddScoped<SubscriptionMail>();
        services.AddScoped<ISubscriptionLetters, SubscriptionLetterWriter>();
        services.AddSingleton<SiteOrigin>();
        services.AddHostedService<SubscriptionJobs>();
        return services;
    }
}

/// <summary>Every minute: sends what is newly public to matching subscriptions (immediate ones at once, digests at
/// their hour), and deletes subscriptions left unconfirmed for a week. Both are safe on several instances.</summary>
public sealed class SubscriptionJobs(IServiceScopeFactory scopes, ILogger<SubscriptionJobs> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                using var scope = scopes.CreateScope();
                var sent = await scope.ServiceProvider.GetRequiredService<SendSubscriptionMail>().RunAsync(stoppingToken);
                if (sent > 0) logger.LogInformation("Queued {Count} subscription letters", sent);
                var purged = await scope.ServiceProvider.GetRequiredService<PurgeUnconfirmedSubscriptions>().RunAsync(stoppingToken);
                if (purged > 0) logger.LogInformation("Deleted {Count} unconfirmed subscriptions", purged);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Sending subscription mail failed; retrying in a minute");
            }
        }
    }
}
