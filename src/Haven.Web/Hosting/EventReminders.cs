using Haven.Core.Events;

namespace Haven.Web.Hosting;

/// <summary>Every minute, sends the event reminders that are due (the hosts' leads, by default a day and an hour
/// before the start).</summary>
public sealed class EventReminders(IServiceScopeFactory scopes, ScaleOut.ClusterJobs jobs, ILogger<EventReminders> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var job = await jobs.TryTakeAsync("event-reminders", stoppingToken);
                if (job is null) continue;
                using var scope = scopes.CreateScope();
                var sent = await scope.ServiceProvider.GetRequiredService<SendDueReminders>().RunAsync(stoppingToken);
                if (sent > 0) logger.LogInformation("Queued {Count} event reminders", sent);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Sending event reminders failed; retrying in a minute");
            }
        }
    }
}
