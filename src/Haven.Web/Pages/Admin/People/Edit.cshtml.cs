using Haven.Core.Data;
using Haven.Core.People;
using Haven.Core.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Haven.Web.Pages.Admin.People;

/// <summary>Creates and edits speakers and contacts, photo included, in one form.</summary>
// Images reach the handler up to this size, so a large photo gets the editor's own message rather than a bare 413.
[RequestSizeLimit(32 * 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = 32 * 1024 * 1024)]
public sealed class EditModel(HavenDbContext db, SavePerson save, Haven.Web.Accounts.CurrentActor currentActor) : PageModel
{
    [BindProperty]
    public PersonForm Form { get; set; } = new();

    public Person? Existing { get; private set; }
    public IReadOnlyList<Problem> Problems { get; private set; } = [];
    public bool Saved { get; private set; }
    /// <summary>A photo was chosen but the save was refused: the browser cannot keep a chosen file, so say so.</summary>
    public bool PhotoNotKept { get; private set; }
    public IReadOnlyList<(int Id, string Name)> Organizations { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int? id, bool saved, CancellationToken ct)
    {
        if (id is { } personId)
        {
            if (!await LoadExistingAsync(personId, ct)) return NotFound();
            Form = PersonForm.From(Existing!);
            Saved = saved;
        }
        await LoadOrganizationsAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken ct)
    {
        if (id is { } personId && !await LoadExistingAsync(personId, ct)) return NotFound();
        await using var photo = Form.HasPhoto ? Form.Photo!.OpenReadStream() : null;
        var outcome = await save.RunAsync(new PersonEdit
        {
            Actor = await currentActor.GetAsync(ct),
            PersonId = id,
            Fields = Form.ToFields(),
            Photo = photo,
            RemovePhoto = Form.RemovePhoto,
        }, ct);
        if (!outcome.Succeeded)
        {
            Problems = outcome.Problems;
            PhotoNotKept = Form.HasPhoto;
            await LoadOrganizationsAsync(ct);
            return Page();
        }
        return Redirect(Url.Content($"~/admin/people/{outcome.Value!.Id}/edit?saved=true"));
    }

    private async Task<bool> LoadExistingAsync(int id, CancellationToken ct)
    {
        Existing = await db.People.AsNoTracking().Include(p => p.Organization).FirstOrDefaultAsync(p => p.Id == id, ct);
        return Existing is not null;
    }

    private async Task LoadOrganizationsAsync(CancellationToken ct) =>
        Organizations = (await db.Organizations.AsNoTracking().OrderBy(o => o.Name).Select(o => new { o.Id, o.Name }).ToListAsync(ct))
            .Select(o => (o.Id, o.Name)).ToList();
}
