using Haven.Core.Resources;
using Haven.Core.Search;

namespace Haven.Web.Hosting;

/// <summary>Every half minute, publishes scheduled resources whose time has come and brings the index up to date.</summary>
public sealed class ScheduledPublishing(IServiceScopeFactory scopes, SearchIndexFollower follower, ScaleOut.ClusterJobs jobs, ILogger<ScheduledPublishing> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                // Publishing is one instance's job at a time; catching this instance's index up is every instance's.
                await using (var job = await jobs.TryTakeAsync("scheduled-publishing", stoppingToken))
                {
                    if (job is not null)
                    {
                        using var scope = scopes.CreateScope();
                        var published = await scope.ServiceProvider.GetRequiredService<PublishDueResources>().RunAsync(stoppingToken);
                        if (published > 0) logger.LogInformation("Published {Count} scheduled resources", published);
                    }
                }
                await follower.CatchUpAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Scheduled publishing failed; retrying at the next tick");
            }
        }
    }
}
