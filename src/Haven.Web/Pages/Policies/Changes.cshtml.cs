using Haven.Core.Data;
using Haven.Core.Policies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Haven.Web.Pages.Policies;

/// <summary>What changed, across every jurisdiction: records newest first (by the day they took effect), by area and
/// state, with the Atom feed of the same list.</summary>
public sealed class ChangesModel(HavenDbContext db, PolicyQueries queries) : PageModel
{
    [FromQuery(Name = "area")] public string? Area { get; set; }
    [FromQuery(Name = "state")] public string? State { get; set; }
    [FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<PolicyArea> Areas { get; private set; } = [];
    public IReadOnlyList<string> States { get; private set; } = [];
    public PolicyChangesPage Changes { get; private set; } = new([], 0, 1, PolicyQueries.ChangesPageSize);
    public bool HasDemoData { get; private set; }

    public string Query(int? page = null)
    {
        var parts = new List<string>();
        if (!string.IsNullOrWhiteSpace(Area)) parts.Add("area=" + Uri.EscapeDataString(Area));
        if (!string.IsNullOrWhiteSpace(State)) parts.Add("state=" + Uri.EscapeDataString(State));
        if (page is > 1) parts.Add("page=" + page);
        return parts.Count == 0 ? "" : "?" + string.Join("&", parts);
    }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Areas = await queries.AreasAsync(ct);
        States = await db.Jurisdictions.AsNoTracking().Where(j => j.StateCode != null).Select(j => j.StateCode!).Distinct().OrderBy(s => s).ToListAsync(ct);
        Changes = await queries.ChangesAsync(Area, State, PageNumber, cancellationToken: ct);
        HasDemoData = Changes.Items.Any(c => c.IsDemo);
    }
}
