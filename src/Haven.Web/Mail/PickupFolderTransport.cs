using System.Globalization;
using Haven.Core.Mail;
using Microsoft.Win32.SafeHandles;

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
        private bool _folderMade;

        public Task SendAsync(OutboxMessage message, CancellationToken cancellationToken)
        {
            if (!_folderMade)
            {
                Directory.CreateDirectory(folder);
                _folderMade = true;
            }
            var stamp = message.CreatedAt.ToDateTimeUtc().ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture);
            var name = $"{stamp}-{message.Id}.eml";
            // Written beside under a dot-name and then renamed, so whoever reads *.eml never sees half a message.
            var partial = Path.Combine(folder, $".{name}.partial");
            WriteNew(partial, message.Mime);
            File.Move(partial, Path.Combine(folder, name), overwrite: true);
            return Task.CompletedTask;
        }

        /// <summary>Writes a new file with one open, one write and one close (the dispatcher runs in the background, so
        /// the write need not be asynchronous). `File.WriteAllBytesAsync` opened with truncation, preallocated and wrote
        /// through the thread pool, and in the profile ext4 started each such file's write-out as it was closed: under
        /// load a tenth of the server's CPU. A partial file left by a crash is removed first.</summary>
        private static void WriteNew(string path, byte[] content)
        {
            SafeFileHandle handle;
            try
            {
                handle = File.OpenHandle(path, FileMode.CreateNew, FileAccess.Write);
            }
            catch (IOException) when (File.Exists(path))
            {
                File.Delete(path);
                handle = File.OpenHandle(path, FileMode.CreateNew, FileAccess.Write);
            }
            using (handle) RandomAccess.Write(handle, content, 0);
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
