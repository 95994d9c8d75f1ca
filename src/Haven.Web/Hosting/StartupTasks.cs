using Haven.Core.Data;
using Haven.Core.Search;
using Haven.Web.Demo;
using Microsoft.EntityFrameworkCore;

namespace Haven.Web.Hosting;

/// <summary>Runs before the server accepts requests: migrates the database where that is this instance's job,
/// loads the demo library into an empty database, and brings the search index up to date.</summary>
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

        // An index that has never applied a change (new instance, deleted folder), or that is ahead of this database
        // (the database was replaced), is built whole; otherwise it replays what it missed.
        if (index.AppliedThrough == 0 || index.AppliedThrough > await LatestAsync(db, cancellationToken))
            await follower.RebuildAsync(cancellationToken);
        await follower.CatchUpAsync(cancellationToken);
        index.Warm();
    }

    private static async Task<long> LatestAsync(HavenDbContext db, CancellationToken ct) =>
        await db.SearchIndexChanges.MaxAsync(c => (long?)c.Id, ct) ?? 0;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
