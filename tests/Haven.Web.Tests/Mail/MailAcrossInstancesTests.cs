using AwesomeAssertions;
using Haven.Core.Data;
using Haven.Core.Mail;
using Haven.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Haven.Web.Tests.Mail;

/// <summary>Two instances of one site on one database, each with its dispatcher, both sending to the same SMTP server:
/// each message is claimed by one of them and arrives once. Runs on both databases.</summary>
public abstract class MailAcrossInstancesTests(SiteWithSmtp first) : IAsyncLifetime
{
    private HavenFactory _second = null!;

    public ValueTask InitializeAsync()
    {
        _second = new HavenFactory(first);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Two_instances_on_one_database_send_each_message_exactly_once()
    {
        const int count = 40;
        var some = new Some();
        _ = _second.Services; // started, with its dispatcher waiting
        List<long> ids;
        await using (var scope = first.Scope())
        {
            var outbox = scope.ServiceProvider.GetRequiredService<MailOutbox>();
            var queued = Enumerable.Range(1, count)
                .Select(i => outbox.Queue(new Email(new EmailAddress($"member{i}.{some.Token}@example.org"), $"Reminder {i} {some.Token}", "See you tonight.")))
                .ToList();
            await scope.ServiceProvider.GetRequiredService<HavenDbContext>().SaveChangesAsync();
            ids = queued.Select(m => m.Id).ToList();
        }
        // The commit woke the first instance's dispatcher; wake the second's too, so both go through the same messages.
        _second.WakeMailDispatcher();

        await Poll.UntilAsync(async () => await first.WithDbAsync(db => db.Outbox.CountAsync(m => ids.Contains(m.Id) && m.Status == OutboxStatus.Sent)) == count,
            TimeSpan.FromSeconds(30), () => $"all {count} messages to be sent");

        var subjects = first.Smtp.Received().Select(m => m.Subject).Where(s => s != null && s.EndsWith(some.Token, StringComparison.Ordinal)).ToList();
        subjects.Should().HaveCount(count).And.OnlyHaveUniqueItems();
    }

    public async ValueTask DisposeAsync()
    {
        await _second.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

public sealed class MailAcrossInstancesOnSqlite(SqliteSiteWithSmtp site) : MailAcrossInstancesTests(site), IClassFixture<SqliteSiteWithSmtp>;

public sealed class MailAcrossInstancesOnPostgres(PostgresSiteWithSmtp site) : MailAcrossInstancesTests(site), IClassFixture<PostgresSiteWithSmtp>;
