using Haven.Core.Campaigns;
using Haven.Core.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Haven.Web.Pages.Campaigns;

/// <summary>A signer's private page, opened by the secret link mailed to them: where their signature stands, the button
/// that confirms their email (a button, not the link itself, so a mail scanner opening links confirms nothing), and a
/// withdrawal with a confirmation step. Never cached, never sends a referrer, never indexed; a link that opens nothing
/// (or opens another campaign's signature) is a 404 and changes nothing.</summary>
public sealed class EndorsementModel(HavenDbContext db, SignCampaign sign, ConfirmEndorsement confirm, WithdrawEndorsement withdraw) : PageModel
{
    public Campaign Campaign { get; private set; } = null!;
    public Endorsement Endorsement { get; private set; } = null!;
    public bool Found { get; private set; }
    public string Token { get; private set; } = "";
    public bool ConfirmingWithdrawal { get; private set; }
    public string? Done { get; private set; }

    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var headers = context.HttpContext.Response.Headers;
        headers.CacheControl = "no-cache, no-store";
        headers["Referrer-Policy"] = "no-referrer";
        headers["X-Robots-Tag"] = "noindex";
    }

    public async Task<IActionResult> OnGetAsync(string slug, string token, string? done, string? withdraw, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(slug, token, cancellationToken)) return Nothing();
        ConfirmingWithdrawal = withdraw is not null && Endorsement.Status != EndorsementStatus.Withdrawn;
        Done = done is "confirmed" or "withdrawn" ? done : null;
        return Page();
    }

    public async Task<IActionResult> OnPostConfirmAsync(string slug, string token, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(slug, token, cancellationToken)) return Nothing();
        await confirm.RunAsync(token, cancellationToken);
        return SeeOther("confirmed");
    }

    public async Task<IActionResult> OnPostWithdrawAsync(string slug, string token, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(slug, token, cancellationToken)) return Nothing();
        await withdraw.RunAsync(token, HttpContext.Connection.RemoteIpAddress?.ToString(), cancellationToken);
        return SeeOther("withdrawn");
    }

    private async Task<bool> LoadAsync(string slug, string token, CancellationToken cancellationToken)
    {
        Token = token;
        var endorsement = await sign.FindByTokenAsync(token, cancellationToken);
        if (endorsement is null) return false;
        var c = await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(x => x.Id == endorsement.CampaignId, cancellationToken);
        if (c is null || !string.Equals(c.Slug, slug, StringComparison.Ordinal)) return false;
        db.Entry(endorsement).State = EntityState.Detached;
        Campaign = c;
        Endorsement = endorsement;
        Found = true;
        return true;
    }

    private PageResult Nothing()
    {
        Found = false;
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }

    private StatusCodeResult SeeOther(string done)
    {
        Response.Headers.Location = Url.Content($"~/campaigns/{Uri.EscapeDataString(Campaign.Slug)}/endorsement/{Uri.EscapeDataString(Token)}?done={done}");
        return StatusCode(StatusCodes.Status303SeeOther);
    }
}
