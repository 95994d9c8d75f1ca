using Haven.Core.Data;
using Haven.Core.Policies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Haven.Web.Pages.Admin.Policies;

/// <summary>Policy records for editors: the most recently changed first, filtered by area and state.</summary>
public sealed class IndexModel(HavenDbContext db, PolicyQueries queries, Haven.Web.Accounts.CurrentActor currentActor) : PageModel
{
    public const int PageSize = 50;

    [FromQuery(Name = "area")] public string? Area { get; set; }
    [FromQuery(Name = "state")] public string? State { get; set; }
    [FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<PolicyArea> Areas { get; private set; } = [];
    public IReadOnlyList<string> States { get; private set; } = [];
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public int Total { get; private set; }

    public sealed record Row(int Id, string Jurisdiction, string JurisdictionKey, string AreaName, string Position, LocalDate EffectiveOn,
        LocalDate? EndsOn, Instant UpdatedAt, bool IsDemo);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!(await currentActor.GetAsync(ct)).CanEditPolicies) return Forbid();
        Areas = await queries.AreasAsync(ct);
        States = await db.Jurisdictions.AsNoTracking().Where(j => j.StateCode != null).Select(j => j.StateCode!).Distinct().OrderBy(s => s).ToListAsync(ct);
        var query = db.PolicyRecords.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Area)) query = query.Where(r => r.Area!.Slug == Area);
        if (!string.IsNullOrWhiteSpace(State))
        {
            var state = State.Trim().ToUpperInvariant();
            query = query.Where(r => r.Jurisdiction!.StateCode == state);
        }
        Total = await query.CountAsync(ct);
        PageNumber = Math.Max(1, PageNumber);
        Rows = await query.OrderByDescending(r => r.UpdatedAt).ThenByDescending(r => r.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(r => new Row(r.Id, r.Jurisdiction!.Name, r.Jurisdiction.Fips ?? r.Jurisdiction.Slug, r.Area!.Name, r.Position!.Label,
                r.EffectiveOn, r.EndsOn, r.UpdatedAt, r.IsDemo))
            .ToListAsync(ct);
        return Page();
    }
}
