using Haven.Core.Data;
using Haven.Core.Resources;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Haven.Web.Pages.Admin.Resources;

/// <summary>A resource's history: every saved revision, what changed in one compared with the one before, and a way back.</summary>
public sealed class RevisionsModel(HavenDbContext db, Haven.Web.Accounts.CurrentActor currentActor) : PageModel
{
    public Resource Resource { get; private set; } = null!;
    public IReadOnlyList<ResourceRevision> Revisions { get; private set; } = [];
    public ResourceRevision? Shown { get; private set; }
    public IReadOnlyList<FieldChange> Changes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, int? number, CancellationToken ct)
    {
        var resource = await db.Resources.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (resource is null) return NotFound();
        if (!(await currentActor.GetAsync(ct)).CanEdit(resource)) return Forbid();
        Resource = resource;
        Revisions = await db.ResourceRevisions.AsNoTracking().Where(r => r.ResourceId == id).OrderByDescending(r => r.Number).ToListAsync(ct);
        if (Revisions.Count == 0) return Page();
        Shown = number is { } n ? Revisions.FirstOrDefault(r => r.Number == n) : Revisions[0];
        if (Shown is null) return NotFound();
        var previous = Revisions.Where(r => r.Number < Shown.Number).MaxBy(r => r.Number);
        var before = previous is null ? new ResourceSnapshot() : ResourceSnapshot.FromJson(previous.Snapshot);
        var after = ResourceSnapshot.FromJson(Shown.Snapshot);
        Changes = await RevisionDiff.CompareAsync(db, before, after, ct);
        return Page();
    }
}
