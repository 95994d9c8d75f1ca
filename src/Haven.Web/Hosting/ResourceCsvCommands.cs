using Haven.Core.Accounts;
using Haven.Core.Data;
using Haven.Core.Resources;
using Haven.Core.Shared;

namespace Haven.Web.Hosting;

/// <summary>`haven resources export FILE` and `haven resources import FILE [--dry-run]`: the CSV of the admin pages,
/// run as the system (an administrator), in English.</summary>
public static class ResourceCsvCommands
{
    public static async Task<int> ExportAsync(HavenDbContext db, string path)
    {
        await using (var file = File.Create(path))
        {
            var count = await ResourceCsv.WriteAsync(db, Actor.System("command line"), file);
            Console.WriteLine($"Exported {count} resources to {path}.");
        }
        return 0;
    }

    public static async Task<int> ImportAsync(IServiceProvider services, string path, bool dryRun)
    {
        if (!File.Exists(path))
        {
            Console.Error.WriteLine($"No file at {path}.");
            return 2;
        }
        var bytes = await File.ReadAllBytesAsync(path);
        var import = services.GetRequiredService<ImportResources>();
        var actor = Actor.System("command line");
        var report = await import.CheckAsync(actor, bytes);
        foreach (var problem in report.FileProblems) Console.Error.WriteLine(Format(problem));
        foreach (var row in report.Rows)
        {
            Console.WriteLine($"line {row.Line}\t{row.Slug}\t{row.Action.ToString().ToLowerInvariant()}");
            foreach (var problem in row.Problems) Console.WriteLine($"\t{problem.Field}: {Format(problem)}");
        }
        var summary = $"{report.Count(ResourceImportAction.Create)} to create, {report.Count(ResourceImportAction.Update)} to update, " +
            $"{report.Count(ResourceImportAction.Unchanged)} unchanged, {report.Count(ResourceImportAction.Rejected)} rejected";
        if (!report.IsValid)
        {
            Console.Error.WriteLine($"{summary}. Nothing was imported.");
            return 1;
        }
        if (dryRun)
        {
            Console.WriteLine($"{summary}. Dry run: nothing was written.");
            return 0;
        }
        var outcome = await import.ApplyAsync(actor, bytes, report.Fingerprint);
        if (!outcome.Succeeded)
        {
            foreach (var problem in outcome.Problems) Console.Error.WriteLine(Format(problem));
            Console.Error.WriteLine("Nothing was imported.");
            return 1;
        }
        Console.WriteLine($"Imported: {summary.Replace("to create", "created", StringComparison.Ordinal).Replace("to update", "updated", StringComparison.Ordinal)}.");
        return 0;
    }

    private static string Format(Problem problem) =>
        string.Format(System.Globalization.CultureInfo.InvariantCulture, problem.Message, problem.Arguments);
}
