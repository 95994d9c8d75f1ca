using Haven.Core.Data;
using Haven.Core.Search;
using Haven.Web.Demo;
using Haven.Web.Policies;
using Microsoft.EntityFrameworkCore;

namespace Haven.Web.Hosting;

/// <summary>Runs before the server accepts requests: migrates the database where that is this instance's job,
/// loads the demo library into an empty database, imports the atlas's states and counties, and brings the search index up to date.</summary>
public sealed class StartupTasks(IServiceScopeFactory scopes, HavenOptions options, DatabaseInfo database,
    IResourceIndex index, SearchIndexFollower follower, ILogger<StartupTasks> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HavenDbContext>();
        if (options.MigrateOnStart ?? database.Provider == Hosting.DatabaseProvider.Sqlite)
            await db.Database.MigrateAsync(cancellationToken);

        if (options.LoadDemoContent && !await db.Resources.AnyAsync(cancellationToken))
        {
            var loaded = await scope.ServiceProvider.GetRequiredService<DemoContent>().LoadAsync(cancellationToken);
            logger.LogInformation("Loaded the demo library: {Count} resources", loaded);
        }

        var import = scope.ServiceProvider.GetRequiredService<ImportJurisdictions>();
        if (options.ImportJurisdictions && await import.IsNeededAsync(cancellationToken))
        {
            try
            {
                var result = await import.RunAsync(cancellationToken);
                logger.LogInformation("Imported jurisdictions from the atlas: {Added} added, {Completed} completed", result.Added, result.Completed);
            }
            catch (DbUpdateException e)
            {
                // Another instance starting at the same time imported them first (FIPS codes are unique).
                logger.LogWarning(e, "The jurisdictions import met rows added meanwhile; run `haven jurisdictions import` if counties are missing");
            }
        }
        _ = scope.ServiceProvider.GetRequiredService<UsAtlas>();
        // The default policy areas, once (administrators change and extend them afterwards).
        await Haven.Core.Policies.DefaultPolicyAreas.EnsureAsync(db, cancellationToken);
        if (options.LoadDemoContent && !await db.PolicyRecords.AnyAsync(cancellationToken))
        {
            var records = await scope.ServiceProvider.GetRequiredService<DemoPolicies>().LoadAsync(cancellationToken);
            logger.LogInformation("Loaded the demo policy records: {Count}", records);
        }
        if (options.LoadDemoContent) await scope.ServiceProvider.GetRequiredService<DemoNews>().LoadAsync(cancellationToken);
        if (options.LoadDemoContent) await scope.ServiceProvider.GetRequiredService<DemoBills>().LoadAsync(cancellationToken);

        if (options.LoadDemoContent) await scope.ServiceProvider.GetRequiredService<Demo.DemoCampaigns>().LoadAsync(cancellationToken);
        await follower.BringUpToDateAsync(cancellationToken);
        index.Warm();
        ReleaseStartupGarbage();
    }

    /// <summary>Start-up's work (migrating, loading the atlas, building a search index of 100,000 resources) leaves
    /// tens of megabytes of dead objects in the oldest generation and the large-object heap, which a busy site may not
    /// collect for hours: a site measured 358 MB resident after a load that followed an index rebuild, against 307 MB
    /// without one. One compacting collection before the first request gives them back (it takes well under a
    /// second, once).</summary>
    private static void ReleaseStartupGarbage()
    {
        System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
