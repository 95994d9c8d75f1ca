using Haven.Core.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Haven.Web.Pages.Account;

public sealed class SignInModel(SignInManager<HavenUser> signIn) : PageModel
{
    public string Email { get; private set; } = "";
    public string ReturnUrl { get; private set; } = "";
    public bool Failed { get; private set; }

    public void OnGet(string? returnUrl) => ReturnUrl = LocalOrNothing(returnUrl);

    public async Task<IActionResult> OnPostAsync(string? email, string? password, string? returnUrl)
    {
        Email = email?.Trim() ?? "";
        ReturnUrl = LocalOrNothing(returnUrl);
        if (Email.Length == 0 || string.IsNullOrEmpty(password))
        {
            Failed = true;
            return Page();
        }
        var user = await signIn.UserManager.FindByEmailAsync(Email);
        var result = user is null ? Microsoft.AspNetCore.Identity.SignInResult.Failed : await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true);
        if (!result.Succeeded)
        {
            Failed = true;
            return Page();
        }
        return LocalRedirect(ReturnUrl.Length > 0 ? ReturnUrl : Url.Content("~/admin"));
    }

    private string LocalOrNothing(string? url) => !string.IsNullOrEmpty(url) && Url.IsLocalUrl(url) ? url : "";
}
