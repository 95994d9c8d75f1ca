using Haven.Core.Data;
using Haven.Core.Policies;
using Haven.Core.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Haven.Web.Pages.Admin.PolicyAreas;

/// <summary>Creates and edits a policy area: name, description, place in lists, and its positions one a row.</summary>
public sealed class EditModel(HavenDbContext db, SavePolicyArea save, Haven.Web.Accounts.CurrentActor currentActor) : PageModel
{
    /// <summary>Empty rows offered for new positions.</summary>
    public const int BlankRows = 3;

    [BindProperty]
    public PolicyAreaFields Form { get; set; } = new();

    public PolicyArea? Existing { get; private set; }
    public IReadOnlyList<Problem> Problems { get; private set; } = [];
    public bool Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? id, bool saved, CancellationToken ct)
    {
        if (id is { } areaId)
        {
            Existing = await db.PolicyAreas.AsNoTracking().Include(a => a.Positions).FirstOrDefaultAsync(a => a.Id == areaId, ct);
            if (Existing is null) return NotFound();
            Form = new PolicyAreaFields
            {
                Name = Existing.Name, Slug = Existing.Slug, Description = Existing.Description, Position = Existing.Position,
                Positions = Existing.Positions.OrderBy(p => p.Order).ThenBy(p => p.Id)
                    .Select(p => new PolicyPositionFields { Id = p.Id, Label = p.Label, Slug = p.Slug, Order = p.Order }).ToList(),
            };
            Saved = saved;
        }
        else
        {
            Form.Position = await db.PolicyAreas.CountAsync(ct);
        }
        AddBlankRows();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken ct)
    {
        if (id is { } areaId)
        {
            Existing = await db.PolicyAreas.AsNoTracking().Include(a => a.Positions).FirstOrDefaultAsync(a => a.Id == areaId, ct);
            if (Existing is null) return NotFound();
        }
        var outcome = await save.RunAsync(await currentActor.GetAsync(ct), id, Form, ct);
        if (!outcome.Succeeded)
        {
            Problems = outcome.Problems;
            AddBlankRows();
            return Page();
        }
        return Redirect(Url.Content($"~/admin/policy-areas/{outcome.Value!.Id}/edit?saved=true"));
    }

    private void AddBlankRows()
    {
        var next = Form.Positions.Count == 0 ? 0 : Form.Positions.Max(p => p.Order) + 1;
        Form.Positions.RemoveAll(p => p.Id is null && string.IsNullOrWhiteSpace(p.Label));
        for (var i = 0; i < BlankRows; i++) Form.Positions.Add(new PolicyPositionFields { Order = next + i });
    }
}
