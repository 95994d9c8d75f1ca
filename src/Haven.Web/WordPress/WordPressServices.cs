using System.Globalization;
using Haven.Core.Accounts;
using Haven.Core.Shared;
using Haven.Core.Data;
using Haven.Core.WordPress;
using Microsoft.EntityFrameworkCore;

namespace Haven.Web.WordPress;

public static class WordPressServices
{
    /// <summary>The WordPress import: the use case behind `haven import wordpress` and /admin/import/wordpress.</summary>
    public static IServiceCollection AddHavenWordPressImport(this IServiceCollection services)
    {
        services.AddScoped<ImportWordPress>();
        return services;
    }
}

/// <summary>`haven import wordpress export.xml --organization slug [--uploads DIR] [--dry-run]`: the dry run's report,
/// then (without --dry-run) the import, as the site itself for the named organization. --uploads names a local copy of
/// the site's wp-content/uploads folder, from which pages' attachments are attached as files.</summary>
public static class WordPressImportCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter errors)
    {
        ArgumentNullException.ThrowIfNull(args);
        var path = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal) && Array.IndexOf(args, a) is var i && (i == 0 || args[i - 1] is not ("--organization" or "--uploads")));
        var slug = Option(args, "--organization");
        var uploads = Option(args, "--uploads");
        if (uploads is not null && !Directory.Exists(uploads))
        {
            await errors.WriteLineAsync($"No folder at {uploads}.");
            return 1;
        }
        if (path is null || slug is null)
        {
            await errors.WriteLineAsync("Usage: haven import wordpress export.xml --organization SLUG [--uploads DIR] [--dry-run]");
            return 2;
        }
        if (!File.Exists(path))
        {
            await errors.WriteLineAsync($"No file at {path}.");
            return 1;
        }
        var db = services.GetRequiredService<HavenDbContext>();
        var organization = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Slug == slug);
        if (organization is null)
        {
            await errors.WriteLineAsync($"No organization has the address {slug}.");
            return 1;
        }
        var import = services.GetRequiredService<ImportWordPress>();
        WordPressImportReport report;
        await using (var file = File.OpenRead(path))
            report = await import.CheckAsync(file, organization.Id, uploads);
        if (!report.CanImport)
        {
            foreach (var problem in report.FileProblems) await errors.WriteLineAsync(problem.Format());
            await errors.WriteLineAsync("Nothing was imported.");
            return 1;
        }
        var dryRun = args.Contains("--dry-run");
        if (!dryRun)
        {
            await using var file = File.OpenRead(path);
            var outcome = await import.RunAsync(Actor.System("haven import wordpress"), file, organization.Id, uploads);
            if (!outcome.Succeeded)
            {
                foreach (var problem in outcome.Problems) await errors.WriteLineAsync(problem.Format());
                return 1;
            }
            report = outcome.Value!;
        }
        await WriteAsync(report, output, dryRun);
        return 0;
    }

    private static async Task WriteAsync(WordPressImportReport r, TextWriter output, bool dryRun)
    {
        var verb = dryRun ? "would be" : "were";
        foreach (var item in r.Items)
        {
            var what = item.Outcome switch
            {
                WordPressOutcome.Create => $"create {item.Becomes}",
                WordPressOutcome.Skip => "skip",
                _ => "reject",
            };
            var reasons = string.Join(" ", item.Reasons.Select(p => p.Format()));
            await output.WriteLineAsync($"{what,-15} {item.PostType} {item.WordPressId} \u201c{item.Title}\u201d{(reasons.Length > 0 ? ": " + reasons : "")}");
        }
        foreach (var c in r.Comments.Where(c => c.Outcome != WordPressOutcome.Create))
            await output.WriteLineAsync($"{(c.Outcome == WordPressOutcome.Skip ? "skip" : "reject"),-15} comment {c.WordPressId} on {c.PostWordPressId}: {c.Reason?.Format()}");
        await output.WriteLineAsync(
            $"From {r.SiteUrl}: {r.Count(WordPressOutcome.Create, "post")} posts and {r.Count(WordPressOutcome.Create, "resource")} resources {verb} created, " +
            $"{r.CommentCount(WordPressOutcome.Create)} comments {verb} created, {r.NewTopics.Count} new topics; " +
            $"{r.Count(WordPressOutcome.Skip)} items and {r.CommentCount(WordPressOutcome.Skip)} comments skipped, " +
            $"{r.Count(WordPressOutcome.Reject)} items and {r.CommentCount(WordPressOutcome.Reject)} comments rejected.");
        if (dryRun) await output.WriteLineAsync("Dry run: nothing was written. Run again without --dry-run to import.");
    }

    private static string Format(this Problem p) =>
        (p.Field is null ? "" : p.Field + ": ") + string.Format(CultureInfo.InvariantCulture, p.Message, p.Arguments);

    private static string? Option(string[] args, string option)
    {
        var i = Array.IndexOf(args, option);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
