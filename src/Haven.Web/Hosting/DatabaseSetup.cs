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
/// otherwise an SQLite file under the data folder.</summary>
public static class DatabaseSetup
{
    public static DatabaseProvider AddHavenDatabase(this IServiceCollection services, IConfiguration configuration, HavenOptions options)
    {
        var postgres = configuration.GetConnectionString("Postgres");
        if (!string.IsNullOrWhiteSpace(postgres))
        {
            services.AddDbContext<HavenDbContext>(o => o.UseHavenPostgres(postgres));
            return DatabaseProvider.Postgres;
        }
        var sqlite = configuration.GetConnectionString("Sqlite");
        if (string.IsNullOrWhiteSpace(sqlite))
            sqlite = $"Data Source={Path.Combine(options.FullDataPath, "haven.db")}";
        SqliteDatabase.EnsureFolder(sqlite);
        services.AddDbContext<HavenDbContext>(o => o.UseHavenSqlite(sqlite));
        return DatabaseProvider.Sqlite;
    }
}
