using Haven.Core.Subscriptions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Haven.Web.Pages.Subscriptions;

/// <summary>RFC 8058 one-click unsubscribe: mail programs POST <c>List-Unsubscribe=One-Click</c> here with no cookie
/// and no form token, so the POST takes neither; it deletes the subscription at once and answers 200 (also for a link
/// already used: there is nothing left to unsubscribe). A GET shows a button.</summary>
[IgnoreAntiforgeryToken]
public sealed class UnsubscribeModel(ManageSubscription manage) : PageModel
{
    public bool Done { get; private set; }
    public bool Known { get; private set; }

    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context) => PrivatePage.Headers(context);

    public async Task OnGetAsync(string token, CancellationToken cancellationToken) =>
        Known = await manage.FindAsync(token, cancellationToken) is not null;

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        await manage.UnsubscribeAsync(token, cancellationToken);
        Done = true;
        return Page();
    }
}
