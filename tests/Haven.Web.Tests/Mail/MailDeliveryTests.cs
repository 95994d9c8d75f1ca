using AwesomeAssertions;
using Haven.Core.Data;
using Haven.Core.Mail;
using Haven.Core.Organizations;
using Haven.TestSupport;
using Haven.Web.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Haven.Web.Tests.Mail;

/// <summary>Mail from the outbox to a real SMTP server (aiosmtpd): sent after the transaction that queued it commits,
/// never after a rollback, in the order it was queued. Runs on both databases.</summary>
public abstract class MailDeliveryTests(SiteWithSmtp site)
{
    [Fact]
    public async Task Mail_queued_in_a_transaction_that_commits_arrives_with_its_headers_body_and_calendar_attachment()
    {
        var some = new Some();
        var ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Haven//Tests//EN\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\n" +
                  $"UID:{some.Token}@haven.example.org\r\nDTSTAMP:20261124T150000Z\r\nDTSTART:20261201T230000Z\r\n" +
                  $"SUMMARY:Know your rights {some.Token}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        var to = $"ana.{some.Token}@example.org";
        long id;
        await using (var scope = site.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HavenDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Organizations.Add(new Organization { Slug = some.Slug("hosts"), Name = $"Hosts {some.Token}" });
            await db.SaveChangesAsync();
            var queued = scope.ServiceProvider.GetRequiredService<MailOutbox>().Queue(
                new Email(new EmailAddress(to, "Ana Pérez"), $"Registered: Know your rights {some.Token}", "You are registered.\nSee you there.")
                {
                    Html = "<p>You are registered.</p>",
                    ReplyTo = new EmailAddress("organizer@example.org", "The organizer"),
                    Attachments = [EmailAttachment.Calendar("know-your-rights.ics", ics)],
                });
            await db.SaveChangesAsync();
            // Held open a moment: a dispatcher woken by SaveChanges rather than by the commit would look now, find
            // nothing committed, and leave the message to the next poll, well after this test's timeout.
            await Task.Delay(300);
            await transaction.CommitAsync();
            id = queued.Id;
        }

        var received = (await site.Smtp.WaitForAsync(m => (m.Subject ?? "").Contains(some.Token, StringComparison.Ordinal))).Single();

        received.From.Mailboxes.Single().Should().BeEquivalentTo(new { Name = SiteWithSmtp.FromName, Address = SiteWithSmtp.FromAddress });
        received.To.Mailboxes.Single().Should().BeEquivalentTo(new { Name = "Ana Pérez", Address = to });
        received.ReplyTo.Mailboxes.Single().Address.Should().Be("organizer@example.org");
        received.Headers["X-MailFrom"].Should().Be(SiteWithSmtp.FromAddress);
        received.Headers["X-RcptTo"].Should().Be(to);
        received.Subject.Should().Be($"Registered: Know your rights {some.Token}");
        received.TextBody!.ReplaceLineEndings("\n").TrimEnd().Should().Be("You are registered.\nSee you there.");
        received.HtmlBody!.Trim().Should().Be("<p>You are registered.</p>");
        var calendar = received.Attachments.OfType<MimePart>().Should().ContainSingle().Subject;
        calendar.FileName.Should().Be("know-your-rights.ics");
        calendar.ContentType.MimeType.Should().Be("text/calendar");
        calendar.ContentType.Parameters["method"].Should().Be("REQUEST");
        using (var content = new MemoryStream())
        {
            calendar.Content!.DecodeTo(content);
            // The maildir stores lines with LF; the calendar's content is otherwise what was queued.
            System.Text.Encoding.UTF8.GetString(content.ToArray()).ReplaceLineEndings("\r\n").Should().Be(ics);
        }

        var sent = await site.WaitForOutboxAsync(id, m => m.Status == OutboxStatus.Sent);
        sent.Attempts.Should().Be(1);
        sent.SentAt.Should().NotBeNull();
        sent.LastError.Should().BeNull();
        (await site.WithDbAsync(db => db.Organizations.AnyAsync(o => o.Slug == some.Slug("hosts"))))
            .Should().BeTrue("the change that queued the mail was committed with it");
    }

