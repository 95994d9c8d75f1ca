using Haven.Core.Accounts;
using Haven.Core.Campaigns;
using Haven.Core.Data;
using Haven.Web.Accounts;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Haven.Web.Pages.Admin.Campaigns;

/// <summary>The campaigns this actor works on: all of them for administrators and moderators (who moderate
/// signatures), those their organizations lead for editors; with the signatures waiting for approval.</summary>
public sealed class IndexModel(HavenDbContext db, CurrentActor currentActor) : PageModel
{
    public sealed record Row(int Id, string Title, string Slug, bool IsDraft, Instant OpensAt, Instant ClosesAt, string TimeZoneId, int Waiting, int Public, List<int> Leads);

    public Actor Actor { get; private set; } = Actor.Anonymous();
    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Actor = await currentActor.GetAsync(cancellationToken);
        var query = db.Campaigns.AsNoTracking();
        if (!Actor.IsAdministrator && !Actor.IsModerator)
        {
            var mine = Actor.Memberships.Keys.ToList();
            query = query.Where(c => c.Leads.Any(l => mine.Contains(l.OrganizationId)));
        }
        Rows = await query.OrderByDescending(c => c.ClosesAt).ThenByDescending(c => c.Id).Take(500)
            .Select(c => new Row(c.Id, c.Title, c.Slug, c.IsDraft, c.OpensAt, c.ClosesAt, c.TimeZoneId,
                db.Endorsements.Count(e => e.CampaignId == c.Id && e.Status == EndorsementStatus.Pending),
                db.Endorsements.Count(e => e.CampaignId == c.Id && e.Status == EndorsementStatus.Approved),
                c.Leads.Select(l => l.OrganizationId).ToList()))
            .ToListAsync(cancellationToken);
    }

    public bool CanEdit(Row row) => Actor.IsAdministrator || row.Leads.Any(Actor.Memberships.ContainsKey);
}
