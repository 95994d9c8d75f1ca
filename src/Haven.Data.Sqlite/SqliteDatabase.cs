using System.Data.Common;
using Haven.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Haven.Data.Sqlite;

/// <summary>Haven on an embedded SQLite file: write-ahead logging so readers never wait for the writer,
/// and a busy timeout so concurrent writers queue instead of failing.</summary>
public static class SqliteDatabase
{
    public static DbContextOptionsBuilder UseHavenSqlite(this DbContextOptionsBuilder options, string connectionString) =>
        options
            .UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(typeof(SqliteDatabase).Assembly.GetName().Name))
            .AddInterceptors(ConnectionPragmas.Instance);

    /// <summary>Makes sure the folder of the database file exists before SQLite tries to create the file.</summary>
    public static void EnsureFolder(string connectionString)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (string.IsNullOrEmpty(dataSource) || dataSource == ":memory:") return;
        var folder = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (folder is not null) Directory.CreateDirectory(folder);
    }

    private sealed class ConnectionPragmas : DbConnectionInterceptor
    {
        public static readonly ConnectionPragmas Instance = new();

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Apply(connection);
            return Task.CompletedTask;
        }

        /// <summary>The native connections set up already. Microsoft.Data.Sqlite pools them, and EF opens a pooled one
        /// for every query outside a transaction; these settings belong to the native connection and stay with it, so
        /// running them at every open (four statements, the write-ahead one taking a lock) cost more than some queries.</summary>
        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, object> Configured = [];

        private static void Apply(DbConnection connection)
        {
            var handle = (connection as SqliteConnection)?.Handle;
            if (handle is not null && Configured.TryGetValue(handle, out _)) return;
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=10000;";
            command.ExecuteNonQuery();
            if (handle is not null) Configured.AddOrUpdate(handle, handle);
        }
    }
}

/// <summary>Lets `dotnet ef migrations add` build the model for SQLite.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<HavenDbContext>
{
    public HavenDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<HavenDbContext>().UseHavenSqlite("Data Source=design.db").Options);
}
