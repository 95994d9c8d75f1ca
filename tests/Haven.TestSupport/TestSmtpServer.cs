using System.ComponentModel;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MimeKit;

namespace Haven.TestSupport;

/// <summary>A real SMTP server for tests: Debian's aiosmtpd on a free loopback port, keeping every message it accepts
/// in a maildir that tests read back with MimeKit. The port is chosen at construction, so a site can be pointed at a
/// server that is not running yet; <see cref="StartAsync"/> starts it, dispose kills it.</summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    /// <summary>Debian's Python, where python3-aiosmtpd is installed (the python3 first on PATH may be another).</summary>
    public const string Python = "/usr/bin/python3";

    private readonly string _maildir = Path.Combine(Path.GetTempPath(), "haven-smtp", Guid.NewGuid().ToString("N"));
    private readonly StringBuilder _log = new();
    private Process? _process;

    public TestSmtpServer() => Port = FreePort();

    public string Host => "127.0.0.1";
    public int Port { get; }

    /// <summary>Starts aiosmtpd and returns once the port accepts connections.</summary>
    public async Task StartAsync()
    {
        if (_process is not null) return;
        // Maildir makes its own folder, but not the folders above it.
        Directory.CreateDirectory(Path.GetDirectoryName(_maildir)!);
        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "-m", "aiosmtpd", "-n", "-l", $"{Host}:{Port}", "-c", "aiosmtpd.handlers.Mailbox", _maildir })
            start.ArgumentList.Add(arg);
        try
        {
            _process = Process.Start(start) ?? throw new InvalidOperationException($"{Python} did not start.");
        }
        catch (Win32Exception e)
        {
            throw Missing($"{Python} could not be started ({e.Message}).");
        }
        _process.OutputDataReceived += (_, line) => Record(line.Data);
        _process.ErrorDataReceived += (_, line) => Record(line.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                await _process.WaitForExitAsync();
                var log = Log();
                throw log.Contains("No module named aiosmtpd", StringComparison.Ordinal)
                    ? Missing("aiosmtpd is not installed.")
                    : new InvalidOperationException($"aiosmtpd exited at start (code {_process.ExitCode}):\n{log}");
            }
            if (await AcceptsConnectionsAsync()) return;
            if (deadline.Elapsed > TimeSpan.FromSeconds(20))
                throw new TimeoutException($"aiosmtpd did not accept connections on {Host}:{Port} within 20 seconds:\n{Log()}");
            await Task.Delay(50);
        }
    }

    /// <summary>Every message received so far, as the server stored it (aiosmtpd adds X-MailFrom and X-RcptTo, the envelope).</summary>
    public IReadOnlyList<MimeMessage> Received()
    {
        var messages = new List<MimeMessage>();
        foreach (var folder in new[] { "new", "cur" })
        {
            var path = Path.Combine(_maildir, folder);
            if (!Directory.Exists(path)) continue;
            // Maildir writes into tmp/ and renames into new/, so every file here is complete.
            foreach (var file in Directory.GetFiles(path).Order(StringComparer.Ordinal))
                messages.Add(MimeMessage.Load(file));
        }
        return messages;
    }

    /// <summary>Waits until at least <paramref name="count"/> received messages match, and returns the matches.</summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForAsync(Func<MimeMessage, bool> match, int count = 1, TimeSpan? timeout = null)
    {
        IReadOnlyList<MimeMessage> found = [];
        await Poll.UntilAsync(() =>
        {
            found = Received().Where(match).ToList();
            return Task.FromResult(found.Count >= count);
        }, timeout, () => $"{count} matching message(s) at the SMTP server; {found.Count} arrived (of {Received().Count} in all).\n{Log()}");
        return found;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            try
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
            _process.Dispose();
        }
        try { Directory.Delete(_maildir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private async Task<bool> AcceptsConnectionsAsync()
    {
        using var client = new TcpClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        try
        {
            await client.ConnectAsync(Host, Port, timeout.Token);
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return false;
        }
    }

    private void Record(string? line)
    {
        if (line is null) return;
        lock (_log) _log.AppendLine(line);
    }

    private string Log()
    {
        lock (_log) return _log.ToString();
    }

    private static InvalidOperationException Missing(string what) => new(
        $"Mail tests need a real SMTP server, Debian's aiosmtpd run by {Python}: {what} Run scripts/test.sh, which installs " +
        "python3-aiosmtpd, or install it yourself: apt-get install python3-aiosmtpd.");
}
