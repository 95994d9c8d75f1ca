using Haven.Core.Accounts;
using Haven.Core.Shared;
using Haven.Web.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Haven.Web.Pages.Account;

/// <summary>Where the mailed link leads: a new password, twice. A link that expired or was used already says so and
/// changes nothing; a new password sends the person to sign in with it (never signs them in itself).</summary>
[EnableRateLimiting(RateLimits.SignIn)]
public sealed class ResetModel(ResetPassword reset, UserManager<HavenUser> users) : PageModel
{
    public string Email { get; private set; } = "";
    public string Token { get; private set; } = "";
    public bool LinkWorks { get; private set; }
    public IReadOnlyList<Problem> Problems { get; private set; } = [];
    public int RequiredLength => users.Options.Password.RequiredLength;

    public async Task OnGetAsync(string? email, string? token)
    {
        KeepTheLinkPrivate();
        Email = email?.Trim() ?? "";
        Token = token ?? "";
        LinkWorks = await reset.LinkWorksAsync(Email, Token);
    }

    public async Task<IActionResult> OnPostAsync(string? email, string? token, string? password, string? confirmPassword, CancellationToken ct)
    {
        KeepTheLinkPrivate();
        Email = email?.Trim() ?? "";
        Token = token ?? "";
        var outcome = await reset.RunAsync(Email, Token, password, confirmPassword, HttpContext.Connection.RemoteIpAddress?.ToString(), ct);
        if (outcome.Succeeded) return RedirectToPage("/Account/SignIn", new { done = SignInModel.PasswordChanged });
        LinkWorks = !outcome.Problems.Any(p => p.Code == ResetPassword.LinkNotValid.Code);
        Problems = outcome.Problems;
        return Page();
    }

    /// <summary>The token is in this page's address: no other site is told it, and no cache keeps the page.</summary>
    private void KeepTheLinkPrivate()
    {
        Response.Headers["Referrer-Policy"] = "no-referrer";
        Response.Headers.CacheControl = "no-store";
    }
}
