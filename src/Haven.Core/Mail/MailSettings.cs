namespace Haven.Core.Mail;

/// <summary>Who Haven's mail comes from (configuration section "Haven:Mail"; the SMTP server is the host's concern).</summary>
public sealed class MailSettings
{
    public string FromAddress { get; set; } = "haven@localhost";

    /// <summary>The name shown beside <see cref="FromAddress"/>; the site's name when not set.</summary>
    public string? FromName { get; set; }
}
