using Haven.Core.Accounts;
using Haven.Core.Api;
using Haven.Core.Data;
using Haven.Core.Shared;
using Haven.Web.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Haven.Web.Pages.Admin.ApiTokens;

/// <summary>API tokens of the organizations the actor leads (every organization's for administrators): create one
/// (its secret is shown once, on the answer to the form), list them, and revoke one after a confirmation step.</summary>
public sealed class IndexModel(HavenDbContext db, CurrentActor currentActor, ManageApiTokens tokens, NodaTime.IClock clock) : PageModel
{
    public NodaTime.Instant Now => clock.GetCurrentInstant();
    public Actor Actor { get; private set; } = Actor.Anonymous();
    public IReadOnlyList<(int Id, string Name)> Organizations { get; private set; } = [];
    public IReadOnlyList<ApiToken> Tokens { get; private set; } = [];
    public IReadOnlyList<Problem> Problems { get; private set; } = [];
    /// <summary>The token just created and its secret: shown on this answer only.</summary>
    public CreatedApiToken? Created { get; private set; }
    /// <summary>The token whose revocation waits for confirmation.</summary>
    public ApiToken? ToRevoke { get; private set; }
    public string? Message { get; private set; }

    [BindProperty] public int OrganizationId { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public int LifetimeDays { get; set; } = 90;

    public async Task<IActionResult> OnGetAsync(int? revoke, string? done, CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return Forbid();
        Message = done == "revoked" ? done : null;
        if (revoke is { } id)
        {
            ToRevoke = Tokens.FirstOrDefault(t => t.Id == id && t.RevokedAt is null);
            if (ToRevoke is null) return NotFound();
        }
        return Page();
    }

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return Forbid();
        var outcome = await tokens.CreateAsync(Actor, OrganizationId, Name, LifetimeDays, ct);
        if (!outcome.Succeeded)
        {
            if (outcome.Problems.Any(p => p.Code == "forbidden")) return Forbid();
            Problems = outcome.Problems;
            return Page();
        }
        // No redirect: the secret is in this answer only, and never stored.
        Created = outcome.Value;
        Name = null;
        Tokens = await tokens.ListAsync(Actor, ct);
        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(int tokenId, CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return Forbid();
        var outcome = await tokens.RevokeAsync(Actor, tokenId, ct);
        if (!outcome.Succeeded) return NotFound();
        return Redirect(Url.Content("~/admin/api-tokens?done=revoked"));
    }

    /// <summary>False when the actor may not use this page (neither an administrator nor a lead).</summary>
    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        Actor = await currentActor.GetAsync(ct);
        var led = Actor.LedOrganizationIds;
        if (!Actor.IsAdministrator && led.Count == 0) return false;
        Organizations = (await db.Organizations.AsNoTracking()
                .Where(o => Actor.IsAdministrator || led.Contains(o.Id))
                .OrderBy(o => o.Name).Select(o => new { o.Id, o.Name }).ToListAsync(ct))
            .Select(o => (o.Id, o.Name)).ToList();
        Tokens = await tokens.ListAsync(Actor, ct);
        return true;
    }
}
