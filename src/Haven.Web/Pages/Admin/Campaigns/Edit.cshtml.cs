using Haven.Core.Accounts;
using Haven.Core.Campaigns;
using Haven.Core.Data;
using Haven.Core.Organizations;
using Haven.Core.Shared;
using Haven.Web.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Haven.Web.Pages.Admin.Campaigns;

/// <summary>The form as posted (Form.Title, Form.Leads[0]...).</summary>
public sealed class CampaignForm
{
    public const int LeadSlots = 5;

    public string? Title { get; set; }
    public string? Slug { get; set; }
    public string? Summary { get; set; }
    public string? Body { get; set; }
    public string? ResourceSlug { get; set; }
    public List<int?> Leads { get; set; } = [];
    public string? OpensAt { get; set; }
    public string? ClosesAt { get; set; }
    public string? TimeZoneId { get; set; } = "America/New_York";
    public WhoMaySign WhoMaySign { get; set; } = WhoMaySign.Organizations;
    public EndorsementReview Review { get; set; } = EndorsementReview.Approval;
    public bool IsDraft { get; set; }
    public string? Language { get; set; } = Languages.English;

    public CampaignFields ToFields() => new()
    {
        Title = Title, Slug = Slug, Summary = Summary, Body = Body, ResourceSlug = ResourceSlug,
        LeadIds = Leads.Where(l => l is > 0).Select(l => l!.Value).ToList(),
        OpensAt = OpensAt, ClosesAt = ClosesAt, TimeZoneId = TimeZoneId, WhoMaySign = WhoMaySign, Review = Review, IsDraft = IsDraft, Language = Language,
    };

    public static CampaignForm From(CampaignFields f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return new()
        {
            Title = f.Title, Slug = f.Slug, Summary = f.Summary, Body = f.Body, ResourceSlug = f.ResourceSlug,
            Leads = f.LeadIds.Select(i => (int?)i).ToList(), OpensAt = f.OpensAt, ClosesAt = f.ClosesAt, TimeZoneId = f.TimeZoneId,
            WhoMaySign = f.WhoMaySign, Review = f.Review, IsDraft = f.IsDraft, Language = f.Language,
        };
    }

    public int? Lead(int slot) => slot < Leads.Count ? Leads[slot] : null;
}

/// <summary>Creates and edits a campaign, for editors of its lead organizations and administrators.</summary>
public sealed class EditModel(HavenDbContext db, SaveCampaign save, CurrentActor currentActor,
    Haven.Core.Bills.BillLinks billLinks, Haven.Core.Bills.LinkBills linkBills) : PageModel
{
    [BindProperty]
    public CampaignForm Form { get; set; } = new();
    public Campaign? Existing { get; private set; }
    public IReadOnlyList<Problem> Problems { get; private set; } = [];
    public bool Saved { get; private set; }
    public IReadOnlyList<Organization> Organizations { get; private set; } = [];
    public Actor Actor { get; private set; } = Actor.Anonymous();
    public IReadOnlyList<Haven.Core.Bills.Bill> AllBills { get; private set; } = [];
    public IReadOnlyList<int> LinkedBillIds { get; private set; } = [];
    public IReadOnlyList<Problem> BillProblems { get; private set; } = [];
    /// <summary>What was just saved: the campaign ("1") or its bills ("bills").</summary>
    public string? SavedWhat { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? id, string? saved, CancellationToken ct)
    {
        Actor = await currentActor.GetAsync(ct);
        if (id is { } campaignId)
        {
            if (!await LoadExistingAsync(campaignId, ct)) return NotFound();
            if (!Actor.CanManage(Existing!)) return Forbid();
            Form = CampaignForm.From(CampaignFields.From(Existing!));
            Saved = saved is not null;
            SavedWhat = saved;
        }
        else
        {
            var first = Actor.Memberships.Keys.Order().Cast<int?>().FirstOrDefault();
            if (first is not null) Form.Leads = [first];
        }
        await LoadChoicesAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken ct)
    {
        Actor = await currentActor.GetAsync(ct);
        if (id is { } campaignId && !await LoadExistingAsync(campaignId, ct)) return NotFound();
        var outcome = await save.RunAsync(new CampaignEdit { CampaignId = id, Fields = Form.ToFields(), Actor = Actor }, ct);
        if (outcome.Problems.Any(p => p.Code == "forbidden")) return Forbid();
        if (!outcome.Succeeded)
        {
            Problems = outcome.Problems;
            await LoadChoicesAsync(ct);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        return Redirect(Url.Content($"~/admin/campaigns/{outcome.Value!.Id}/edit?saved=1"));
    }

    /// <summary>Sets the bills the campaign concerns (a form of its own below the campaign's).</summary>
    public async Task<IActionResult> OnPostBillsAsync(int id, [FromForm] List<int>? billIds, CancellationToken ct)
    {
        Actor = await currentActor.GetAsync(ct);
        if (!await LoadExistingAsync(id, ct)) return NotFound();
        if (!Actor.CanManage(Existing!)) return Forbid();
        var outcome = await linkBills.ForCampaignAsync(Actor, id, billIds ?? [], ct);
        if (outcome.Succeeded) return Redirect(Url.Content($"~/admin/campaigns/{id}/edit?saved=bills"));
        BillProblems = outcome.Problems;
        Form = CampaignForm.From(CampaignFields.From(Existing!));
        await LoadChoicesAsync(ct);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task<bool> LoadExistingAsync(int id, CancellationToken ct)
    {
        Existing = await db.Campaigns.AsNoTracking().Include(c => c.Leads).Include(c => c.Resource).FirstOrDefaultAsync(c => c.Id == id, ct);
        return Existing is not null;
    }

    private async Task LoadChoicesAsync(CancellationToken ct)
    {
        Organizations = await db.Organizations.AsNoTracking().OrderBy(o => o.Name).ToListAsync(ct);
        if (Existing is null) return;
        AllBills = await billLinks.ChoicesAsync(ct);
        LinkedBillIds = await db.CampaignBills.Where(l => l.CampaignId == Existing.Id).Select(l => l.BillId).ToListAsync(ct);
    }
}
