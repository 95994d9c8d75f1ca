namespace Haven.Web.Hosting;

/// <summary>Where Haven keeps its files and which database it uses (configuration section "Haven").</summary>
public sealed class HavenOptions
{
    /// <summary>Folder for the SQLite database, uploaded files and the search index; relative paths are from the working directory.</summary>
    public string DataPath { get; set; } = "data";
    /// <summary>Load the demo library when the database is empty.</summary>
    public bool LoadDemoContent { get; set; } = true;
    /// <summary>Add every state and county of the embedded atlas at start-up while the database lacks some.</summary>
    public bool ImportJurisdictions { get; set; } = true;
    /// <summary>Apply database migrations at start-up. Defaults to on for SQLite (one process owns the file) and off
    /// for PostgreSQL, where `haven migrate` runs once per deployment instead of racing between instances.</summary>
    public bool? MigrateOnStart { get; set; }

    public string FullDataPath => Path.GetFullPath(DataPath);
    /// <summary>Uploaded files (attachments, logos, photos, pending imports): "files" under the data folder unless
    /// <c>Haven:FilesPath</c> names another folder. Several instances must share one (an NFS or other shared mount);
    /// the store writes each file under a temporary name and renames it, so a reader never sees half a file.</summary>
    public string FilesPath
    {
        get => string.IsNullOrWhiteSpace(_filesPath) ? Path.Combine(FullDataPath, "files") : Path.GetFullPath(_filesPath);
        set => _filesPath = value;
    }

    private string? _filesPath;
    public string SearchIndexPath => Path.Combine(FullDataPath, "search-index");
}
