using Haven.Core.Accounts;
using Haven.Core.Data;
using Haven.Core.News;
using Haven.Core.Shared;
using Haven.Web.Accounts;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Haven.Web.Pages.Admin.News;

/// <summary>The posts this actor manages, drafts and embargoed ones marked: all of them for administrators, their
/// organizations' for editors.</summary>
public sealed class IndexModel(HavenDbContext db, CurrentActor currentActor, IClock clock, SiteSettings site) : PageModel
{
    private const int PageSize = 50;

    public Actor Actor { get; private set; } = Actor.Anonymous();
    public int PageNumber { get; private set; }
    public bool HasMore { get; private set; }
    public Instant Now { get; private set; }
    public DateTimeZone Zone => site.Zone;
    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public sealed record Row(int Id, string Title, string Slug, PostKind Kind, LocalDate PublishedOn, bool IsDraft, Instant? EmbargoUntil, string Organization);

    public async Task OnGetAsync(int? page, CancellationToken cancellationToken)
    {
        PageNumber = Math.Clamp(page ?? 1, 1, 10_000);
        Actor = await currentActor.GetAsync(cancellationToken);
        Now = clock.GetCurrentInstant();
        var query = db.Posts.AsNoTracking();
        if (!Actor.IsAdministrator)
        {
            var mine = Actor.Memberships.Keys.ToList();
            query = query.Where(p => mine.Contains(p.OwnerOrganizationId));
        }
        var rows = await query.NewestFirst()
            .Skip((PageNumber - 1) * PageSize).Take(PageSize + 1)
            .Select(p => new Row(p.Id, p.Title, p.Slug, p.Kind, p.PublishedOn, p.IsDraft, p.EmbargoUntil, p.OwnerOrganization.Name))
            .ToListAsync(cancellationToken);
        HasMore = rows.Count > PageSize;
        Rows = rows.Take(PageSize).ToList();
    }
}
