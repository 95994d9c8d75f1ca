using Haven.Core.Bills;
using Haven.Core.Data;
using Haven.Core.Taxonomy;
using Haven.Web.Bills;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Haven.Web.Pages.Bills;

/// <summary>Every bill with the positions taken on it, narrowed by jurisdiction, session, stance and action alerts
/// (a GET form: works without JavaScript, and every view has its own address).</summary>
public sealed class IndexModel(HavenDbContext db, BillLinks bills) : PageModel
{
    [FromQuery(Name = "jurisdiction")] public string? Jurisdiction { get; set; }
    [FromQuery(Name = "session")] public string? Session { get; set; }
    [FromQuery(Name = "position")] public string? Position { get; set; }
    [FromQuery(Name = "alerts")] public bool AlertsOnly { get; set; }

    public IReadOnlyList<Bill> Bills { get; private set; } = [];
    public IReadOnlyList<Jurisdiction> JurisdictionOptions { get; private set; } = [];
    public IReadOnlyList<string> SessionOptions { get; private set; } = [];
    public bool Filtered => !string.IsNullOrEmpty(Jurisdiction) || !string.IsNullOrEmpty(Session) || Stance is not null || AlertsOnly;
    public BillStance? Stance => BillLabels.StanceFrom(Position);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Bills = await bills.ListAsync(new BillFilter { Jurisdiction = Jurisdiction, Session = Session, Stance = Stance, AlertsOnly = AlertsOnly }, ct);
        JurisdictionOptions = await db.Jurisdictions.AsNoTracking()
            .Where(j => db.Bills.Any(b => b.JurisdictionId == j.Id))
            .OrderBy(j => j.Kind).ThenBy(j => j.Name).ToListAsync(ct);
        SessionOptions = await bills.SessionsAsync(ct);
    }
}
