using Haven.Core.Data;
using Haven.Core.Events;
using Haven.Core.Shared;
using Haven.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Haven.Web.Pages.Events;

/// <summary>A registrant's private page, opened by the secret link mailed to them: where they stand (with the way to
/// join once they hold a seat), what they told us, a form to change it and a way to cancel. The token is in the URL,
/// so the page is never cached, never sends a referrer and is never indexed. A link that opens nothing (unknown,
/// malformed, tampered, erased, or under another event's address) is a 404 and changes nothing.</summary>
public sealed class RegistrationModel(HavenDbContext db, RegisterForEvent register, ChangeRegistration change, CancelRegistration cancel)
    : PageModel
{
    public Event Event { get; private set; } = null!;
    public Registration Registration { get; private set; } = null!;
    /// <summary>False when the link opens no registration: the page says so, with status 404.</summary>
    public bool Found { get; private set; }
    public string Token { get; private set; } = "";
    public IReadOnlyList<EventQuestion> Questions { get; private set; } = [];
    /// <summary>For a waitlisted registration: their place in line (1 is next).</summary>
    public int? WaitlistPlace { get; private set; }
    public IReadOnlyList<Problem> Problems { get; private set; } = [];
    /// <summary>The cancel button was pressed: the page asks to confirm.</summary>
    public bool ConfirmingCancel { get; private set; }
    public bool Changed { get; private set; }
    public bool JustCancelled { get; private set; }

    [BindProperty]
    public RegistrationForm Form { get; set; } = new();

    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var headers = context.HttpContext.Response.Headers;
        headers.CacheControl = "no-cache, no-store";
        headers["Referrer-Policy"] = "no-referrer";
        headers["X-Robots-Tag"] = "noindex";
    }

    public async Task<IActionResult> OnGetAsync(string slug, string token, string? done, string? cancel, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(slug, token, cancellationToken)) return NoRegistration();
        Form = RegistrationForm.From(Registration);
        ConfirmingCancel = cancel is not null && Registration.IsActive;
        Changed = done == "changed";
        JustCancelled = done == "cancelled" && Registration.Status == RegistrationStatus.Cancelled;
        return Page();
    }

    public async Task<IActionResult> OnPostChangeAsync(string slug, string token, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(slug, token, cancellationToken)) return NoRegistration();
        var outcome = await change.RunAsync(new RegistrationChange
        {
            Token = token,
            Name = Form.Name,
            Organization = Form.Organization,
            Language = Form.LanguageOr(InterfaceLanguage.Current),
            Answers = Form.Answers,
        }, cancellationToken);
        if (!outcome.Succeeded)
        {
            Problems = outcome.Problems;
            Form.Email = Registration.Email;
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        return SeeOther("changed");
    }

    public async Task<IActionResult> OnPostCancelAsync(string slug, string token, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(slug, token, cancellationToken)) return NoRegistration();
        // Already cancelled or declined: nothing to do, the page says where they stand.
        if (Registration.IsActive) await cancel.RunAsync(token, cancellationToken);
        return SeeOther("cancelled");
    }

    /// <summary>Finds the registration the link opens, under its own event's address; false when there is none.</summary>
    private async Task<bool> LoadAsync(string slug, string token, CancellationToken cancellationToken)
    {
        Token = token;
        var registration = await register.FindByTokenAsync(token, cancellationToken);
        if (registration is null || registration.ErasedAt is not null) return false;
        var e = await db.Events.AsNoTracking().FirstOrDefaultAsync(x => x.Id == registration.EventId, cancellationToken);
        if (e is null || !string.Equals(e.Slug, slug, StringComparison.Ordinal)) return false;
        Event = e;
        Registration = registration;
        Questions = await db.Set<EventQuestion>().AsNoTracking().Where(q => q.EventId == e.Id)
            .OrderBy(q => q.Position).ThenBy(q => q.Id).ToListAsync(cancellationToken);
        if (registration.Status == RegistrationStatus.Waitlisted)
        {
            var ahead = await db.Registrations.CountAsync(r => r.EventId == e.Id && r.Status == RegistrationStatus.Waitlisted
                && (r.QueuedAt < registration.QueuedAt || (r.QueuedAt == registration.QueuedAt && r.Id < registration.Id)), cancellationToken);
            WaitlistPlace = ahead + 1;
        }
        Found = true;
        return true;
    }

    private PageResult NoRegistration()
    {
        Found = false;
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }

    private StatusCodeResult SeeOther(string done)
    {
        Response.Headers.Location = Url.Content($"~/events/{Uri.EscapeDataString(Event.Slug)}/registration/{Uri.EscapeDataString(Token)}?done={done}");
        return StatusCode(StatusCodes.Status303SeeOther);
    }
}
