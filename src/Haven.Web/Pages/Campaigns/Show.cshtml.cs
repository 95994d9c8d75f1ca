using Haven.Core.Campaigns;
using Haven.Core.Data;
using Haven.Core.Shared;
using Haven.Core.Text;
using Haven.Web.Accounts;
using Haven.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Haven.Web.Pages.Campaigns;

/// <summary>A campaign's public page: its text (or the resource it presents), its leads and dates, the public list of
/// approved signatures with their count, and the sign-on form while it takes signatures. Signing posts here (limited
/// per client address) and redirects back saying to confirm by the mailed link; the link is never shown on the page.</summary>
[EnableRateLimiting(RateLimits.SignOn)]
public sealed class ShowModel(HavenDbContext db, IClock clock, SignCampaign sign, MarkdownRenderer markdown, CurrentActor currentActor,
    Haven.Core.Bills.BillLinks billLinks) : PageModel
{
    /// <summary>The bills the campaign concerns, with every position taken on them.</summary>
    public IReadOnlyList<Haven.Core.Bills.Bill> Bills { get; private set; } = [];
    public Campaign Campaign { get; private set; } = null!;
    public string BodyHtml { get; private set; } = "";
    public IReadOnlyList<Endorsement> Signatures { get; private set; } = [];
    public bool IsOpen { get; private set; }
    public bool NotOpenYet { get; private set; }
    public IReadOnlyList<Problem> Problems { get; private set; } = [];
    /// <summary>"new" after a sign-on, "again" when the confirmation link was mailed again.</summary>
    public string? Signed { get; private set; }

    [BindProperty]
    public SignOnForm Form { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(string slug, string? signed, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(slug, cancellationToken)) return NotFound();
        Signed = signed is "new" or "again" ? signed : null;
        if (Campaign.WhoMaySign == WhoMaySign.Individuals) Form.Kind = EndorsementKind.Individual;
        return Page();
    }

    public async Task<IActionResult> OnPostSignAsync(string slug, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(slug, cancellationToken)) return NotFound();
        var outcome = await sign.RunAsync(Form.ToRequest(Campaign.Id, InterfaceLanguage.Current), cancellationToken);
        if (!outcome.Succeeded)
        {
            Problems = outcome.Problems;
            Response.StatusCode = outcome.Problems.Any(p => p.Code == "already_signed") ? StatusCodes.Status409Conflict : StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        var done = outcome.Value!.ConfirmationResent ? "again" : "new";
        Response.Headers.Location = Url.Content($"~/campaigns/{Uri.EscapeDataString(Campaign.Slug)}?signed={done}#sign");
        return StatusCode(StatusCodes.Status303SeeOther);
    }

    private async Task<bool> LoadAsync(string slug, CancellationToken cancellationToken)
    {
        var c = await db.Campaigns.AsNoTracking()
            .Include(x => x.Leads.OrderBy(l => l.Position)).ThenInclude(l => l.Organization)
            .Include(x => x.Resource)
            .AsSplitQuery()
            .FirstOrDefaultAsync(x => x.Slug == slug, cancellationToken);
        if (c is null) return false;
        if (c.IsDraft && !(await currentActor.GetAsync(cancellationToken)).CanManage(c)) return false;
        var now = clock.GetCurrentInstant();
        // A linked resource shows only while it is public.
        if (c.Resource is { } r && !r.IsPublicAt(now)) c.Resource = null;
        Campaign = c;
        BodyHtml = c.Body.Length > 0 ? markdown.ToHtml(c.Body) : "";
        IsOpen = c.IsOpenAt(now);
        NotOpenYet = now < c.OpensAt;
        Signatures = await db.Endorsements.AsNoTracking()
            .Where(e => e.CampaignId == c.Id && e.Status == EndorsementStatus.Approved)
            .OrderBy(e => e.ApprovedAt).ThenBy(e => e.Id)
            .ToListAsync(cancellationToken);
        Bills = await billLinks.OfCampaignAsync(c.Id, cancellationToken);
        return true;
    }
}
