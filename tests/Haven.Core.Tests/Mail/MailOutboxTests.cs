using System.Text;
using AwesomeAssertions;
using Haven.Core.Mail;
using MimeKit;
using NodaTime;

namespace Haven.Core.Tests.Mail;

/// <summary>How a queued <see cref="Email"/> is rendered to MIME (queuing itself is tested over a real database in Web.Tests).</summary>
public sealed class MailOutboxTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 24, 15, 0);
    private static readonly MailboxAddress From = new("Haven", "haven@example.org");

    private static MimeMessage RoundTrip(Email email)
    {
        var bytes = MailOutbox.ToBytes(MailOutbox.Compose(email, From, Now));
        return MimeMessage.Load(new MemoryStream(bytes));
    }

    [Fact]
    public void A_plain_message_carries_the_recipient_sender_date_and_an_automatic_mail_marker()
    {
        var message = RoundTrip(new Email(new EmailAddress("ana@example.org", "Ana Pérez"), "Your invitation", "Hello Ana."));

        message.To.Mailboxes.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Name = "Ana Pérez", Address = "ana@example.org" });
        message.From.Mailboxes.Single().Address.Should().Be("haven@example.org");
        message.Subject.Should().Be("Your invitation");
        message.Date.Should().Be(Now.ToDateTimeOffset());
        message.MessageId.Should().EndWith("@example.org");
        message.Headers["Auto-Submitted"].Should().Be("auto-generated");
        message.TextBody!.TrimEnd().Should().Be("Hello Ana.");
        message.HtmlBody.Should().BeNull();
    }

    [Fact]
    public void Html_travels_beside_the_text_and_a_calendar_file_as_an_attachment()
    {
        const string ics = "BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n";
        var message = RoundTrip(new Email(new EmailAddress("ana@example.org"), "Registered", "You are registered.")
        {
            Html = "<p>You are registered.</p>",
            ReplyTo = new EmailAddress("organizer@example.org", "Organizer"),
            Attachments = [EmailAttachment.Calendar("know-your-rights.ics", ics)],
        });

        message.TextBody.Should().Be("You are registered.");
        message.HtmlBody.Should().Be("<p>You are registered.</p>");
        message.ReplyTo.Mailboxes.Single().Address.Should().Be("organizer@example.org");
        var calendar = message.Attachments.OfType<MimePart>().Should().ContainSingle().Subject;
        calendar.FileName.Should().Be("know-your-rights.ics");
        calendar.ContentType.MimeType.Should().Be("text/calendar");
        calendar.ContentType.Parameters["method"].Should().Be("REQUEST");
        using var content = new MemoryStream();
        calendar.Content!.DecodeTo(content);
        Encoding.UTF8.GetString(content.ToArray()).Should().Be(ics);
    }

    [Fact]
    public void A_line_break_in_the_subject_becomes_a_space_and_never_a_header()
    {
        var message = RoundTrip(new Email(new EmailAddress("ana@example.org"), "Hello\r\nBcc: someone@example.org", "Hi"));
        message.Subject.Should().Be("Hello Bcc: someone@example.org");
        message.Bcc.Count.Should().Be(0);
    }

    [Fact]
    public void Stored_mime_has_crlf_line_ends()
    {
        var bytes = MailOutbox.ToBytes(MailOutbox.Compose(new Email(new EmailAddress("ana@example.org"), "Hi", "one\ntwo"), From, Now));
        var text = Encoding.ASCII.GetString(bytes);
        text.Replace("\r\n", "", StringComparison.Ordinal).Should().NotContain("\n");
    }

    [Theory]
    [InlineData("")]
    [InlineData("not an address")]
    [InlineData("Ana <ana@example.org>")]
    [InlineData("ana@example.org, bob@example.org")]
    [InlineData("ana@")]
    [InlineData("ana@example.org\r\nBcc: x@example.org")]
    public void An_invalid_recipient_is_refused_before_anything_is_queued(string address)
    {
        EmailAddress.IsValid(address).Should().BeFalse();
        var compose = () => MailOutbox.Compose(new Email(new EmailAddress(address), "Hi", "Hi"), From, Now);
        compose.Should().Throw<ArgumentException>();
    }

    [Theory]
    [InlineData("ana@example.org")]
    [InlineData("ana.perez+events@mail.example.org")]
    [InlineData("josé@ejemplo.org")]
    public void Ordinary_addresses_are_valid(string address) => EmailAddress.IsValid(address).Should().BeTrue();
}
