using AwesomeAssertions;
using Haven.Core.Mail;
using NodaTime;

namespace Haven.Core.Tests.Mail;

public sealed class OutboxMessageTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 24, 15, 0);

    private static OutboxMessage Pending() => new() { To = "ana@example.org", Subject = "Hello", Mime = [], CreatedAt = Now, NextAttemptAt = Now };

    [Fact]
    public void A_failed_attempt_keeps_the_message_pending_and_retries_it_a_minute_later()
    {
        var message = Pending();
        message.AttemptFailed(Now, "Connection refused");
        message.Status.Should().Be(OutboxStatus.Pending);
        message.Attempts.Should().Be(1);
        message.LastError.Should().Be("Connection refused");
        message.NextAttemptAt.Should().Be(Now + Duration.FromMinutes(1));
    }

    [Fact]
    public void Each_further_failure_doubles_the_wait()
    {
        var message = Pending();
        var waits = new List<Duration>();
        for (var i = 0; i < OutboxMessage.MaxAttempts - 1; i++)
        {
            var at = Now + Duration.FromHours(i);
            message.AttemptFailed(at, "timeout");
            waits.Add(message.NextAttemptAt - at);
        }
        waits.Select(w => w.TotalMinutes).Should().Equal(1, 2, 4, 8, 16, 32, 64, 128, 240, 240, 240, 240, 240, 240, 240);
        message.Status.Should().Be(OutboxStatus.Pending);
    }

    [Fact]
    public void The_last_allowed_failure_gives_up_and_keeps_the_error()
    {
        var message = Pending();
        for (var i = 0; i < OutboxMessage.MaxAttempts; i++) message.AttemptFailed(Now, $"failure {i + 1}");
        message.Status.Should().Be(OutboxStatus.Failed);
        message.Attempts.Should().Be(OutboxMessage.MaxAttempts);
        message.LastError.Should().Be($"failure {OutboxMessage.MaxAttempts}");
    }

    [Fact]
    public void A_message_failing_at_every_retry_is_given_up_about_a_day_and_a_half_after_its_first_failure()
    {
        var message = Pending();
        var at = Now;
        while (message.Status == OutboxStatus.Pending)
        {
            message.AttemptFailed(at, "still down");
            if (message.Status == OutboxStatus.Pending) at = message.NextAttemptAt;
        }
        (at - Now).Should().Be(Duration.FromMinutes(1 + 2 + 4 + 8 + 16 + 32 + 64 + 128 + (7 * 240)));
    }

    [Fact]
    public void A_very_long_error_is_cut_to_what_the_column_holds()
    {
        var message = Pending();
        message.AttemptFailed(Now, new string('x', 5000));
        message.LastError.Should().HaveLength(2000);
    }

    [Fact]
    public void Sending_counts_the_attempt_and_forgets_earlier_errors()
    {
        var message = Pending();
        message.AttemptFailed(Now, "Connection refused");
        message.Sent(Now + Duration.FromMinutes(1));
        message.Status.Should().Be(OutboxStatus.Sent);
        message.Attempts.Should().Be(2);
        message.SentAt.Should().Be(Now + Duration.FromMinutes(1));
        message.LastError.Should().BeNull();
    }
}
