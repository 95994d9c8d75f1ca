using Haven.Core.Subscriptions;
using Haven.Web.Subscriptions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Haven.Web.Pages.Subscriptions;

/// <summary>The confirmation link: a GET only shows a button (mail scanners follow links), the POST confirms and
/// opens the manage page.</summary>
public sealed class ConfirmModel(ConfirmSubscription confirm) : PageModel
{
    public bool Failed { get; private set; }

    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context) => PrivatePage.Headers(context);

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        var outcome = await confirm.RunAsync(token, cancellationToken);
        if (!outcome.Succeeded)
        {
            Failed = true;
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }
        return Redirect(Url.Content("~" + SubscriptionLetterWriter.ManagePath(outcome.Value!) + "?done=confirmed"));
    }
}

/// <summary>Headers of the pages opened by private links: never cached, no referrer, never indexed.</summary>
public static class PrivatePage
{
    public static void Headers(PageHandlerExecutingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var headers = context.HttpContext.Response.Headers;
        headers.CacheControl = "no-cache, no-store";
        headers["Referrer-Policy"] = "no-referrer";
        headers["X-Robots-Tag"] = "noindex";
    }
}
