using System.Collections.Concurrent;
using AwesomeAssertions;
using Haven.Core.Data;
using Haven.Core.Taxonomy;
using Haven.TestSupport;
using Haven.Web.Hosting;
using Haven.Web.ScaleOut;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.DependencyInjection;

namespace Haven.Web.Tests.ScaleOut;

/// <summary>The "content changed on some instance" seam: a committed change is announced with the kinds of rows it
/// changed, a change still inside a transaction is not announced until the commit, and a rolled-back one never is
/// (on PostgreSQL through NOTIFY inside the transaction, on SQLite in process). And the background jobs' lock.</summary>
public abstract class ContentChangesTests(HavenFactory site)
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(700);

    private async Task<ConcurrentQueue<ContentChange>> ListenAsync()
    {
        _ = site.Services;
        if (site.Provider == DatabaseProvider.Postgres)
            await site.Services.GetRequiredService<PostgresContentListener>().Listening.WaitAsync(TimeSpan.FromSeconds(30));
        var seen = new ConcurrentQueue<ContentChange>();
        site.Services.GetRequiredService<ContentChanges>().Changed += seen.Enqueue;
        // Start from silence: on PostgreSQL a commit is announced at once in process and again when its NOTIFY comes
        // back, and that echo of an earlier test's save can arrive after this test subscribed (it failed CI once).
        for (var i = 0; i < 20; i++)
        {
            await Task.Delay(Quiet / 2);
            if (seen.IsEmpty) break;
            seen.Clear();
        }
        return seen;
    }

    private static async Task<bool> SeenAsync(ConcurrentQueue<ContentChange> seen, string kind, TimeSpan within)
    {
        var until = DateTime.UtcNow + within;
        while (DateTime.UtcNow < until)
        {
            if (seen.Any(c => c.Kinds.Contains(kind))) return true;
            await Task.Delay(20);
        }
        return seen.Any(c => c.Kinds.Contains(kind));
    }

    private static Topic NewTopic(Some some) => new() { Slug = some.Slug("notice"), Name = $"Notice {some.Token}", NameEs = $"Aviso {some.Token}" };

    [Fact]
    public async Task A_committed_save_is_announced_with_the_kinds_it_changed()
    {
        var seen = await ListenAsync();
        await site.WithDbAsync(async db =>
        {
            db.Topics.Add(NewTopic(new Some()));
            return await db.SaveChangesAsync();
        });

        (await SeenAsync(seen, nameof(Topic), TimeSpan.FromSeconds(10))).Should().BeTrue();
        seen.Should().NotContain(c => c.Kinds.Contains("AuditEntry") || c.Kinds.Contains("OutboxMessage"));
    }

    [Fact]
    public async Task A_change_inside_a_transaction_is_announced_at_its_commit_and_a_rolled_back_one_never()
    {
        var seen = await ListenAsync();
        await using var scope = site.Scope();
        var db = scope.ServiceProvider.GetRequiredService<HavenDbContext>();

        await using (var rolledBack = await db.Database.BeginTransactionAsync())
        {
            db.Topics.Add(NewTopic(new Some()));
            await db.SaveChangesAsync();
            await rolledBack.RollbackAsync();
        }
        db.ChangeTracker.Clear();
        (await SeenAsync(seen, nameof(Topic), Quiet)).Should().BeFalse("a rolled-back change never happened");

        await using var committed = await db.Database.BeginTransactionAsync();
        db.Topics.Add(NewTopic(new Some()));
        await db.SaveChangesAsync();
        (await SeenAsync(seen, nameof(Topic), Quiet)).Should().BeFalse("other instances could not see it yet");
        await committed.CommitAsync();
        (await SeenAsync(seen, nameof(Topic), TimeSpan.FromSeconds(10))).Should().BeTrue();
    }

    [Fact]
    public async Task A_background_job_runs_on_one_instance_at_a_time()
    {
        // Two instances' locks are two ClusterJobs on the same database.
        var first = site.Services.GetRequiredService<ClusterJobs>();
        var connection = site.Provider == DatabaseProvider.Postgres
            ? site.Services.GetRequiredService<IConfiguration>().GetConnectionString("Postgres")
            : null;
        var other = new ClusterJobs(connection, NullLogger<ClusterJobs>.Instance);
        var job = "test-" + new Some().Token;

        await using (var held = await first.TryTakeAsync(job, CancellationToken.None))
        {
            held.Should().NotBeNull();
            var second = await other.TryTakeAsync(job, CancellationToken.None);
            if (site.Provider == DatabaseProvider.Postgres)
                second.Should().BeNull("the other instance holds the job's lock");
            else
                second.Should().NotBeNull("SQLite is one process: there is no other instance");
            if (second is not null) await second.DisposeAsync();
        }

        await using var after = await other.TryTakeAsync(job, CancellationToken.None);
        after.Should().NotBeNull("the lock is released when the job ends");
    }
}

public sealed class ContentChangesOnSqlite(SqliteSite site) : ContentChangesTests(site), IClassFixture<SqliteSite>;

public sealed class ContentChangesOnPostgres(PostgresSite site) : ContentChangesTests(site), IClassFixture<PostgresSite>;
