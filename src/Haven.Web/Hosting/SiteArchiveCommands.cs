using Haven.Core.Backup;
using Haven.Core.Search;
using Haven.Core.Shared;

namespace Haven.Web.Hosting;

/// <summary>`haven export FILE` (the whole site, data and files, to one zip readable only by its owner) and
/// `haven import-site FILE` (restore it into a new, empty site on either database, then rebuild the search index).</summary>
public static class SiteArchiveCommands
{
    public static IServiceCollection AddHavenBackup(this IServiceCollection services)
    {
        services.AddScoped<ExportSite>();
        services.AddScoped<ImportSite>();
        return services;
    }

    public static async Task<int> ExportAsync(IServiceProvider services, string path, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (File.Exists(path))
        {
            error.WriteLine($"{path} already exists; choose a new file name (an archive is never overwritten).");
            return 2;
        }
        var partial = path + ".partial";
        // The archive holds password hashes, token hashes and the Data Protection keys: only its owner may read it.
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.ReadWrite, Share = FileShare.None };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        try
        {
            SiteArchiveManifest manifest;
            await using (var file = new FileStream(partial, options))
                manifest = await services.GetRequiredService<ExportSite>().WriteAsync(file);
            File.Move(partial, path);
            var rows = manifest.Tables.Sum(t => t.Rows);
            var files = manifest.Entries.Count(e => e.Name.StartsWith(SiteArchiveFormat.FilesFolder, StringComparison.Ordinal));
            output.WriteLine($"Exported {rows} rows from {manifest.Tables.Count} tables and {files} files to {path} (schema {manifest.SchemaMigration}).");
            output.WriteLine("The archive holds password hashes and the site's keys: keep it as safe as the database.");
            return 0;
        }
        catch
        {
            File.Delete(partial);
            throw;
        }
    }

    public static async Task<int> ImportAsync(IServiceProvider services, string path, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (!File.Exists(path))
        {
            error.WriteLine($"No file at {path}.");
            return 2;
        }
        var outcome = await services.GetRequiredService<ImportSite>().RestoreAsync(path);
        if (!outcome.Succeeded)
        {
            foreach (var problem in outcome.Problems) error.WriteLine(Format(problem));
            error.WriteLine("Nothing was restored.");
            return 1;
        }
        var summary = outcome.Value!;
        await services.GetRequiredService<SearchIndexFollower>().RebuildAsync();
        output.WriteLine($"Restored {summary.Rows} rows in {summary.Tables} tables and {summary.Files} files from {path} " +
            $"(made on {summary.SourceProvider} at {summary.CreatedAt}). The search index was rebuilt.");
        return 0;
    }

    private static string Format(Problem problem) =>
        string.Format(System.Globalization.CultureInfo.InvariantCulture, problem.Message, problem.Arguments);
}
