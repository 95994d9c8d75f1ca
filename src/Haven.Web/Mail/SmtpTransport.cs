using System.Net.Sockets;
using Haven.Core.Mail;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Haven.Web.Mail;

/// <summary>Sends through an SMTP server with MailKit: one connection per run of messages, signed in when a user
/// name is configured.</summary>
public sealed class SmtpTransport(SmtpSettings settings) : IMailTransport
{
    public string Description => $"the SMTP server {settings.Host}:{settings.EffectivePort} ({settings.Security})";

    public IMailSession OpenSession() => new Session(settings);

    private sealed class Session(SmtpSettings settings) : IMailSession
    {
        // Per network operation, not per message; MailKit's default of two minutes holds a dispatcher too long.
        private readonly SmtpClient _client = new() { Timeout = (int)TimeSpan.FromSeconds(60).TotalMilliseconds };

        public async Task SendAsync(OutboxMessage message, CancellationToken cancellationToken)
        {
            await ConnectAsync(cancellationToken);
            using var stream = new MemoryStream(message.Mime, writable: false);
            var mime = await MimeMessage.LoadAsync(stream, cancellationToken);
            await _client.SendAsync(mime, cancellationToken);
        }

        private async Task ConnectAsync(CancellationToken cancellationToken)
        {
            if (_client.IsConnected && (_client.IsAuthenticated || string.IsNullOrEmpty(settings.Username))) return;
            try
            {
                if (!_client.IsConnected)
                    await _client.ConnectAsync(settings.Host!, settings.EffectivePort, Options(settings.Security), cancellationToken);
                if (!string.IsNullOrEmpty(settings.Username))
                    await _client.AuthenticateAsync(settings.Username, settings.Password ?? "", cancellationToken);
            }
            catch (Exception e) when (e is SocketException or IOException or TimeoutException or SslHandshakeException
                                          or AuthenticationException or SmtpCommandException or SmtpProtocolException
                                          or NotSupportedException)
            {
                await DisconnectAsync();
                throw new MailServerUnavailableException($"Could not connect to {settings.Host}:{settings.EffectivePort}: {e.Message}", e);
            }
        }

        private static SecureSocketOptions Options(SmtpSecurity security) => security switch
        {
            SmtpSecurity.None => SecureSocketOptions.None,
            SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
            SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
            SmtpSecurity.Auto => SecureSocketOptions.Auto,
            _ => throw new ArgumentOutOfRangeException(nameof(security), security, "Unknown Haven:Mail:Smtp:Security."),
        };

        private async Task DisconnectAsync()
        {
            if (!_client.IsConnected) return;
            try
            {
                await _client.DisconnectAsync(quit: true, CancellationToken.None);
            }
            catch (Exception e) when (e is IOException or SocketException or ServiceNotConnectedException or SmtpProtocolException or TimeoutException)
            {
                // The connection is going away either way.
            }
        }

        public async ValueTask DisposeAsync()
        {
            await DisconnectAsync();
            _client.Dispose();
        }
    }
}