    [Fact]
    public async Task Mail_queued_in_a_transaction_that_rolls_back_is_never_sent()
    {
        var some = new Some();
        var to = new EmailAddress($"ana.{some.Token}@example.org");
        await using (var scope = site.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HavenDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Organizations.Add(new Organization { Slug = some.Slug("undone"), Name = $"Undone {some.Token}" });
            scope.ServiceProvider.GetRequiredService<MailOutbox>().Queue(new Email(to, $"Rolled back {some.Token}", "Never sent."));
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }
        var later = await site.QueueMailAsync(new Email(to, $"Committed {some.Token}", "Sent."));

        await site.Smtp.WaitForAsync(m => m.Subject == $"Committed {some.Token}");
        await site.WaitForOutboxAsync(later.Id, m => m.Status == OutboxStatus.Sent);

        site.Smtp.Received().Should().NotContain(m => m.Subject == $"Rolled back {some.Token}");
        (await site.WithDbAsync(db => db.Outbox.CountAsync(m => m.Subject == $"Rolled back {some.Token}"))).Should().Be(0);
        (await site.WithDbAsync(db => db.Organizations.AnyAsync(o => o.Slug == some.Slug("undone")))).Should().BeFalse();
    }

    [Fact]
    public async Task Messages_are_sent_in_the_order_they_were_queued()
    {
        var some = new Some();
        List<long> ids;
        await using (var scope = site.Scope())
        {
            var outbox = scope.ServiceProvider.GetRequiredService<MailOutbox>();
            var queued = Enumerable.Range(1, 6)
                .Select(i => outbox.Queue(new Email(new EmailAddress($"member{i}.{some.Token}@example.org"), $"Reminder {i} {some.Token}", "See you tonight.")))
                .ToList();
            await scope.ServiceProvider.GetRequiredService<HavenDbContext>().SaveChangesAsync();
            ids = queued.Select(m => m.Id).ToList();
        }

        await site.Smtp.WaitForAsync(m => (m.Subject ?? "").EndsWith(some.Token, StringComparison.Ordinal), count: 6);
        await Poll.UntilAsync(async () => await site.WithDbAsync(db => db.Outbox.CountAsync(m => ids.Contains(m.Id) && m.Status == OutboxStatus.Sent)) == 6);

        // The site's clock moves at every reading, so the times sent record the order of sending.
        var sent = await site.WithDbAsync(db => db.Outbox.Where(m => ids.Contains(m.Id)).OrderBy(m => m.SentAt).Select(m => m.Id).ToListAsync());
        sent.Should().Equal(ids.Order());
    }

    [Fact]
    public async Task A_message_claimed_by_an_instance_that_died_is_sent_once_the_claim_runs_out()
    {
        var some = new Some();
        long id;
        await using (var scope = site.Scope())
        {
            var queued = scope.ServiceProvider.GetRequiredService<MailOutbox>().Queue(
                new Email(new EmailAddress($"ana.{some.Token}@example.org"), $"Orphaned {some.Token}", "Not lost."));
            // The row as a dispatcher leaves it when it claims the message and then dies before recording anything.
            queued.NextAttemptAt = site.Clock.GetCurrentInstant() + MailDispatcher.Lease;
            await scope.ServiceProvider.GetRequiredService<HavenDbContext>().SaveChangesAsync();
            id = queued.Id;
        }
        (await site.SendDueMailAsync()).Should().Be(0, "the claim still holds");

        site.Clock.Advance(MailDispatcher.Lease);
        site.WakeMailDispatcher();

        await site.Smtp.WaitForAsync(m => m.Subject == $"Orphaned {some.Token}");
        (await site.WaitForOutboxAsync(id, m => m.Status == OutboxStatus.Sent)).Attempts.Should().Be(1);
    }
}

public sealed class MailDeliveryOnSqlite(SqliteSiteWithSmtp site) : MailDeliveryTests(site), IClassFixture<SqliteSiteWithSmtp>;

public sealed class MailDeliveryOnPostgres(PostgresSiteWithSmtp site) : MailDeliveryTests(site), IClassFixture<PostgresSiteWithSmtp>;
