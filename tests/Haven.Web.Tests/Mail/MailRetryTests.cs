using AwesomeAssertions;
using Haven.Core.Mail;
using Haven.TestSupport;
using Haven.Web.Hosting;
using NodaTime;

namespace Haven.Web.Tests.Mail;

/// <summary>An SMTP server that is down: the message waits in the outbox with its error and is delivered once its
/// retry time has come and the server is back. Runs on both databases.</summary>
public abstract class MailRetryTests(DatabaseProvider provider) : IAsyncLifetime
{
    // Its port is chosen, but nothing listens there until the test starts it.
    private readonly TestSmtpServer _smtp = new();
    private HavenFactory _site = null!;

    public ValueTask InitializeAsync()
    {
        _site = new HavenFactory(provider);
        _site.UseSmtp(_smtp);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task A_message_the_server_cannot_take_stays_pending_with_its_error_and_is_delivered_after_the_backoff()
    {
        var some = new Some();
        var queued = await _site.QueueMailAsync(new Email(new EmailAddress($"ana.{some.Token}@example.org"), $"Retried {some.Token}", "Eventually."));

        var failed = await _site.WaitForOutboxAsync(queued.Id, m => m.Attempts == 1);
        failed.Status.Should().Be(OutboxStatus.Pending);
        failed.LastError.Should().Contain($"Could not connect to {_smtp.Host}:{_smtp.Port}");
        (failed.NextAttemptAt - queued.CreatedAt).Should().BeGreaterThanOrEqualTo(Duration.FromMinutes(1))
            .And.BeLessThan(Duration.FromMinutes(1) + Duration.FromSeconds(5));

        await _smtp.StartAsync();
        (await _site.SendDueMailAsync()).Should().Be(0, "the next attempt is a minute away");
        (await _site.OutboxMessageAsync(queued.Id)).Attempts.Should().Be(1);
        _smtp.Received().Should().BeEmpty();

        _site.Clock.Advance(Duration.FromMinutes(1));
        _site.WakeMailDispatcher();

        await _smtp.WaitForAsync(m => m.Subject == $"Retried {some.Token}");
        var sent = await _site.WaitForOutboxAsync(queued.Id, m => m.Status == OutboxStatus.Sent);
        sent.Attempts.Should().Be(2);
        sent.LastError.Should().BeNull();
    }

    public async ValueTask DisposeAsync()
    {
        await _site.DisposeAsync();
        await _smtp.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

public sealed class MailRetryOnSqlite() : MailRetryTests(DatabaseProvider.Sqlite);

public sealed class MailRetryOnPostgres() : MailRetryTests(DatabaseProvider.Postgres);
