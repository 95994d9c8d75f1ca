using Haven.Core.Data;
using Haven.Core.Shared;
using MimeKit;
using MimeKit.Utils;
using NodaTime;

namespace Haven.Core.Mail;

/// <summary>Queues mail in the caller's unit of work: <see cref="Queue"/> renders the message and adds an
/// <see cref="OutboxMessage"/> to the context without saving, so the caller's SaveChanges (or transaction) writes it
/// together with the change that caused it. A rolled-back change sends nothing; a committed one is sent after commit.</summary>
public sealed class MailOutbox(HavenDbContext db, IClock clock, MailSettings mail, SiteSettings site)
{
    private static readonly FormatOptions Canonical = CanonicalFormat();

    /// <summary>Adds <paramref name="email"/> to the outbox; it is written by the caller's next SaveChanges.
    /// An invalid address is a bug here (validate what people type with <see cref="EmailAddress.IsValid"/>).</summary>
    public OutboxMessage Queue(Email email)
    {
        ArgumentNullException.ThrowIfNull(email);
        var now = clock.GetCurrentInstant();
        var mime = Compose(email, From(), now);
        var subject = mime.Subject ?? "";
        var message = new OutboxMessage
        {
            CreatedAt = now,
            NextAttemptAt = now,
            To = email.To.Address.Trim(),
            Subject = subject.Length > 500 ? subject[..500] : subject,
            Mime = ToBytes(mime),
        };
        db.Outbox.Add(message);
        return message;
    }

    private MailboxAddress From() =>
        new EmailAddress(mail.FromAddress, string.IsNullOrWhiteSpace(mail.FromName) ? site.Name : mail.FromName).ToMailbox();

    internal static MimeMessage Compose(Email email, MailboxAddress from, Instant now)
    {
        var message = new MimeMessage();
        message.From.Add(from);
        message.To.Add(email.To.ToMailbox());
        if (email.ReplyTo is { } replyTo) message.ReplyTo.Add(replyTo.ToMailbox());
        // A subject is one line; a line break in it would otherwise just vanish and glue two words together.
        message.Subject = email.Subject.ReplaceLineEndings(" ").Trim();
        message.Date = now.ToDateTimeOffset();
        var domain = from.Domain is { Length: > 0 } d ? d : "localhost";
        message.MessageId = MimeUtils.GenerateMessageId(domain);
        // RFC 3834: this is automatic mail, so vacation responders should not answer it.
        message.Headers.Add("Auto-Submitted", "auto-generated");
        foreach (var (field, value) in email.Headers) message.Headers.Add(field, value.ReplaceLineEndings(" "));

        var body = new BodyBuilder { TextBody = email.Text, HtmlBody = email.Html };
        foreach (var attachment in email.Attachments)
            body.Attachments.Add(attachment.FileName, attachment.Content, ContentType.Parse(attachment.ContentType));
        message.Body = body.ToMessageBody();
        return message;
    }

    internal static byte[] ToBytes(MimeMessage message)
    {
        using var stream = new MemoryStream();
        message.WriteTo(Canonical, stream);
        return stream.ToArray();
    }

    private static FormatOptions CanonicalFormat()
    {
        // MIME on the wire has CRLF line ends; storing it that way makes the .eml files and the SMTP bytes identical.
        var options = FormatOptions.Default.Clone();
        options.NewLineFormat = NewLineFormat.Dos;
        return options;
    }
}
