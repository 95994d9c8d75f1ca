using System.Globalization;
using Haven.Core.Mail;

namespace Haven.Web.Mail;

/// <summary>With no SMTP server configured, writes each message as <c>{timestamp}-{id}.eml</c> in a folder (under the
/// data folder), so an embedded site works out of the box and an operator can open what it would have sent. The
/// timestamp is when the message was queued, so a message delivered again replaces its file rather than adding one.</summary>
public sealed class PickupFolderTransport(string folder) : IMailTransport
{
    public string Folder => folder;

    public string Description => $"the pickup folder {folder} (no SMTP host is configured)";

    public IMailSession OpenSession() => new Session(folder);

    public bool DeliversOnceWhenRepeated => true;

    private sealed class Session(string folder) : IMailSession
    {
        public async Task SendAsync(OutboxMessage message, CancellationToken cancellationToken)
        {
            Directory.CreateDirectory(folder);
            var stamp = message.CreatedAt.ToDateTimeUtc().ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture);
            var name = $"{stamp}-{message.Id}.eml";
            // Written beside under a dot-name and then renamed, so whoever reads *.eml never sees half a message.
            var partial = Path.Combine(folder, $".{name}.partial");
            await File.WriteAllBytesAsync(partial, message.Mime, cancellationToken);
            File.Move(partial, Path.Combine(folder, name), overwrite: true);
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
