using System.Net;
using AwesomeAssertions;
using Haven.TestSupport;
using Haven.Web.Hosting;
using Haven.Web.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Haven.Web.Tests.Memory;

/// <summary>A site whose idle trim runs every second (10 s in production).</summary>
public sealed class QuickTrimSqliteSite : HavenFactory
{
    public QuickTrimSqliteSite() : base(DatabaseProvider.Sqlite) => Settings["Haven:Memory:IdleTrimSeconds"] = "1";
}

/// <summary>The same on PostgreSQL.</summary>
public sealed class QuickTrimPostgresSite : HavenFactory
{
    public QuickTrimPostgresSite() : base(DatabaseProvider.Postgres) => Settings["Haven:Memory:IdleTrimSeconds"] = "1";
}

/// <summary>Giving memory back never disturbs the site: after several periods (start-up counts as busy, so the first
/// quiet one trims: a full collection, the SQLite pool emptied, malloc_trim) it still answers, reading the database
/// through new connections.</summary>
public abstract class IdleMemoryTrimTests(HavenFactory site)
{
    [Fact]
    public async Task The_site_keeps_answering_through_several_trims()
    {
        var client = site.CreateClient();
        (await client.GetAsync("/resources")).StatusCode.Should().Be(HttpStatusCode.OK);
        for (var period = 0; period < 4; period++)
        {
            await Task.Delay(TimeSpan.FromSeconds(1.2), TestContext.Current.CancellationToken);
            var health = await client.GetAsync("/healthz", TestContext.Current.CancellationToken);
            health.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        (await client.GetAsync("/resources", TestContext.Current.CancellationToken)).StatusCode.Should().Be(HttpStatusCode.OK);
        // Still running: a failure inside a trim is logged, never ends the service (which would stop the host).
        var trim = site.Services.GetServices<IHostedService>().OfType<IdleMemoryTrim>().Single();
        trim.ExecuteTask.Should().NotBeNull();
        trim.ExecuteTask!.IsCompleted.Should().BeFalse();
    }
}

public sealed class IdleMemoryTrimTestsOnSqlite(QuickTrimSqliteSite site) : IdleMemoryTrimTests(site), IClassFixture<QuickTrimSqliteSite>;

public sealed class IdleMemoryTrimTestsOnPostgres(QuickTrimPostgresSite site) : IdleMemoryTrimTests(site), IClassFixture<QuickTrimPostgresSite>;
