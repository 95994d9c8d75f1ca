using Npgsql;

namespace Haven.Web.ScaleOut;

/// <summary>On PostgreSQL, holds one connection that LISTENs on <see cref="ContentChangeNotifier.Channel"/> and raises
/// <see cref="ContentChanges"/> for every notice, this instance's own included (so a change is handled the same way
/// wherever it was made). When the connection drops it reconnects, and then raises "everything" once, since notices
/// sent meanwhile are lost; the caches' time limits and the search follower's poll remain the fallback.</summary>
public sealed class PostgresContentListener(string connectionString, ContentChanges changes, ILogger<PostgresContentListener> logger)
    : BackgroundService
{
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(2);

    /// <summary>Completes once the first LISTEN is in place (tests wait for it before they change anything).</summary>
    public Task Listening => _listening.Task;

    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { KeepAlive = 30, Pooling = false, ApplicationName = "haven-listener" };
        var reconnecting = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(builder.ConnectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, e) => changes.Raise(ContentChangeNotifier.Parse(e.Payload));
                await using (var listen = new NpgsqlCommand($"LISTEN {ContentChangeNotifier.Channel}", connection))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                _listening.TrySetResult();
                if (reconnecting)
                {
                    logger.LogInformation("Listening for content changes again");
                    changes.Raise(ContentChange.All);
                }
                reconnecting = false;
                while (!stoppingToken.IsCancellationRequested)
                    await connection.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Lost the content-change listener's connection; reconnecting in {Delay}", RetryAfter);
                reconnecting = true;
                try
                {
                    await Task.Delay(RetryAfter, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
