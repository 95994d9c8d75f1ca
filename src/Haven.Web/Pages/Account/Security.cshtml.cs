using System.Globalization;
using System.Text;
using Haven.Core.Accounts;
using Haven.Core.Audit;
using Haven.Web.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QRCoder;

namespace Haven.Web.Pages.Account;

/// <summary>An account's security: two-factor sign-in with an authenticator app (required for administrators),
/// recovery codes, and signing out on every device.</summary>
[Authorize]
public sealed class SecurityModel(UserManager<HavenUser> users, SignInManager<HavenUser> signIn, SignInAudit audit) : PageModel
{
    public bool TwoFactorEnabled { get; private set; }
    public bool IsAdministrator { get; private set; }
    public bool Required { get; private set; }
    /// <summary>The authenticator key, in groups of four for typing.</summary>
    public string SharedKey { get; private set; } = "";
    public string AuthenticatorUri { get; private set; } = "";
    public string QrCodeSvg { get; private set; } = "";
    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];
    public int RecoveryCodesLeft { get; private set; }
    public string? Problem { get; private set; }
    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(bool required, string? done)
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        Required = required;
        Message = done;
        await LoadAsync(user);
        return Page();
    }

    /// <summary>Checks a code from the app against the key shown, and only then turns two-factor sign-in on.</summary>
    public async Task<IActionResult> OnPostEnableAsync(string? code, CancellationToken ct)
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        var cleaned = new string((code ?? "").Where(char.IsAsciiDigit).ToArray());
        if (cleaned.Length == 0 || !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, cleaned))
        {
            Problem = "That code is not right, or it has expired. Codes change every 30 seconds.";
            await LoadAsync(user);
            return Page();
        }
        await users.SetTwoFactorEnabledAsync(user, true);
        RecoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))?.ToList() ?? [];
        await audit.WriteAsync(user, AuditActions.TwoFactorEnabled, "Turned on two-factor sign-in", ct);
        // Turning it on changes the security stamp, which would end this very session.
        await signIn.RefreshSignInAsync(user);
        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostRecoveryCodesAsync(CancellationToken ct)
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        if (!await users.GetTwoFactorEnabledAsync(user)) return RedirectToPage();
        RecoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))?.ToList() ?? [];
        await audit.WriteAsync(user, AuditActions.TwoFactorEnabled, "Made new recovery codes", ct);
        await LoadAsync(user);
        return Page();
    }

    /// <summary>Administrators cannot turn it off: it is required for them.</summary>
    public async Task<IActionResult> OnPostDisableAsync(CancellationToken ct)
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        if (await users.IsInRoleAsync(user, Roles.Administrator))
        {
            Problem = "Administrators must keep two-factor sign-in on.";
            await LoadAsync(user);
            return Page();
        }
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await audit.WriteAsync(user, AuditActions.TwoFactorDisabled, "Turned off two-factor sign-in", ct);
        await signIn.RefreshSignInAsync(user);
        return RedirectToPage(new { done = "disabled" });
    }

    /// <summary>Changes the security stamp, which every session's cookie is checked against at each request.</summary>
    public async Task<IActionResult> OnPostSignOutEverywhereAsync(CancellationToken ct)
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        await users.UpdateSecurityStampAsync(user);
        await audit.WriteAsync(user, AuditActions.SignedOutEverywhere, "Signed out on every device", ct);
        await signIn.SignOutAsync();
        return LocalRedirect(Url.Content("~/account/signin"));
    }

    private async Task LoadAsync(HavenUser user)
    {
        TwoFactorEnabled = await users.GetTwoFactorEnabledAsync(user);
        IsAdministrator = await users.IsInRoleAsync(user, Roles.Administrator);
        RecoveryCodesLeft = await users.CountRecoveryCodesAsync(user);
        if (TwoFactorEnabled) return;
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            await signIn.RefreshSignInAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user) ?? "";
        }
        SharedKey = FormatKey(key);
        var account = Uri.EscapeDataString(user.Email ?? user.UserName ?? "");
        AuthenticatorUri = string.Create(CultureInfo.InvariantCulture, $"otpauth://totp/Haven:{account}?secret={key}&issuer=Haven&digits=6");
        using var data = QRCodeGenerator.GenerateQrCode(AuthenticatorUri, QRCodeGenerator.ECCLevel.M);
        QrCodeSvg = new SvgQRCode(data).GetGraphic(4);
    }

    private static string FormatKey(string key)
    {
        var formatted = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            if (i > 0) formatted.Append(' ');
            formatted.Append(key.AsSpan(i, Math.Min(4, key.Length - i)));
        }
        return formatted.ToString().ToLowerInvariant();
    }
}
