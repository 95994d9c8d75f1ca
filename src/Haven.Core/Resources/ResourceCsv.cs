using CsvHelper;
using Haven.Core.Accounts;
using Haven.Core.Data;
using Haven.Core.Policies;
using Microsoft.EntityFrameworkCore;
using NodaTime.Text;

namespace Haven.Core.Resources;

/// <summary>The CSV form of resources, for import and export: one row a resource, these columns in this order
/// (import accepts them in any order, and nothing else). Lists are <c>;</c>-separated slugs; links are one
/// "title | url" pair a line of their cell.</summary>
public static class ResourceCsv
{
    public static readonly IReadOnlyList<string> Columns =
    [
        "slug", "type", "title", "summary", "body", "language", "published_on", "current_as_of",
        "authors", "topics", "audiences", "jurisdictions", "status", "links",
    ];

    public const string Draft = "draft";
    public const string Published = "published";
    public const string Scheduled = "scheduled";
    public const string InReview = "in-review";

    public static string StatusText(ResourceStatus status) => status switch
    {
        ResourceStatus.Published => Published,
        ResourceStatus.Scheduled => Scheduled,
        ResourceStatus.InReview => InReview,
        _ => Draft,
    };

    public static bool TryParseStatus(string text, out ResourceStatus status)
    {
        status = ResourceStatus.Draft;
        switch (text.Trim().ToLowerInvariant())
        {
            case "" or Draft:
                return true;
            case Published:
                status = ResourceStatus.Published;
                return true;
            case Scheduled:
                status = ResourceStatus.Scheduled;
                return true;
            case InReview or "in review":
                status = ResourceStatus.InReview;
                return true;
            default:
                return false;
        }
    }

    /// <summary>The cells of one resource, in <see cref="Columns"/> order. Lists of subjects are sorted by slug
    /// (their order means nothing); authors keep their order.</summary>
    public static string[] RowOf(Resource r) =>
    [
        r.Slug,
        r.Type.Slug(),
        r.Title,
        r.Summary,
        r.BodyMarkdown.Replace("\r\n", "\n", StringComparison.Ordinal),
        r.Language,
        r.PublishedOn is { } p ? LocalDatePattern.Iso.Format(p) : "",
        r.CurrentAsOf is { } c ? LocalDatePattern.Iso.Format(c) : "",
        string.Join(';', r.Authors.OrderBy(a => a.Position).Select(a => a.Organization!.Slug)),
        string.Join(';', r.Topics.Select(t => t.Slug).Order(StringComparer.Ordinal)),
        string.Join(';', r.Audiences.Select(a => a.Slug).Order(StringComparer.Ordinal)),
        string.Join(';', r.Jurisdictions.Select(j => j.Slug).Order(StringComparer.Ordinal)),
        StatusText(r.Status),
        string.Join('\n', r.Links.OrderBy(l => l.Position).Select(l => $"{l.Title} | {l.Url}")),
    ];

    /// <summary>The resources <paramref name="actor"/> may see in the workspace: administrators every one, editors
    /// those their organizations own or co-author (drafts included, their status column says so).</summary>
    public static IQueryable<Resource> VisibleTo(IQueryable<Resource> resources, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.IsAdministrator) return resources;
        var mine = actor.Memberships.Keys.ToList();
        return resources.Where(r => (r.OwnerOrganizationId != null && mine.Contains(r.OwnerOrganizationId.Value)) || r.Authors.Any(a => mine.Contains(a.OrganizationId)));
    }

    /// <summary>Writes what <paramref name="actor"/> may see as UTF-8 CSV. Text a spreadsheet would run as a formula
    /// is written with a leading apostrophe, which the import takes off again.</summary>
    public static async Task<int> WriteAsync(HavenDbContext db, Actor actor, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var resources = await VisibleTo(db.Resources.AsNoTracking(), actor)
            .Include(r => r.Authors).ThenInclude(a => a.Organization)
            .Include(r => r.Topics).Include(r => r.Audiences).Include(r => r.Jurisdictions).Include(r => r.Links)
            .AsSplitQuery()
            .OrderBy(r => r.Slug)
            .ToListAsync(cancellationToken);
        await using var csv = CsvWriter.Create(output, new CsvWriterOptions { Injection = CsvInjection.Escape }, leaveOpen: true);
        csv.WriteRecord(Columns.ToArray());
        foreach (var resource in resources) csv.WriteRecord(RowOf(resource));
        await csv.FlushAsync(cancellationToken);
        return resources.Count;
    }

    internal static string Unguard(string value) => PolicyCsv.Unguard(value);

    internal static string? DecodeUtf8(byte[] bytes) => PolicyCsv.DecodeUtf8(bytes);
}
