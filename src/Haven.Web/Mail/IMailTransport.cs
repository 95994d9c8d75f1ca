namespace Haven.Web.Mail;

/// <summary>Delivers rendered outbox messages: to an SMTP server, or as .eml files in a pickup folder.</summary>
public interface IMailTransport
{
    /// <summary>Where messages go, in words, for logs and `haven mail test`.</summary>
    string Description { get; }

    /// <summary>Starts a run of deliveries; an SMTP connection is opened at the first message and kept for the run.</summary>
    IMailSession OpenSession();

    /// <summary>Whether delivering a message again leaves the recipient with one copy (a pickup file written again
    /// under its name), so the dispatcher may record outcomes a batch at a time: an instance that dies before recording
    /// them makes no duplicate letter. An SMTP server delivers twice, so there each outcome is recorded at once.</summary>
    bool DeliversOnceWhenRepeated => false;
}
