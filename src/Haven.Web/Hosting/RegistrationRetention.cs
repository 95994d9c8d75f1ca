using System.Globalization;
using Haven.Core.Events;

namespace Haven.Web.Hosting;

/// <summary>Every hour, erases the personal data of registrants of events that ended longer ago than the retention
/// period (<c>Haven:Events:RetentionDays</c>, default 30).</summary>
public sealed class RegistrationRetention(IServiceScopeFactory scopes, ScaleOut.ClusterJobs jobs, ILogger<RegistrationRetention> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    public static RetentionSettings SettingsFrom(IConfiguration configuration) =>
        int.TryParse(configuration["Haven:Events:RetentionDays"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var days) && days >= 0
            ? new RetentionSettings(NodaTime.Duration.FromDays(days))
            : RetentionSettings.Default;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                await using var job = await jobs.TryTakeAsync("registration-retention", stoppingToken);
                if (job is null) continue;
                using var scope = scopes.CreateScope();
                var erased = await scope.ServiceProvider.GetRequiredService<EraseExpiredRegistrations>().RunAsync(stoppingToken);
                if (erased > 0) logger.LogInformation("Erased the personal data of {Count} registrations past the retention period", erased);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Erasing expired registrations failed; retrying in an hour");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
