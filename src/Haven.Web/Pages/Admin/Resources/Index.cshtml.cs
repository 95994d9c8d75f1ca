using Haven.Core.Data;
using Haven.Core.Resources;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Haven.Web.Pages.Admin.Resources;

public sealed class IndexModel(HavenDbContext db, Haven.Web.Accounts.CurrentActor currentActor) : PageModel
{
    private const int PageSize = 50;

    public string Title { get; private set; } = "";
    public ResourceStatus? Status { get; private set; }
    public int PageNumber { get; private set; }
    public bool HasMore { get; private set; }
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    /// <summary>Whether to offer the CSV import and export (not to moderators).</summary>
    public bool CanImport { get; private set; }

    public sealed record Row(int Id, string Title, string Language, ResourceType Type, ResourceStatus Status, Instant? PublishAt, Instant UpdatedAt);

    public async Task OnGetAsync(string? title, ResourceStatus? status, int? page, CancellationToken cancellationToken)
    {
        Title = (title ?? "").Trim();
        Status = status is { } s && Enum.IsDefined(s) ? s : null;
        PageNumber = Math.Clamp(page ?? 1, 1, 10_000);
        var query = db.Resources.AsNoTracking();
        var actor = await currentActor.GetAsync(cancellationToken);
        CanImport = actor.CanImportResources;
        if (!actor.IsAdministrator)
        {
            // What the actor's organizations own or co-author.
            var mine = actor.Memberships.Keys.ToList();
            query = query.Where(r => (r.OwnerOrganizationId != null && mine.Contains(r.OwnerOrganizationId.Value)) || r.Authors.Any(a => mine.Contains(a.OrganizationId)));
        }
        if (Title.Length > 0) query = query.Where(r => r.Title.ToLower().Contains(Title.ToLower()));
        if (Status is { } wanted) query = query.Where(r => r.Status == wanted);
        var rows = await query.OrderByDescending(r => r.UpdatedAt).ThenByDescending(r => r.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize + 1)
            .Select(r => new Row(r.Id, r.Title, r.Language, r.Type, r.Status, r.PublishAt, r.UpdatedAt))
            .ToListAsync(cancellationToken);
        HasMore = rows.Count > PageSize;
        Rows = rows.Take(PageSize).ToList();
    }
}
