namespace Haven.Web.Mail;

/// <summary>The SMTP server mail goes through (configuration section "Haven:Mail:Smtp"). Without a host, messages are
/// written to the pickup folder instead.</summary>
public sealed class SmtpSettings
{
    public string? Host { get; set; }

    /// <summary>587 (submission) when not set, or 465 with <see cref="SmtpSecurity.SslOnConnect"/>.</summary>
    public int? Port { get; set; }

    /// <summary>Signs in only when set.</summary>
    public string? Username { get; set; }

    public string? Password { get; set; }

    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);

    public int EffectivePort => Port is > 0 and var port ? port : Security == SmtpSecurity.SslOnConnect ? 465 : 587;
}

/// <summary>How the connection to the SMTP server is protected.</summary>
public enum SmtpSecurity
{
    /// <summary>STARTTLS, required (the default): nothing is sent if the server does not offer it.</summary>
    StartTls,
    /// <summary>TLS from the first byte (usually port 465).</summary>
    SslOnConnect,
    /// <summary>TLS from the start on port 465; elsewhere STARTTLS when the server offers it, plain text when it does not.</summary>
    Auto,
    /// <summary>Plain text (a relay on the same machine or a trusted network only).</summary>
    None,
}
