using System.Runtime.InteropServices;
using Haven.Web.Hosting;
using Microsoft.Data.Sqlite;

namespace Haven.Web.Memory;

/// <summary>Decides when to give memory back: at the end of a period in which the runtime collected nothing (little
/// was allocated: the site is quiet) that follows a busy one (some collection happened since the last trim). So a
/// busy site is never interrupted, an idle one is trimmed once rather than every period, and start-up, which
/// allocates a lot, counts as busy.</summary>
public sealed class IdleTrimSchedule(int youngCollections)
{
    private int _lastCount = youngCollections;
    private bool _busySinceTrim = true;

    /// <summary>Called once a period with <see cref="GC.CollectionCount(int)"/> of generation 0; true when it is time
    /// to trim.</summary>
    public bool Tick(int youngCollections)
    {
        if (youngCollections != _lastCount)
        {
            _lastCount = youngCollections;
            _busySinceTrim = true;
            return false;
        }

        if (!_busySinceTrim) return false;
        _busySinceTrim = false;
        return true;
    }

    /// <summary>Called after trimming (a full collection counts as a young one too) with the count it left.</summary>
    public void Trimmed(int youngCollections) => _lastCount = youngCollections;
}

/// <summary>Gives memory back to the operating system. When the site goes quiet after being busy: a compacting
/// collection that also releases the collector's spare memory (<see cref="GCCollectionMode.Aggressive"/>), the pooled
/// SQLite connections (each holds up to 2 MB of page cache; the next request opens a new one), and the C library's
/// free native memory (glibc's malloc_trim). While it is busy, only the last, every period: the managed heap is left
/// to the collector. A quiet site shrinks within about two periods (<c>Haven:Memory:IdleTrimSeconds</c>, 10 by
/// default, 0 turns it off), once per quiet spell. The one full collection pauses the process for some tens of
/// milliseconds, at a moment nobody is waiting.</summary>
public sealed partial class IdleMemoryTrim(IConfiguration configuration, DatabaseInfo database, ILogger<IdleMemoryTrim> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seconds = configuration.GetValue("Haven:Memory:IdleTrimSeconds", 10);
        if (seconds <= 0) return;
        var schedule = new IdleTrimSchedule(GC.CollectionCount(0));
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(seconds));
        var last = GC.CollectionCount(0);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                last = Tick(schedule, last, seconds);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Giving memory back is an optimization: a failure is logged, never allowed to stop the site.
                LogFailed(logger, e);
            }
        }
    }

    private int Tick(IdleTrimSchedule schedule, int last, int seconds)
    {
        var young = GC.CollectionCount(0);
        var sqlite = database.Provider == DatabaseProvider.Sqlite;
        if (schedule.Tick(young))
        {
            var before = Environment.WorkingSet;
            var sqliteHeld = sqlite ? SQLitePCL.raw.sqlite3_memory_used() : 0;
            Trim(sqlite);
            last = GC.CollectionCount(0);
            schedule.Trimmed(last);
            LogTrimmed(logger, seconds, before >> 20, Environment.WorkingSet >> 20, sqliteHeld >> 20);
            return last;
        }

        if (young == last) return last;
        // Busy: the managed heap is left alone, but the native heap's free pages go back every period. Under load
        // glibc's arenas kept 30-50 MB that SQLite and the JIT had freed; giving it back takes about a millisecond.
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var resident = Environment.WorkingSet;
        NativeHeap.Trim();
        LogNativeTrimmed(logger, resident >> 20, Environment.WorkingSet >> 20, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return young;
    }

    private static void Trim(bool sqlite)
    {
        if (sqlite)
            SqliteConnection.ClearAllPools();
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        NativeHeap.Trim();
    }

    [LoggerMessage(Level = LogLevel.Trace, Message = "Busy: native free memory given back, resident set {Before} MB -> {After} MB in {Milliseconds:F1} ms")]
    private static partial void LogNativeTrimmed(ILogger logger, long before, long after, double milliseconds);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Quiet for {Seconds} s after being busy: memory given back, resident set {Before} MB -> {After} MB (SQLite's caches had held {Sqlite} MB)")]
    private static partial void LogTrimmed(ILogger logger, int seconds, long before, long after, long sqlite);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Giving memory back failed; trying again in the next period")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}

/// <summary>glibc keeps memory that native code (SQLite, the runtime itself) freed in per-thread arenas; malloc_trim
/// returns the free pages to the operating system. Elsewhere (musl, macOS, Windows) this does nothing.</summary>
internal static class NativeHeap
{
    private static bool _unavailable;

    public static void Trim()
    {
        if (_unavailable || !OperatingSystem.IsLinux()) return;
        try
        {
            _ = MallocTrim(0);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            _unavailable = true;
        }
    }

    // DllImport rather than LibraryImport: the latter's generated code needs unsafe blocks, for one int-returning call.
#pragma warning disable SYSLIB1054
    [DllImport("libc.so.6", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(nuint pad);
#pragma warning restore SYSLIB1054
}

public static class MemoryServices
{
    public static IServiceCollection AddHavenMemory(this IServiceCollection services)
    {
        services.AddHostedService<IdleMemoryTrim>();
        return services;
    }
}
