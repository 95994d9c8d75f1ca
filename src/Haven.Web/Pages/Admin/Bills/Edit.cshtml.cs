using Haven.Core.Accounts;
using Haven.Core.Bills;
using Haven.Core.Data;
using Haven.Core.Organizations;
using Haven.Core.Policies;
using Haven.Core.Shared;
using Haven.Core.Taxonomy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Haven.Web.Pages.Admin.Bills;

/// <summary>Adds and edits a bill, and states (or withdraws) positions on it: an editor for their own organizations,
/// an administrator for any and for the coalition.</summary>
public sealed class EditModel(HavenDbContext db, SaveBill save, StateBillPosition positions, IClock clock,
    Haven.Web.Accounts.CurrentActor currentActor) : PageModel
{
    [BindProperty] public BillFields Form { get; set; } = new();
    [BindProperty] public BillPositionFields Position { get; set; } = new();
    /// <summary>The position form's organization: an id, or "coalition".</summary>
    [BindProperty] public string? Holder { get; set; }

    public Bill? Existing { get; private set; }
    public Actor Actor { get; private set; } = Actor.Anonymous();
    public IReadOnlyList<Jurisdiction> Jurisdictions { get; private set; } = [];
    /// <summary>The organizations the actor may speak for.</summary>
    public IReadOnlyList<Organization> Organizations { get; private set; } = [];
    public IReadOnlyList<Problem> Problems { get; private set; } = [];
    public IReadOnlyList<Problem> PositionProblems { get; private set; } = [];
    public string? Message { get; private set; }
    public bool CanEditDetails => Existing is null || Actor.CanEdit(Existing);

    public async Task<IActionResult> OnGetAsync(int? id, string? saved, CancellationToken ct)
    {
        if (!await PrepareAsync(id, ct)) return Existing is null && id is not null ? NotFound() : Forbid();
        if (Existing is { } bill)
        {
            Form = new BillFields
            {
                JurisdictionId = bill.JurisdictionId, Chamber = bill.Chamber, ChamberName = bill.ChamberName, Number = bill.Number,
                Title = bill.Title, Session = bill.Session, Status = bill.Status, OfficialUrl = bill.OfficialUrl ?? "", Slug = bill.Slug,
            };
        }
        Position.TakenOn = PolicyPeriods.Iso(clock.GetCurrentInstant().InUtc().Date);
        Message = saved;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken ct)
    {
        if (!await PrepareAsync(id, ct)) return Existing is null && id is not null ? NotFound() : Forbid();
        var outcome = await save.RunAsync(new BillEdit { Actor = Actor, BillId = id, Fields = Form }, ct);
        if (!outcome.Succeeded)
        {
            if (outcome.Problems.Any(p => p.Code == "forbidden")) return Forbid();
            Problems = outcome.Problems;
            Position.TakenOn = PolicyPeriods.Iso(clock.GetCurrentInstant().InUtc().Date);
            return Page();
        }
        return Redirect(Url.Content($"~/admin/bills/{outcome.Value!.Id}/edit?saved=saved"));
    }

    public async Task<IActionResult> OnPostPositionAsync(int id, CancellationToken ct)
    {
        if (!await PrepareAsync(id, ct)) return Existing is null ? NotFound() : Forbid();
        Position.OrganizationId = HolderId(Holder);
        var outcome = await positions.RunAsync(new BillPositionEdit { Actor = Actor, BillId = id, Fields = Position }, ct);
        if (!outcome.Succeeded)
        {
            if (outcome.Problems.Any(p => p.Code == "forbidden")) return Forbid();
            PositionProblems = outcome.Problems;
            FillForm();
            return Page();
        }
        return Redirect(Url.Content($"~/admin/bills/{id}/edit?saved=position"));
    }

    public async Task<IActionResult> OnPostWithdrawAsync(int id, CancellationToken ct)
    {
        if (!await PrepareAsync(id, ct)) return Existing is null ? NotFound() : Forbid();
        var outcome = await positions.WithdrawAsync(Actor, id, HolderId(Holder), ct);
        if (!outcome.Succeeded) return outcome.Problems.Any(p => p.Code == "forbidden") ? Forbid() : NotFound();
        return Redirect(Url.Content($"~/admin/bills/{id}/edit?saved=withdrawn"));
    }

    private static int? HolderId(string? holder) => int.TryParse(holder, out var orgId) ? orgId : null;

    private void FillForm()
    {
        var bill = Existing!;
        Form = new BillFields
        {
            JurisdictionId = bill.JurisdictionId, Chamber = bill.Chamber, ChamberName = bill.ChamberName, Number = bill.Number,
            Title = bill.Title, Session = bill.Session, Status = bill.Status, OfficialUrl = bill.OfficialUrl ?? "", Slug = bill.Slug,
        };
    }

    private async Task<bool> PrepareAsync(int? id, CancellationToken ct)
    {
        Actor = await currentActor.GetAsync(ct);
        if (id is { } billId)
        {
            Existing = await db.Bills.AsNoTracking().Include(b => b.Jurisdiction).Include(b => b.Positions).ThenInclude(p => p.Organization)
                .AsSplitQuery().FirstOrDefaultAsync(b => b.Id == billId, ct);
            if (Existing is null) return false;
        }
        if (!Actor.CanAddBills) return false;
        Jurisdictions = await db.Jurisdictions.AsNoTracking()
            .Where(j => j.Kind == JurisdictionKind.Nation || j.Kind == JurisdictionKind.State)
            .OrderBy(j => j.Kind).ThenBy(j => j.Name).ToListAsync(ct);
        var mine = Actor.Memberships.Keys.ToList();
        Organizations = await db.Organizations.AsNoTracking()
            .Where(o => Actor.IsAdministrator || mine.Contains(o.Id)).OrderBy(o => o.Name).ToListAsync(ct);
        return true;
    }
}
