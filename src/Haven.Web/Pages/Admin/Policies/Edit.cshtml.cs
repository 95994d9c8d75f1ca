using Haven.Core.Data;
using Haven.Core.Policies;
using Haven.Core.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Haven.Web.Pages.Admin.Policies;

/// <summary>Creates and edits a policy record, sources included, for administrators and organizations' editors.</summary>
[RequestSizeLimit(64 * 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = 64 * 1024 * 1024)]
public sealed class EditModel(HavenDbContext db, SavePolicyRecord save, PolicyQueries queries, Haven.Web.Accounts.CurrentActor currentActor) : PageModel
{
    [BindProperty]
    public PolicyForm Form { get; set; } = new();

    public PolicyRecord? Existing { get; private set; }
    public string? JurisdictionName { get; private set; }
    public IReadOnlyList<PolicyArea> Areas { get; private set; } = [];
    public IReadOnlyList<Problem> Problems { get; private set; } = [];
    public bool Saved { get; private set; }
    public bool FilesNotKept { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? id, bool saved, string? jurisdiction, string? area, CancellationToken ct)
    {
        if (!(await currentActor.GetAsync(ct)).CanEditPolicies) return Forbid();
        Areas = await queries.AreasAsync(ct);
        if (id is { } recordId)
        {
            if (!await LoadAsync(recordId, ct)) return NotFound();
            Form = PolicyForm.From(Existing!, Existing!.Jurisdiction!.Fips ?? Existing.Jurisdiction.Slug);
            Saved = saved;
        }
        else
        {
            Form.Jurisdiction = jurisdiction ?? "";
            Form.AreaId = Areas.FirstOrDefault(a => a.Slug == area)?.Id ?? 0;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken ct)
    {
        var actor = await currentActor.GetAsync(ct);
        if (!actor.CanEditPolicies) return Forbid();
        Areas = await queries.AreasAsync(ct);
        if (id is { } recordId && !await LoadAsync(recordId, ct)) return NotFound();
        var key = (Form.Jurisdiction ?? "").Trim();
        var jurisdiction = key.Length == 0 ? null
            : await db.Jurisdictions.AsNoTracking().FirstOrDefaultAsync(j => j.Fips == key || j.Slug == key, ct);
        // The area follows from the chosen position, which the list groups by area.
        var positionArea = Areas.FirstOrDefault(a => a.Positions.Any(p => p.Id == Form.PositionId));
        if (positionArea is not null) Form.AreaId = positionArea.Id;

        var uploads = Form.Files.Where(f => f.Length > 0).ToList();
        var streams = uploads.Select(f => new PolicyUpload(f.FileName, f.OpenReadStream())).ToList();
        try
        {
            var outcome = await save.RunAsync(new PolicyRecordEdit
            {
                Actor = actor, RecordId = id, Fields = Form.ToFields(jurisdiction?.Id ?? 0), Files = streams, RemoveSourceIds = Form.RemoveSourceIds,
            }, ct);
            if (!outcome.Succeeded)
            {
                Problems = outcome.Problems.Select(p => p.Field == "JurisdictionId"
                    ? new Problem(p.Code, "No jurisdiction has this FIPS code or address.", "Jurisdiction") : p).ToList();
                FilesNotKept = uploads.Count > 0;
                return Page();
            }
            return Redirect(Url.Content($"~/admin/policies/{outcome.Value!.Id}/edit?saved=true"));
        }
        finally
        {
            foreach (var s in streams) await s.Content.DisposeAsync();
        }
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        Existing = await db.PolicyRecords.AsNoTracking().Include(r => r.Jurisdiction).Include(r => r.Sources)
            .FirstOrDefaultAsync(r => r.Id == id, ct);
        JurisdictionName = Existing?.Jurisdiction?.Name;
        return Existing is not null;
    }
}
