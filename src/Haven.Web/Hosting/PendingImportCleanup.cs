using Haven.Core.Files;

namespace Haven.Web.Hosting;

/// <summary>Every hour, deletes CSV files that passed a policy or resource import's dry run but were never confirmed, a day after
/// they were uploaded (the confirmation step then asks for the file again).</summary>
public sealed class PendingImportCleanup(IFileStore files, ScaleOut.ClusterJobs jobs, ILogger<PendingImportCleanup> logger) : BackgroundService
{
    public const string Folder = "imports";
    public static readonly TimeSpan KeptFor = TimeSpan.FromDays(1);
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                await using var job = await jobs.TryTakeAsync("pending-import-cleanup", stoppingToken);
                if (job is null) continue;
                var deleted = files.DeleteOlderThan(Folder, DateTimeOffset.UtcNow - KeptFor);
                if (deleted > 0) logger.LogInformation("Deleted {Count} CSV imports never confirmed", deleted);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or Npgsql.NpgsqlException)
            {
                logger.LogError(e, "Deleting old CSV imports failed; retrying in an hour");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
