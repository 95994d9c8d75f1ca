namespace Haven.Core.Mail;

/// <summary>A message to queue: one recipient, a subject, a plain-text body, and optionally an HTML body and
/// attachments. The caller writes it in the recipient's language; the outbox renders it to MIME as it is queued.</summary>
public sealed record Email(EmailAddress To, string Subject, string Text)
{
    /// <summary>An HTML version of <see cref="Text"/>, sent beside it (multipart/alternative); already safe HTML.</summary>
    public string? Html { get; init; }

    /// <summary>Where replies go when not to the site's From address (an event's organizer, say).</summary>
    public EmailAddress? ReplyTo { get; init; }

    public IReadOnlyList<EmailAttachment> Attachments { get; init; } = [];

    /// <summary>Extra header fields written into the message as queued (List-Unsubscribe and List-Unsubscribe-Post
    /// for RFC 8058 one-click unsubscribe, say); the transports send the stored MIME, so they carry them as they are.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];
}
