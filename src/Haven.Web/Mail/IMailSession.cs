using Haven.Core.Mail;

namespace Haven.Web.Mail;

/// <summary>One run of deliveries through an <see cref="IMailTransport"/>.</summary>
public interface IMailSession : IAsyncDisposable
{
    /// <summary>Delivers the message's MIME as it was rendered when queued. Throws when it was not accepted;
    /// <see cref="MailServerUnavailableException"/> means no message can get through right now.</summary>
    Task SendAsync(OutboxMessage message, CancellationToken cancellationToken);
}
