using Haven.Core.Data;
using Haven.Core.Shared;
using Haven.Core.Subscriptions;
using Haven.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Haven.Web.Pages.Subscriptions;

/// <summary>A subscriber's page, opened by the link in every letter: change what to follow, how often, the language,
/// or unsubscribe. A link that opens nothing is a 404.</summary>
public sealed class ManageModel(HavenDbContext db, ManageSubscription manage) : PageModel
{
    [BindProperty]
    public SubscriptionForm Form { get; set; } = new();
    public SubscriptionOptions Options { get; private set; } = null!;
    public IReadOnlyList<Problem> Problems { get; private set; } = [];
    public bool Found { get; private set; }
    public string? Done { get; private set; }
    public string Email { get; private set; } = "";

    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context) => PrivatePage.Headers(context);

    public async Task<IActionResult> OnGetAsync(string token, string? done, CancellationToken cancellationToken)
    {
        var subscription = await manage.FindAsync(token, cancellationToken);
        if (subscription is null) return NotFoundPage();
        Found = true;
        Done = done;
        Email = subscription.Email;
        Form = SubscriptionForm.From(subscription);
        Options = await SubscriptionOptions.LoadAsync(db, Form.Jurisdictions, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        var outcome = await manage.UpdateAsync(token, Form.Choices(InterfaceLanguage.Current), cancellationToken);
        if (outcome.Succeeded) return RedirectToPage(null, new { token, done = "saved" });
        if (outcome.Problems.Any(p => p.Code == "unknown-link")) return NotFoundPage();
        Found = true;
        Problems = outcome.Problems;
        Email = (await manage.FindAsync(token, cancellationToken))?.Email ?? "";
        Options = await SubscriptionOptions.LoadAsync(db, Form.Jurisdictions, cancellationToken);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private PageResult NotFoundPage()
    {
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
