using Haven.Core.Shared;
using Haven.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Haven.Web.Pages;

/// <summary>The language switch: remembers the choice in a cookie and goes to the same page in that language.</summary>
public sealed class LanguageModel : PageModel
{
    public IActionResult OnGet(string? to, string? returnUrl)
    {
        var language = to == Languages.Spanish ? Languages.Spanish : Languages.English;
        Response.Cookies.Append(InterfaceLanguage.CookieName, language, new CookieOptions
        {
            MaxAge = TimeSpan.FromDays(365),
            HttpOnly = true,
            IsEssential = true,
            SameSite = SameSiteMode.Lax,
            Secure = Request.IsHttps,
        });
        // Only ever a local address, so the switch cannot be used to send people elsewhere.
        if (string.IsNullOrEmpty(returnUrl) || !Url.IsLocalUrl(returnUrl))
            returnUrl = language == Languages.Spanish ? "/es/" : "/";
        return LocalRedirect(returnUrl);
    }
}
