using System.Diagnostics;
using System.Text.Json;

namespace Haven.TestSupport;

/// <summary>Reads iCalendar with npm's ical.js (scripts/ics-check), a parser independent of the library that wrote
/// it: what a calendar program would file (method, zones, each event's uid, sequence, status, start and end).</summary>
public static class IcalJs
{
    /// <summary>ical.js's reading of <paramref name="ics"/>, or null when node or ical.js is not installed (run
    /// scripts/install-test-deps.sh); the caller skips then.</summary>
    public static Task<JsonDocument?> ReadAsync(byte[] ics) => NodeCheck.RunAsync("ics-check", "ical.js", ics, ".ics");
}

/// <summary>Reads Atom with npm's rss-parser (scripts/feed-check), a parser independent of the code that wrote it:
/// what a feed reader would show (the feed's title, link and id; each item's id, title, link, dates, author, categories).</summary>
public static class RssParser
{
    /// <summary>rss-parser's reading of <paramref name="feed"/>, or null when node or rss-parser is not installed
    /// (run scripts/install-test-deps.sh); the caller skips then.</summary>
    public static Task<JsonDocument?> ReadAsync(byte[] feed) => NodeCheck.RunAsync("feed-check", "rss-parser", feed, ".atom");
}

/// <summary>Checks a page's structured data with Adobe's structured-data validator (scripts/jsonld-check): the JSON-LD
/// that @marbec/web-auto-extractor finds, by type, and every issue against Google's rich-result rules and the
/// schema.org vocabulary.</summary>
public static class StructuredDataValidator
{
    /// <summary>{"jsonld": {type: [objects]}, "issues": [{severity, type, message, path}]}, or null when node or the
    /// validator is not installed (run scripts/install-test-deps.sh); the caller skips then.</summary>
    public static Task<JsonDocument?> CheckAsync(string html) =>
        NodeCheck.RunAsync("jsonld-check", "@adobe/structured-data-validator", System.Text.Encoding.UTF8.GetBytes(html), ".html");
}

/// <summary>Lints an OpenAPI document with Stoplight's Spectral and its standard OpenAPI ruleset (scripts/openapi-check).</summary>
public static class Spectral
{
    /// <summary>The findings, [{code, message, severity (0 error, 1 warning, 2 info, 3 hint), path}], or null when node or
    /// Spectral is not installed (run scripts/install-test-deps.sh); the caller skips then.</summary>
    public static Task<JsonDocument?> LintAsync(byte[] document) => NodeCheck.RunAsync("openapi-check", "@stoplight/spectral-cli", document, ".json");
}

/// <summary>Runs one of the repository's npm check scripts (scripts/{folder}/check.mjs) on a file and returns the JSON
/// it prints; null when node or the script's package is not installed.</summary>
internal static class NodeCheck
{
    public static async Task<JsonDocument?> RunAsync(string folder, string package, byte[] content, string extension)
    {
        var root = AppContext.BaseDirectory;
        while (root is not null && !File.Exists(Path.Combine(root, "Haven.slnx"))) root = Path.GetDirectoryName(root);
        if (root is null || !Directory.Exists(Path.Combine(root, "scripts", folder, "node_modules", package))) return null;
        var file = Path.Combine(Path.GetTempPath(), $"{folder}-{Guid.NewGuid():N}{extension}");
        await File.WriteAllBytesAsync(file, content);
        try
        {
            var start = new ProcessStartInfo("node", [Path.Combine(root, "scripts", folder, "check.mjs"), file])
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
            if (node.ExitCode != 0) throw new InvalidOperationException($"{package} could not read the file: {errors}");
            return JsonDocument.Parse(output);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
