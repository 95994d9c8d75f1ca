namespace Haven.Web.Mail;

/// <summary>The mail server could not be reached or refused the connection or the sign-in: every message would fail
/// the same way, so the dispatcher stops its run rather than knocking once per message.</summary>
public sealed class MailServerUnavailableException : Exception
{
    public MailServerUnavailableException()
    {
    }

    public MailServerUnavailableException(string message) : base(message)
    {
    }

    public MailServerUnavailableException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
