using AwesomeAssertions;
using Haven.Core.Mail;
using Haven.TestSupport;
using MimeKit;

namespace Haven.Web.Tests.Mail;

/// <summary>With no SMTP server configured (the embedded default), mail is written as .eml files under the data
/// folder. Runs on both databases.</summary>
public abstract class PickupFolderTests(HavenFactory site)
{
    [Fact]
    public async Task Without_an_smtp_server_each_message_is_written_as_an_eml_file_under_the_data_folder()
    {
        var some = new Some();
        var queued = await site.QueueMailAsync(new Email(new EmailAddress($"ana.{some.Token}@example.org", "Ana"), $"Picked up {some.Token}", "Written to disk.")
        {
            Attachments = [EmailAttachment.Calendar("event.ics", "BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n")],
        });

        var sent = await site.WaitForOutboxAsync(queued.Id, m => m.Status == OutboxStatus.Sent);

        var folder = Path.Combine(site.DataPath, "mail");
        var file = Directory.GetFiles(folder, $"*-{queued.Id}.eml").Should().ContainSingle().Subject;
        Path.GetFileName(file).Should().MatchRegex($@"^\d{{8}}T\d{{9}}Z-{queued.Id}\.eml$");
        (await File.ReadAllBytesAsync(file)).Should().Equal(sent.Mime, "the file is the message exactly as it was rendered when queued");
        var message = await MimeMessage.LoadAsync(file);
        message.Subject.Should().Be($"Picked up {some.Token}");
        message.To.Mailboxes.Single().Address.Should().Be($"ana.{some.Token}@example.org");
        message.From.Mailboxes.Single().Should().BeEquivalentTo(new { Name = "Haven", Address = "haven@localhost" });
        message.Attachments.Should().ContainSingle();
        Directory.GetFiles(folder, ".*").Should().BeEmpty("a file is only ever seen whole");
    }
}

public sealed class PickupFolderOnSqlite(SqliteSite site) : PickupFolderTests(site), IClassFixture<SqliteSite>;

public sealed class PickupFolderOnPostgres(PostgresSite site) : PickupFolderTests(site), IClassFixture<PostgresSite>;
