using Haven.Core.Data;
using Haven.Core.Taxonomy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Haven.Web.Pages.Admin.Jurisdictions;

/// <summary>Cities added by hand (or, with a search, every place whose name contains the words), for the editors
/// who may write policy records.</summary>
public sealed class IndexModel(HavenDbContext db, Haven.Web.Accounts.CurrentActor currentActor) : PageModel
{
    public const int PageSize = 50;

    [FromQuery(Name = "q")] public string? Query { get; set; }
    [FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<Jurisdiction> Rows { get; private set; } = [];
    public int Total { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!(await currentActor.GetAsync(ct)).CanEditPolicies) return Forbid();
        var query = db.Jurisdictions.AsNoTracking();
        var words = (Query ?? "").Trim();
        if (words.Length > 0)
        {
            var lower = words.ToLowerInvariant();
            query = query.Where(j => j.Name.ToLower().Contains(lower));
        }
        else
        {
            query = query.Where(j => j.Kind == JurisdictionKind.City);
        }
        Total = await query.CountAsync(ct);
        PageNumber = Math.Max(1, PageNumber);
        Rows = await query.OrderBy(j => j.Name).ThenBy(j => j.StateCode).ThenBy(j => j.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        return Page();
    }
}
