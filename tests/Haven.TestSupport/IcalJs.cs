using System.Diagnostics;
using System.Text.Json;

namespace Haven.TestSupport;

/// <summary>Reads iCalendar with npm's ical.js (scripts/ics-check), a parser independent of the library that wrote
/// it: what a calendar program would file (method, zones, each event's uid, sequence, status, start and end).</summary>
public static class IcalJs
{
    /// <summary>ical.js's reading of <paramref name="ics"/>, or null when node or ical.js is not installed (run
    /// scripts/install-test-deps.sh); the caller skips then.</summary>
    public static async Task<JsonDocument?> ReadAsync(byte[] ics)
    {
        var root = AppContext.BaseDirectory;
        while (root is not null && !File.Exists(Path.Combine(root, "Haven.slnx"))) root = Path.GetDirectoryName(root);
        if (root is null || !Directory.Exists(Path.Combine(root, "scripts", "ics-check", "node_modules", "ical.js"))) return null;
        var file = Path.Combine(Path.GetTempPath(), $"ics-{Guid.NewGuid():N}.ics");
        await File.WriteAllBytesAsync(file, ics);
        try
        {
            var start = new ProcessStartInfo("node", [Path.Combine(root, "scripts", "ics-check", "check.mjs"), file])
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
            if (node.ExitCode != 0) throw new InvalidOperationException($"ical.js could not read the calendar: {errors}");
            return JsonDocument.Parse(output);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
