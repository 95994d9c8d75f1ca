using Haven.Core.Accounts;
using Haven.Core.Data;
using Haven.Core.Events;
using Haven.Web.Accounts;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Haven.Web.Pages.Admin.Events;

/// <summary>The events this actor manages: all of them for administrators, those their organizations own or host for editors.</summary>
public sealed class IndexModel(HavenDbContext db, CurrentActor currentActor) : PageModel
{
    private const int PageSize = 50;

    public Actor Actor { get; private set; } = Actor.Anonymous();
    public int PageNumber { get; private set; }
    public bool HasMore { get; private set; }
    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public sealed record Row(int Id, string Title, EventKind Kind, EventStatus Status, Instant StartsAt, string TimeZoneId, int? OwnerOrganizationId)
    {
        public string LocalStart => EventFields.LocalPattern.Format(StartsAt.InZone(DateTimeZoneProviders.Tzdb.GetZoneOrNull(TimeZoneId) ?? DateTimeZone.Utc).LocalDateTime).Replace('T', ' ');
    }

    public async Task OnGetAsync(int? page, CancellationToken cancellationToken)
    {
        PageNumber = Math.Clamp(page ?? 1, 1, 10_000);
        Actor = await currentActor.GetAsync(cancellationToken);
        var query = db.Events.AsNoTracking();
        if (!Actor.IsAdministrator)
        {
            var mine = Actor.Memberships.Keys.ToList();
            query = query.Where(e => (e.OwnerOrganizationId != null && mine.Contains(e.OwnerOrganizationId.Value)) || e.Hosts.Any(h => mine.Contains(h.OrganizationId)));
        }
        var rows = await query.OrderByDescending(e => e.StartsAt).ThenByDescending(e => e.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize + 1)
            .Select(e => new Row(e.Id, e.Title, e.Kind, e.Status, e.StartsAt, e.TimeZoneId, e.OwnerOrganizationId))
            .ToListAsync(cancellationToken);
        HasMore = rows.Count > PageSize;
        Rows = rows.Take(PageSize).ToList();
    }

    public bool CanEdit(Row row) => Actor.IsAdministrator || (row.OwnerOrganizationId is { } owner && Actor.Memberships.ContainsKey(owner));
}
