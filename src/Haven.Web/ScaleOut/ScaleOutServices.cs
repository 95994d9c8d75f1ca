using Haven.Core.Data;
using Haven.Web.Hosting;
using StackExchange.Redis;

namespace Haven.Web.ScaleOut;

/// <summary>What lets several instances share one PostgreSQL database (and optionally Redis): the content-change seam
/// and its PostgreSQL listener, the background jobs' cluster lock, and the shared rate-limit counters when
/// <c>ConnectionStrings:Redis</c> is set. On SQLite the same seam works in process.</summary>
public static class ScaleOutServices
{
    public static IServiceCollection AddHavenScaleOut(this IServiceCollection services, IConfiguration configuration, DatabaseProvider provider)
    {
        var postgres = provider == DatabaseProvider.Postgres ? configuration.GetConnectionString("Postgres") : null;
        services.AddSingleton<ContentChanges>();
        services.AddSingleton(sp => new ContentChangeNotifier(sp.GetRequiredService<ContentChanges>(), postgres is not null));
        services.ConfigureDbContext<HavenDbContext>((sp, db) => db.AddInterceptors(sp.GetRequiredService<ContentChangeNotifier>()));
        if (postgres is not null)
        {
            services.AddSingleton(sp => new PostgresContentListener(postgres, sp.GetRequiredService<ContentChanges>(),
                sp.GetRequiredService<ILogger<PostgresContentListener>>()));
            services.AddHostedService(sp => sp.GetRequiredService<PostgresContentListener>());
        }
        services.AddSingleton(sp => new ClusterJobs(postgres, sp.GetRequiredService<ILogger<ClusterJobs>>()));
        services.AddHostedService<ContentChangeSubscribers>();

        var redis = configuration.GetConnectionString("Redis");
        if (!string.IsNullOrWhiteSpace(redis))
        {
            var redisOptions = ConfigurationOptions.Parse(redis);
            // Start even while Redis is down; counters fail open and reconnect in the background.
            redisOptions.AbortOnConnectFail = false;
            services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(redisOptions));
            services.AddSingleton<SharedCounters>();
        }
        return services;
    }
}
