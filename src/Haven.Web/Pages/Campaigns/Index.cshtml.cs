using Haven.Core.Campaigns;
using Haven.Core.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Haven.Web.Pages.Campaigns;

/// <summary>Every campaign that is not a draft: those taking signatures first (closing soonest first), then those not
/// open yet, then the closed ones (most recently closed first), each with its count of public signatures.</summary>
public sealed class IndexModel(HavenDbContext db, IClock clock) : PageModel
{
    public sealed record Row(string Slug, string Title, string Summary, string Language, Instant OpensAt, Instant ClosesAt, string TimeZoneId, int Signatures);

    public IReadOnlyList<Row> Open { get; private set; } = [];
    public IReadOnlyList<Row> Upcoming { get; private set; } = [];
    public IReadOnlyList<Row> Closed { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var rows = await db.Campaigns.AsNoTracking().Where(c => !c.IsDraft)
            .Select(c => new Row(c.Slug, c.Title, c.Summary, c.Language, c.OpensAt, c.ClosesAt, c.TimeZoneId,
                db.Endorsements.Count(e => e.CampaignId == c.Id && e.Status == EndorsementStatus.Approved)))
            .ToListAsync(cancellationToken);
        Open = rows.Where(r => r.OpensAt <= now && now < r.ClosesAt).OrderBy(r => r.ClosesAt).ToList();
        Upcoming = rows.Where(r => now < r.OpensAt).OrderBy(r => r.OpensAt).ToList();
        Closed = rows.Where(r => r.ClosesAt <= now).OrderByDescending(r => r.ClosesAt).ToList();
    }
}
