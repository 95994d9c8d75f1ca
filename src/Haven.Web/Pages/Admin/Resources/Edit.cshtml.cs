using Haven.Core.Accounts;
using Haven.Core.Data;
using Haven.Core.Organizations;
using Haven.Core.Resources;
using Haven.Core.Shared;
using Haven.Core.Taxonomy;
using Haven.Core.Text;
using Haven.Web.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Haven.Web.Pages.Admin.Resources;

/// <summary>Creates and edits resources: save as draft, publish, schedule, unpublish, preview; attachments.</summary>
// Uploads up to this size reach the handler, so an oversized file gets the editor's own message, not a bare 413.
[RequestSizeLimit(64 * 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = 64 * 1024 * 1024)]
public sealed class EditModel(HavenDbContext db, SaveResource save, ManageAttachments attachments, MarkdownRenderer markdown, CurrentActor currentActor,
    Haven.Core.Bills.BillLinks billLinks, Haven.Core.Bills.LinkBills linkBills) : PageModel
{
    [BindProperty]
    public ResourceForm Form { get; set; } = new();

    public int? ResourceId { get; private set; }
    public Resource? Existing { get; private set; }
    public IReadOnlyList<Problem> Problems { get; private set; } = [];
    public IReadOnlyList<Problem> UploadProblems { get; private set; } = [];
    public string? PreviewHtml { get; private set; }
    public string? Message { get; private set; }
    public int? RestoredFrom { get; private set; }

    public IReadOnlyList<Organization> Organizations { get; private set; } = [];
    public Actor Actor { get; private set; } = Actor.Anonymous();
    public IReadOnlyList<Topic> AllTopics { get; private set; } = [];
    public IReadOnlyList<Audience> AllAudiences { get; private set; } = [];
    public IReadOnlyList<Jurisdiction> AllJurisdictions { get; private set; } = [];
    /// <summary>Every bill, for the "bills this resource concerns" select, and those chosen.</summary>
    public IReadOnlyList<Haven.Core.Bills.Bill> AllBills { get; private set; } = [];
    public IReadOnlyList<int> LinkedBillIds { get; private set; } = [];
    public IReadOnlyList<Problem> BillProblems { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int? id, int? fromRevision, string? saved, CancellationToken ct)
    {
        if (id is { } resourceId)
        {
            if (!await LoadExistingAsync(resourceId, ct)) return NotFound();
            var actor = await currentActor.GetAsync(ct);
            // Co-authors may read the draft (on its page), never open it for editing.
            if (!actor.CanEdit(Existing!))
                return actor.CanSee(Existing!) ? Redirect(Url.Content($"~/resources/{Existing!.Slug}")) : Forbid();
            var snapshot = ResourceSnapshot.Of(Existing!);
            // "Restore" loads an old revision into the form; nothing changes until the editor saves it.
            if (fromRevision is { } number)
            {
                var revision = await db.ResourceRevisions.AsNoTracking().FirstOrDefaultAsync(r => r.ResourceId == resourceId && r.Number == number, ct);
                if (revision is null) return NotFound();
                snapshot = ResourceSnapshot.FromJson(revision.Snapshot);
                RestoredFrom = number;
            }
            Form = ResourceForm.From(snapshot, Existing!.Revision, await SlugOfAsync(snapshot.SupersedesId, ct), null);
            Message = saved;
        }
        await LoadChoicesAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, string? action, CancellationToken ct)
    {
        if (id is { } resourceId && !await LoadExistingAsync(resourceId, ct)) return NotFound();
        await LoadChoicesAsync(ct);

        if (action == "preview")
        {
            PreviewHtml = markdown.ToHtml(Form.Body ?? "");
            return Page();
        }
        var saveAction = action switch
        {
            "publish" => SaveAction.Publish,
            "schedule" => SaveAction.Schedule,
            "unpublish" => SaveAction.Unpublish,
            "save" => SaveAction.Save,
            _ => SaveAction.SaveDraft,
        };

        var problems = new List<Problem>();
        var supersedesId = await IdOfSlugAsync(Form.SupersedesSlug, "SupersedesSlug", "No resource has the address \"{0}\".", problems, ct);
        var translationOfId = await IdOfSlugAsync(Form.TranslationOfSlug, "TranslationOfSlug", "No resource has the address \"{0}\".", problems, ct);
        if (problems.Count > 0)
        {
            Problems = problems;
            return Page();
        }
        var outcome = await save.RunAsync(new ResourceEdit
        {
            ResourceId = id,
            ExpectedRevision = Form.ExpectedRevision,
            Fields = Form.ToSnapshot(supersedesId, translationOfId),
            Action = saveAction,
            PublishAt = Form.PublishAt,
            Actor = await currentActor.GetAsync(ct),
        }, ct);
        if (!outcome.Succeeded)
        {
            Problems = outcome.Problems;
            return Page();
        }
        var saved = outcome.Value!.Status == ResourceStatus.InReview && saveAction is SaveAction.Publish or SaveAction.Schedule ? "Review"
            : outcome.Value.ProposedRevision is not null && saveAction is SaveAction.Save or SaveAction.Publish or SaveAction.Schedule ? "Proposed"
            : saveAction.ToString();
        return Redirect(Url.Content($"~/admin/resources/{outcome.Value!.Id}/edit?saved={Uri.EscapeDataString(saved)}"));
    }

    /// <summary>Another editor applies the change proposed for review, exactly as it was proposed.</summary>
    public async Task<IActionResult> OnPostApproveProposalAsync(int id, CancellationToken ct)
    {
        if (!await LoadExistingAsync(id, ct) || Existing!.ProposedRevision is not { } number) return NotFound();
        var revision = await db.ResourceRevisions.AsNoTracking().FirstAsync(r => r.ResourceId == id && r.Number == number, ct);
        var outcome = await save.RunAsync(new ResourceEdit
        {
            ResourceId = id,
            ExpectedRevision = Existing.Revision,
            Fields = ResourceSnapshot.FromJson(revision.Snapshot),
            Action = SaveAction.ApproveProposal,
            Actor = await currentActor.GetAsync(ct),
        }, ct);
        if (outcome.Succeeded) return Redirect(Url.Content($"~/admin/resources/{id}/edit?saved=Approved"));
        Problems = outcome.Problems;
        Form = ResourceForm.From(ResourceSnapshot.Of(Existing!), Existing!.Revision, await SlugOfAsync(Existing!.SupersedesId, ct), null);
        await LoadChoicesAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRejectProposalAsync(int id, CancellationToken ct)
    {
        if (!await save.RejectProposalAsync(await currentActor.GetAsync(ct), id, ct)) return NotFound();
        return Redirect(Url.Content($"~/admin/resources/{id}/edit?saved=Rejected"));
    }

    public async Task<IActionResult> OnPostUploadAsync(int id, IFormFile? file, CancellationToken ct)
    {
        if (!await LoadExistingAsync(id, ct)) return NotFound();
        if (file is null || file.Length == 0)
        {
            UploadProblems = [new Problem("attachment_empty", "Choose a file to upload.", "File")];
        }
        else
        {
            await using var stream = file.OpenReadStream();
            var outcome = await attachments.AddAsync(await currentActor.GetAsync(ct), id, file.FileName, stream, ct);
            if (outcome.Succeeded)
                return Redirect(Url.Content($"~/admin/resources/{id}/edit?saved=Uploaded"));
            UploadProblems = outcome.Problems;
        }
        Form = ResourceForm.From(ResourceSnapshot.Of(Existing!), Existing!.Revision, await SlugOfAsync(Existing!.SupersedesId, ct), null);
        await LoadChoicesAsync(ct);
        return Page();
    }

    /// <summary>Sets the bills the resource concerns (a form of its own, like the files).</summary>
    public async Task<IActionResult> OnPostBillsAsync(int id, [FromForm] List<int>? billIds, CancellationToken ct)
    {
        if (!await LoadExistingAsync(id, ct)) return NotFound();
        var actor = await currentActor.GetAsync(ct);
        if (!actor.CanEdit(Existing!)) return Forbid();
        var outcome = await linkBills.ForResourceAsync(actor, id, billIds ?? [], ct);
        if (outcome.Succeeded) return Redirect(Url.Content($"~/admin/resources/{id}/edit?saved=Bills"));
        BillProblems = outcome.Problems;
        Form = ResourceForm.From(ResourceSnapshot.Of(Existing!), Existing!.Revision, await SlugOfAsync(Existing!.SupersedesId, ct), null);
        await LoadChoicesAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveAttachmentAsync(int id, int attachmentId, CancellationToken ct)
    {
        if (!await attachments.RemoveAsync(await currentActor.GetAsync(ct), id, attachmentId, ct)) return NotFound();
        return Redirect(Url.Content($"~/admin/resources/{id}/edit?saved=Removed"));
    }

    private async Task<bool> LoadExistingAsync(int id, CancellationToken ct)
    {
        Existing = await db.Resources.AsNoTracking()
            .Include(r => r.Authors).Include(r => r.Topics).Include(r => r.Audiences).Include(r => r.Jurisdictions)
            .Include(r => r.Links).Include(r => r.Attachments.OrderBy(a => a.Position))
            .AsSplitQuery()
            .FirstOrDefaultAsync(r => r.Id == id, ct);
        ResourceId = Existing?.Id;
        return Existing is not null;
    }

    private async Task LoadChoicesAsync(CancellationToken ct)
    {
        Organizations = await db.Organizations.AsNoTracking().OrderBy(o => o.Name).ToListAsync(ct);
        Actor = await currentActor.GetAsync(ct);
        AllTopics = await db.Topics.AsNoTracking().OrderBy(t => t.Name).ToListAsync(ct);
        AllAudiences = await db.Audiences.AsNoTracking().OrderBy(a => a.Name).ToListAsync(ct);
        AllJurisdictions = await db.Jurisdictions.AsNoTracking().OrderBy(j => j.Kind).ThenBy(j => j.Name).ToListAsync(ct);
        if (ResourceId is { } resourceId)
        {
            AllBills = await billLinks.ChoicesAsync(ct);
            LinkedBillIds = await db.ResourceBills.Where(l => l.ResourceId == resourceId).Select(l => l.BillId).ToListAsync(ct);
        }
    }

    private async Task<string?> SlugOfAsync(int? id, CancellationToken ct) =>
        id is null ? null : await db.Resources.Where(r => r.Id == id).Select(r => r.Slug).FirstOrDefaultAsync(ct);

    private async Task<int?> IdOfSlugAsync(string? slug, string field, string message, List<Problem> problems, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(slug)) return null;
        var trimmed = slug.Trim().TrimEnd('/');
        // Accept a pasted address as well as a bare slug.
        trimmed = trimmed[(trimmed.LastIndexOf('/') + 1)..];
        var id = await db.Resources.Where(r => r.Slug == trimmed).Select(r => (int?)r.Id).FirstOrDefaultAsync(ct);
        if (id is null) problems.Add(new Problem("unknown", message, field, trimmed));
        return id;
    }
}
