using Haven.Core.Data;
using Haven.Core.Shared;
using Haven.Core.Taxonomy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Haven.Web.Pages.Admin.Jurisdictions;

/// <summary>Adds or edits a city by hand; states and counties (from the atlas) are shown as not editable here.</summary>
public sealed class EditModel(HavenDbContext db, SaveCity save, Haven.Web.Accounts.CurrentActor currentActor) : PageModel
{
    [BindProperty]
    public CityFields Form { get; set; } = new();

    public Jurisdiction? Existing { get; private set; }
    /// <summary>The states in the database: postal code and name, by postal code.</summary>
    public IReadOnlyList<(string Code, string Name)> States { get; private set; } = [];
    public IReadOnlyList<Problem> Problems { get; private set; } = [];
    public bool Saved { get; private set; }
    /// <summary>True when the place asked for is a state, county or nation: shown, not edited.</summary>
    public bool NotACity => Existing is not null && Existing.Kind != JurisdictionKind.City;

    public async Task<IActionResult> OnGetAsync(int? id, bool saved, CancellationToken ct)
    {
        if (!(await currentActor.GetAsync(ct)).CanEditPolicies) return Forbid();
        if (id is { } cityId && !await LoadAsync(cityId, ct)) return NotFound();
        await LoadStatesAsync(ct);
        if (Existing is not null)
            Form = new CityFields { Name = Existing.Name, StateCode = Existing.StateCode ?? "", Fips = Existing.Fips ?? "", Slug = Existing.Slug };
        Saved = saved;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken ct)
    {
        var actor = await currentActor.GetAsync(ct);
        if (!actor.CanEditPolicies) return Forbid();
        if (id is { } cityId && !await LoadAsync(cityId, ct)) return NotFound();
        await LoadStatesAsync(ct);
        var outcome = await save.RunAsync(actor, id, Form, ct);
        if (!outcome.Succeeded)
        {
            Problems = outcome.Problems;
            return Page();
        }
        return Redirect(Url.Content($"~/admin/jurisdictions/{outcome.Value!.Id}/edit?saved=true"));
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        Existing = await db.Jurisdictions.AsNoTracking().FirstOrDefaultAsync(j => j.Id == id, ct);
        return Existing is not null;
    }

    private async Task LoadStatesAsync(CancellationToken ct)
    {
        var rows = await db.Jurisdictions.AsNoTracking().Where(j => j.Kind == JurisdictionKind.State && j.StateCode != null)
            .Select(j => new { j.StateCode, j.Name }).ToListAsync(ct);
        States = rows.Select(r => (r.StateCode!, r.Name)).OrderBy(s => s.Item1, StringComparer.Ordinal).ToList();
    }
}
