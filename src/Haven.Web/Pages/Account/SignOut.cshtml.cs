using Haven.Core.Accounts;
using Haven.Core.Audit;
using Haven.Web.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Haven.Web.Pages.Account;

/// <summary>Signing out is a POST (with the antiforgery token), so a link on another site cannot sign anyone out.</summary>
public sealed class SignOutModel(SignInManager<HavenUser> signIn, SignInAudit audit) : PageModel
{
    public IActionResult OnGet() => LocalRedirect(Url.Content("~/"));

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await signIn.UserManager.GetUserAsync(User) is { } user)
            await audit.WriteAsync(user, AuditActions.SignedOut, "Signed out", ct);
        await signIn.SignOutAsync();
        return LocalRedirect(Url.Content("~/"));
    }
}
