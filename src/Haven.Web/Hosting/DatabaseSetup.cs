using Haven.Core.Data;
using Haven.Data.Postgres;
using Haven.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Haven.Web.Hosting;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Chooses the database from configuration: a PostgreSQL connection string selects PostgreSQL;
/// otherwise an SQLite file under the data folder. Contexts are pooled: every request and background job used to
/// build its context's options and resolve EF's internal services afresh, which was about a tenth of a registration's
/// CPU; a pooled context is reset (change tracker emptied) when its scope ends and handed to the next one. Nothing
/// keeps state on a context between scopes (interceptors are singletons).</summary>
public static class DatabaseSetup
{
    public static DatabaseProvider AddHavenDatabase(this IServiceCollection services, IConfiguration configuration, HavenOptions options)
    {
        var postgres = configuration.GetConnectionString("Postgres");
        if (!string.IsNullOrWhiteSpace(postgres))
        {
            services.AddDbContextPool<HavenDbContext>(o => o.UseHavenPostgres(postgres));
            services.AddSingleton<ICommitWatch>(NoCommitWatch.Instance);
            return DatabaseProvider.Postgres;
        }
        var sqlite = configuration.GetConnectionString("Sqlite");
        if (string.IsNullOrWhiteSpace(sqlite))
            sqlite = $"Data Source={Path.Combine(options.FullDataPath, "haven.db")}";
        SqliteDatabase.EnsureFolder(sqlite);
        services.AddDbContextPool<HavenDbContext>(o => o.UseHavenSqlite(sqlite));
        services.AddSingleton(_ => SqliteCommitWatch.For(sqlite));
        return DatabaseProvider.Sqlite;
    }
}
