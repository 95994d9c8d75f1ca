using Haven.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Haven.Data.Postgres;

/// <summary>Haven on PostgreSQL, for production and for several instances sharing one database.</summary>
public static class PostgresDatabase
{
    public static DbContextOptionsBuilder UseHavenPostgres(this DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly(typeof(PostgresDatabase).Assembly.GetName().Name));
}

/// <summary>Lets `dotnet ef migrations add` build the model for PostgreSQL.</summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<HavenDbContext>
{
    public HavenDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<HavenDbContext>().UseHavenPostgres("Host=localhost;Database=haven_design").Options);
}
