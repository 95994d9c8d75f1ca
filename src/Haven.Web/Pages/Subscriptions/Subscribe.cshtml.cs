using Haven.Core.Data;
using Haven.Core.Events;
using Haven.Core.Shared;
using Haven.Core.Subscriptions;
using Haven.Web.Accounts;
using Haven.Web.Events;
using Haven.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;

namespace Haven.Web.Pages.Subscriptions;

/// <summary>/subscribe: email alerts or digests without an account. Links from topic, organization and place pages,
/// the library and the events list prefill it (?topic=slug, ?organization=slug, ?jurisdiction=slug, ?kind=webinar,
/// ?content=events). The answer is the same whether or not the address is already subscribed.</summary>
[EnableRateLimiting(RateLimits.Subscribe)]
public sealed class SubscribeModel(HavenDbContext db, Subscribe subscribe) : PageModel
{
    [BindProperty]
    public SubscriptionForm Form { get; set; } = new();
    public SubscriptionOptions Options { get; private set; } = null!;
    public IReadOnlyList<Problem> Problems { get; private set; } = [];
    public bool Sent { get; private set; }

    public async Task OnGetAsync(string? topic, string? organization, string? jurisdiction, string? kind, string? content, string? done,
        CancellationToken cancellationToken)
    {
        Sent = done == "sent";
        Form = new SubscriptionForm { Language = InterfaceLanguage.Current };
        if (!string.IsNullOrEmpty(topic) && await db.Topics.AnyAsync(t => t.Slug == topic, cancellationToken)) Form.Topics.Add(topic);
        if (!string.IsNullOrEmpty(organization)
            && await db.Organizations.Where(o => o.Slug == organization).Select(o => (int?)o.Id).FirstOrDefaultAsync(cancellationToken) is { } org)
            Form.Organizations.Add(org);
        if (!string.IsNullOrEmpty(jurisdiction)
            && await db.Jurisdictions.Where(j => j.Slug == jurisdiction).Select(j => (int?)j.Id).FirstOrDefaultAsync(cancellationToken) is { } place)
            Form.Jurisdictions.Add(place);
        if (EventLabels.KindFromParameter(kind) is { } eventKind) Form.EventKinds.Add(eventKind);
        Form.Kinds.AddRange(content switch
        {
            "events" => [ItemKind.Event],
            "resources" => [ItemKind.Resource],
            "news" => [ItemKind.Post],
            _ => [ItemKind.Resource, ItemKind.Event, ItemKind.Post],
        });
        Options = await SubscriptionOptions.LoadAsync(db, Form.Jurisdictions, cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var outcome = await subscribe.RunAsync(Form.Email, Form.Choices(InterfaceLanguage.Current), cancellationToken);
        if (!outcome.Succeeded)
        {
            Problems = outcome.Problems;
            Options = await SubscriptionOptions.LoadAsync(db, Form.Jurisdictions, cancellationToken);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        return RedirectToPage(null, new { done = "sent" });
    }
}
