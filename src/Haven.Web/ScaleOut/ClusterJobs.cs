using Npgsql;

namespace Haven.Web.ScaleOut;

/// <summary>Lets a periodic job run on one instance at a time. Every instance runs every background job on its own
/// timer; the job's work is written to be safe to repeat (a due resource is published once, a reminder has its keyed
/// marker, an erased registration is not erased again), and this lock keeps two instances from doing the same work at
/// the same moment, which would only end in a conflict and a logged error. On PostgreSQL it is a session advisory lock
/// on its own connection, released when the job ends or when the instance dies (the connection closes); on SQLite
/// (one process) it always succeeds.</summary>
public sealed class ClusterJobs(string? postgresConnectionString, ILogger<ClusterJobs> logger)
{
    /// <summary>Takes the job's lock if no other instance holds it; null when one does (skip this run).</summary>
    public async Task<IAsyncDisposable?> TryTakeAsync(string job, CancellationToken cancellationToken)
    {
        if (postgresConnectionString is null) return NoLock.Instance;
        // Unpooled: a lock must never go back to a pool with its connection.
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(postgresConnectionString) { Pooling = false, ApplicationName = "haven-job" }.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(hashtext($1))", connection);
            command.Parameters.AddWithValue("haven-job:" + job);
            if (await command.ExecuteScalarAsync(cancellationToken) is true)
                return new Held(connection, job, logger);
            logger.LogDebug("Job {Job} is running on another instance; skipped", job);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
        await connection.DisposeAsync();
        return null;
    }

    private sealed class NoLock : IAsyncDisposable
    {
        public static readonly NoLock Instance = new();
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private sealed class Held(NpgsqlConnection connection, string job, ILogger logger) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(hashtext($1))", connection);
                command.Parameters.AddWithValue("haven-job:" + job);
                await command.ExecuteScalarAsync();
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
            {
                // Closing the connection releases the lock as well.
                logger.LogDebug(e, "Unlocking job {Job} failed; closing its connection releases it", job);
            }
            finally
            {
                await connection.DisposeAsync();
            }
        }
    }
}
