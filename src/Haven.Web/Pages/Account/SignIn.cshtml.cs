using Haven.Core.Accounts;
using Haven.Web.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Haven.Web.Pages.Account;

[EnableRateLimiting(RateLimits.SignIn)]
public sealed class SignInModel(SignInManager<HavenUser> signIn, SignInAudit audit) : PageModel
{
    /// <summary>The value of <c>done</c> after a new password was chosen with a mailed link.</summary>
    public const string PasswordChanged = "password-reset";

    public string Email { get; private set; } = "";
    public string ReturnUrl { get; private set; } = "";
    public bool Failed { get; private set; }
    public bool ShowPasswordChanged { get; private set; }

    public void OnGet(string? returnUrl, string? done)
    {
        ReturnUrl = LocalUrls.OrEmpty(Url, returnUrl);
        ShowPasswordChanged = done == PasswordChanged;
    }

    public async Task<IActionResult> OnPostAsync(string? email, string? password, string? returnUrl, CancellationToken ct)
    {
        Email = email?.Trim() ?? "";
        ReturnUrl = LocalUrls.OrEmpty(Url, returnUrl);
        if (Email.Length == 0 || string.IsNullOrEmpty(password))
        {
            Failed = true;
            return Page();
        }
        var user = await signIn.UserManager.FindByEmailAsync(Email);
        var result = user is null ? Microsoft.AspNetCore.Identity.SignInResult.Failed : await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true);
        if (result.RequiresTwoFactor)
            return RedirectToPage("/Account/SignInCode", new { returnUrl = ReturnUrl });
        if (!result.Succeeded)
        {
            await audit.FailedAsync(Email, user, result.IsLockedOut ? "locked out" : user is null ? "no such account" : "wrong password", ct);
            Failed = true;
            return Page();
        }
        await audit.SignedInAsync(user!, "password", ct);
        return LocalRedirect(ReturnUrl.Length > 0 ? ReturnUrl : Url.Content("~/admin"));
    }
}
