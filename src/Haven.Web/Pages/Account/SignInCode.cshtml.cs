using Haven.Core.Accounts;
using Haven.Web.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Haven.Web.Pages.Account;

/// <summary>The second step of signing in for accounts with two-factor authentication: a code from the
/// authenticator app, or one of the recovery codes.</summary>
[EnableRateLimiting(RateLimits.SignIn)]
public sealed class SignInCodeModel(SignInManager<HavenUser> signIn, SignInAudit audit) : PageModel
{
    public string ReturnUrl { get; private set; } = "";
    public bool Recovery { get; private set; }
    public bool Failed { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? returnUrl, bool recovery)
    {
        ReturnUrl = LocalUrls.OrEmpty(Url, returnUrl);
        Recovery = recovery;
        // Only reachable between the password and the code.
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null) return RedirectToPage("/Account/SignIn", new { returnUrl = ReturnUrl });
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? code, string? returnUrl, bool recovery, CancellationToken ct)
    {
        ReturnUrl = LocalUrls.OrEmpty(Url, returnUrl);
        Recovery = recovery;
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null) return RedirectToPage("/Account/SignIn", new { returnUrl = ReturnUrl });
        var cleaned = new string((code ?? "").Where(c => !char.IsWhiteSpace(c) && (recovery || c != '-')).ToArray());
        var result = cleaned.Length == 0
            ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            : recovery
                ? await signIn.TwoFactorRecoveryCodeSignInAsync(cleaned)
                : await signIn.TwoFactorAuthenticatorSignInAsync(cleaned, isPersistent: false, rememberClient: false);
        if (!result.Succeeded)
        {
            await audit.FailedAsync(user.Email ?? "", user, result.IsLockedOut ? "locked out" : recovery ? "wrong recovery code" : "wrong two-factor code", ct);
            Failed = true;
            return Page();
        }
        await audit.SignedInAsync(user, recovery ? "password and recovery code" : "password and authenticator code", ct);
        return LocalRedirect(ReturnUrl.Length > 0 ? ReturnUrl : Url.Content("~/admin"));
    }
}
