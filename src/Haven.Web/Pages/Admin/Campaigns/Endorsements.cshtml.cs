using Haven.Core.Accounts;
using Haven.Core.Campaigns;
using Haven.Core.Data;
using Haven.Core.Shared;
using Haven.Web.Accounts;
using Haven.Web.Campaigns;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Haven.Web.Pages.Admin.Campaigns;

/// <summary>A campaign's moderation queue, for editors of its lead organizations, moderators and administrators: the
/// signatures waiting for approval first, then the public ones, the declined, the unconfirmed and the withdrawn;
/// approve or decline one, or every ticked one at once (plain POSTs that redirect back, no JavaScript needed); and the
/// CSV download.</summary>
public sealed class EndorsementsModel(HavenDbContext db, ModerateEndorsements moderate, CurrentActor currentActor) : PageModel
{
    public static readonly EndorsementStatus[] Order =
        [EndorsementStatus.Pending, EndorsementStatus.Approved, EndorsementStatus.Declined, EndorsementStatus.Unconfirmed, EndorsementStatus.Withdrawn];

    public Campaign Campaign { get; private set; } = null!;
    public IReadOnlyList<Endorsement> Endorsements { get; private set; } = [];
    public IReadOnlyList<Problem> Problems { get; private set; } = [];
    public string? Done { get; private set; }
    public int DoneCount { get; private set; }
    private Actor Actor { get; set; } = Actor.Anonymous();

    public IEnumerable<Endorsement> In(EndorsementStatus status) => Endorsements.Where(e => e.Status == status);

    public async Task<IActionResult> OnGetAsync(int id, string? done, int? count, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        if (done is not null && CampaignLabels.Done.TryGetValue(done, out var text))
        {
            DoneCount = Math.Max(0, count ?? 0);
            Done = DoneCount == 1 ? text.One : text.Other;
        }
        return Page();
    }

    public Task<IActionResult> OnPostApproveAsync(int id, int[]? ids, CancellationToken ct) =>
        ResultAsync(id, "approve", () => moderate.ApproveAsync(Actor, id, ids ?? [], ct), ct);

    public Task<IActionResult> OnPostDeclineAsync(int id, int[]? ids, CancellationToken ct) =>
        ResultAsync(id, "decline", () => moderate.DeclineAsync(Actor, id, ids ?? [], ct), ct);

    public Task<IActionResult> OnPostApproveOneAsync(int id, int one, CancellationToken ct) =>
        ResultAsync(id, "approve", () => moderate.ApproveAsync(Actor, id, [one], ct), ct);

    public Task<IActionResult> OnPostDeclineOneAsync(int id, int one, CancellationToken ct) =>
        ResultAsync(id, "decline", () => moderate.DeclineAsync(Actor, id, [one], ct), ct);

    private async Task<IActionResult> ResultAsync(int id, string done, Func<Task<Outcome<int>>> run, CancellationToken ct)
    {
        Actor = await currentActor.GetAsync(ct);
        var outcome = await run();
        if (outcome.Problems.Any(p => p.Code == "not_found")) return NotFound();
        if (outcome.Problems.Any(p => p.Code == "forbidden")) return Forbid();
        if (outcome.Succeeded)
            return Redirect(Url.Content($"~/admin/campaigns/{id}/endorsements?done={done}&count={outcome.Value}"));
        if (await LoadAsync(id, ct) is { } refused) return refused;
        Problems = outcome.Problems;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken ct)
    {
        Actor = await currentActor.GetAsync(ct);
        var c = await db.Campaigns.AsNoTracking().Include(x => x.Leads).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null) return NotFound();
        if (!Actor.CanModerateSignatures(c)) return Forbid();
        Campaign = c;
        Endorsements = await db.Endorsements.AsNoTracking().Where(e => e.CampaignId == id).OrderBy(e => e.CreatedAt).ThenBy(e => e.Id).ToListAsync(ct);
        return null;
    }
}
