using Haven.Core.Accounts;
using Haven.Core.Shared;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Haven.Web.Pages.Account;

/// <summary>Where an invitation's link lands: choose a name and password, and the account opens with its role.</summary>
[EnableRateLimiting(Accounts.RateLimits.SignIn)]
public sealed class InvitationModel(Invitations invitations, SignInManager<HavenUser> signIn) : PageModel
{
    public Invitation? Invitation { get; private set; }
    public Problem? Blocked { get; private set; }
    public IReadOnlyList<Problem> Problems { get; private set; } = [];
    public string Name { get; private set; } = "";

    public async Task OnGetAsync(string token, CancellationToken ct) =>
        (Invitation, Blocked) = await invitations.CheckAsync(token, ct);

    public async Task<IActionResult> OnPostAsync(string token, string? name, string? password, string? confirm, CancellationToken ct)
    {
        Name = name?.Trim() ?? "";
        var outcome = await invitations.AcceptAsync(token, name, password, confirm, HttpContext.Connection.RemoteIpAddress?.ToString(), ct);
        if (!outcome.Succeeded)
        {
            (Invitation, Blocked) = await invitations.CheckAsync(token, ct);
            Problems = outcome.Problems;
            return Page();
        }
        // Signed in at once; an administrator is then sent to set up the second step before anything else.
        await signIn.SignInAsync(outcome.Value!, isPersistent: false);
        return LocalRedirect(Url.Content("~/admin"));
    }
}
