using Haven.Core.Data;
using Haven.Core.Organizations;
using Haven.Core.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Haven.Web.Pages.Admin.Organizations;

/// <summary>Creates and edits organizations, logo included, in one form.</summary>
// Images reach the handler up to this size, so a large photo gets the editor's own message rather than a bare 413.
[RequestSizeLimit(32 * 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = 32 * 1024 * 1024)]
public sealed class EditModel(HavenDbContext db, SaveOrganization save, Haven.Web.Accounts.CurrentActor currentActor) : PageModel
{
    [BindProperty]
    public OrganizationForm Form { get; set; } = new();

    public Organization? Existing { get; private set; }
    public IReadOnlyList<Problem> Problems { get; private set; } = [];
    public bool Saved { get; private set; }
    /// <summary>A logo was chosen but the save was refused: the browser cannot keep a chosen file, so say so.</summary>
    public bool LogoNotKept { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? id, bool saved, CancellationToken ct)
    {
        if (id is { } organizationId)
        {
            Existing = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == organizationId, ct);
            if (Existing is null) return NotFound();
            Form = OrganizationForm.From(Existing);
            Saved = saved;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken ct)
    {
        if (id is { } organizationId)
        {
            Existing = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == organizationId, ct);
            if (Existing is null) return NotFound();
        }
        await using var logo = Form.HasLogo ? Form.Logo!.OpenReadStream() : null;
        var outcome = await save.RunAsync(new OrganizationEdit
        {
            Actor = await currentActor.GetAsync(ct),
            OrganizationId = id,
            Fields = Form.ToFields(),
            Logo = logo,
            RemoveLogo = Form.RemoveLogo,
        }, ct);
        if (!outcome.Succeeded)
        {
            Problems = outcome.Problems;
            LogoNotKept = Form.HasLogo;
            return Page();
        }
        return Redirect(Url.Content($"~/admin/organizations/{outcome.Value!.Id}/edit?saved=true"));
    }
}
