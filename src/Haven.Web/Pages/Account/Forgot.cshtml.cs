using Haven.Core.Accounts;
using Haven.Core.Mail;
using Haven.Core.Shared;
using Haven.Web.Accounts;
using Haven.Web.Mail;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Haven.Web.Pages.Account;

/// <summary>Asks for the address of an account and mails it a link to choose a new password. The answer is the same
/// whether or not an account has the address, so the form cannot be used to find out who has one.</summary>
[EnableRateLimiting(RateLimits.SignIn)]
public sealed class ForgotModel(RequestPasswordReset request, SiteSettings site) : PageModel
{
    public string Email { get; private set; } = "";
    public bool Sent { get; private set; }
    public IReadOnlyList<Problem> Problems { get; private set; } = [];
    public string LinkLifespan => request.LinkLifespanInWords();

    public void OnGet(bool sent) => Sent = sent;

    public async Task<IActionResult> OnPostAsync(string? email, CancellationToken ct)
    {
        Email = email?.Trim() ?? "";
        if (!EmailAddress.IsValid(Email))
        {
            Problems = [new Problem("email_invalid", "Type the email address of your account.", "email")];
            return Page();
        }
        var requester = Actor.Anonymous(HttpContext.Connection.RemoteIpAddress?.ToString());
        await request.RequestAsync(Email, requester, MailLinks.To(Request, site, "/account/reset"), ct);
        // One answer for every address, after a redirect so that reloading it sends nothing again.
        return RedirectToPage(new { sent = true });
    }
}
