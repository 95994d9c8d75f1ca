using Haven.Core.Data;
using Haven.Web.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;
using Npgsql;

namespace Haven.TestSupport;

/// <summary>A whole Haven site for tests: its own data folder, its own database (an SQLite file, or a fresh
/// PostgreSQL database on the server the test script started), and a clock tests can move.</summary>
public class HavenFactory : WebApplicationFactory<Program>
{
    private readonly string _dataPath;
    private readonly string? _postgresDatabase;
    private readonly string? _postgresConnection;

    /// <param name="dataPath">The data folder; a new temporary one when not given. It is deleted with the site.</param>
    public HavenFactory(DatabaseProvider provider, string? dataPath = null)
    {
        Provider = provider;
        _dataPath = dataPath ?? Path.Combine(Path.GetTempPath(), "haven-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dataPath);
        _sqliteConnection = $"Data Source={Path.Combine(_dataPath, "haven.db")}";
        if (provider == DatabaseProvider.Postgres)
        {
            var server = TestPostgres.ServerConnectionString();
            _postgresDatabase = "haven_test_" + Guid.NewGuid().ToString("N")[..12];
            // A small pool per site: dozens of sites run at once against one server, whose connections are limited.
            _postgresConnection = new NpgsqlConnectionStringBuilder(server) { Database = _postgresDatabase, MaxPoolSize = 20 }.ConnectionString;
        }
    }

    /// <summary>A second instance of the same site: its own data folder (so its own search index) on the same
    /// database as <paramref name="first"/>, as when several instances run behind a load balancer.</summary>
    public HavenFactory(HavenFactory first)
    {
        Provider = first.Provider;
        _dataPath = Path.Combine(Path.GetTempPath(), "haven-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dataPath);
        _sqliteConnection = first._sqliteConnection;
        _postgresConnection = first._postgresConnection;
        foreach (var (key, value) in first.Settings) Settings[key] = value;
        // The first instance owns the database and drops it.
    }

    private readonly string _sqliteConnection;

    public DatabaseProvider Provider { get; }
    public string DataPath => _dataPath;
    /// <summary>Further configuration (e.g. the SMTP server, see <see cref="MailSites"/>); set before the site starts.
    /// A second instance made from this one starts with a copy.</summary>
    public Dictionary<string, string?> Settings { get; } = [];
    /// <summary>Starts at the real current time and moves a millisecond at every reading, so instants stay ordered.</summary>
    public FakeClock Clock { get; } = new(SystemClock.Instance.GetCurrentInstant(), Duration.FromMilliseconds(1));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Haven:DataPath", _dataPath);
        builder.UseSetting("Haven:LoadDemoContent", "false");
        // 3,200 states and counties per site would slow every test; the atlas tests turn it on.
        builder.UseSetting("Haven:ImportJurisdictions", "false");
        builder.UseSetting("Haven:MigrateOnStart", "true");
        builder.UseSetting("ConnectionStrings:Postgres", _postgresConnection ?? "");
        builder.UseSetting("ConnectionStrings:Sqlite", Provider == DatabaseProvider.Sqlite ? _sqliteConnection : "");
        // Every test signs in from the same address; the limit itself is tested with its own setting.
        builder.UseSetting("Haven:RateLimits:SignInPerMinute", "1000000");
        builder.UseSetting("Haven:RateLimits:RegistrationsPerMinute", "1000000");
        builder.UseSetting("Haven:RateLimits:SignOnsPerMinute", "1000000");
        builder.UseSetting("Haven:RateLimits:CommentsPerMinute", "1000000");
        builder.UseSetting("Haven:RateLimits:SubscribePerMinute", "1000000");
        // Tests move the fake clock and read pages right after: the page cache is on only in the caching tests
        // (CachingSqliteSite, CachingPostgresSite), which also get the header that tells a cached answer.
        builder.UseSetting("Haven:Caching:Enabled", "false");
        builder.UseSetting("Haven:Caching:DiagnosticHeader", "true");
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<IClock>(Clock);
            ConfigureServices(services);
        });
    }

    /// <summary>For subclasses that need to change services further.</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    /// <summary>A scope with the site's services, for arranging data through the real use cases.</summary>
    public AsyncServiceScope Scope() => Services.CreateAsyncScope();

    public async Task<T> WithDbAsync<T>(Func<HavenDbContext, Task<T>> work)
    {
        await using var scope = Scope();
        return await work(scope.ServiceProvider.GetRequiredService<HavenDbContext>());
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_postgresDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(TestPostgres.ServerConnectionString());
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresDatabase}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
        try { Directory.Delete(_dataPath, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        GC.SuppressFinalize(this);
    }
}

/// <summary>The PostgreSQL server tests use: started by scripts/test.sh, which exports its address.</summary>
public static class TestPostgres
{
    public const string Variable = "HAVEN_TEST_POSTGRES";

    public static string ServerConnectionString() =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"PostgreSQL tests need a server: run scripts/test.sh (it starts a throwaway one), or set {Variable} to a connection string of a server where tests may create databases.");
}
