using System.Diagnostics;
using System.Text.Json;

namespace Haven.TestSupport;

/// <summary>Reads Atom with npm's rss-parser (scripts/feed-check), a parser independent of the code that wrote it:
/// what a feed reader would show (the feed's title, link and id; each item's id, title, link, dates, author, categories).</summary>
public static class RssParser
{
    /// <summary>rss-parser's reading of <paramref name="feed"/>, or null when node or rss-parser is not installed
    /// (run scripts/install-test-deps.sh); the caller skips then.</summary>
    public static async Task<JsonDocument?> ReadAsync(byte[] feed)
    {
        var root = AppContext.BaseDirectory;
        while (root is not null && !File.Exists(Path.Combine(root, "Haven.slnx"))) root = Path.GetDirectoryName(root);
        if (root is null || !Directory.Exists(Path.Combine(root, "scripts", "feed-check", "node_modules", "rss-parser"))) return null;
        var file = Path.Combine(Path.GetTempPath(), $"feed-{Guid.NewGuid():N}.atom");
        await File.WriteAllBytesAsync(file, feed);
        try
        {
            var start = new ProcessStartInfo("node", [Path.Combine(root, "scripts", "feed-check", "check.mjs"), file])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            Process? node;
            try { node = Process.Start(start); }
            catch (System.ComponentModel.Win32Exception) { return null; }
            var output = await node!.StandardOutput.ReadToEndAsync();
            var errors = await node.StandardError.ReadToEndAsync();
            await node.WaitForExitAsync();
            if (node.ExitCode != 0) throw new InvalidOperationException($"rss-parser could not read the feed: {errors}");
            return JsonDocument.Parse(output);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
