using Haven.Core.Accounts;
using Haven.Core.Data;
using Haven.Core.Events;
using Haven.Core.Shared;
using Haven.Web.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Haven.Web.Pages.Admin.Events;

/// <summary>An event's registrants for its hosts (editors of the owning organization and administrators): counts, a
/// table per status with a button per action, attendance, a message to a group, and the CSV download. Every action is
/// a plain POST that redirects back with what was done (or shows the problem), so it all works without JavaScript.</summary>
public sealed class RegistrationsModel(HavenDbContext db, ManageRegistrations manage, CurrentActor currentActor) : PageModel
{
    /// <summary>The tables, in the order the page shows them.</summary>
    public static readonly RegistrationStatus[] Order =
        [RegistrationStatus.PendingApproval, RegistrationStatus.Confirmed, RegistrationStatus.Waitlisted, RegistrationStatus.Declined, RegistrationStatus.Cancelled];

    /// <summary>What each action button and confirmation says (English keys, listed in DynamicKeys).</summary>
    public static string Label(RegistrationAction action) => action switch
    {
        RegistrationAction.Approve => "Approve",
        RegistrationAction.Decline => "Decline",
        RegistrationAction.MoveToWaitlist => "Move to waitlist",
        RegistrationAction.Confirm => "Give a seat",
        _ => action.ToString(),
    };

    public static string Handler(RegistrationAction action) => action switch
    {
        RegistrationAction.MoveToWaitlist => "move",
        _ => action.ToString().ToLowerInvariant(),
    };

    public static string GroupLabel(RegistrantGroup group) => group switch
    {
        RegistrantGroup.Confirmed => "Confirmed",
        RegistrantGroup.Waitlisted => "Waitlisted",
        RegistrantGroup.PendingApproval => "Waiting for approval",
        _ => "Everyone still registered",
    };

    private static readonly Dictionary<string, string> Confirmations = new(StringComparer.Ordinal)
    {
        ["approve"] = "Registration approved.",
        ["decline"] = "Registration declined.",
        ["move"] = "Moved to the waitlist.",
        ["confirm"] = "Seat given.",
        ["attendance"] = "Attendance saved.",
        ["message"] = "Message sent to {0} registrants.",
    };

    public Event Event { get; private set; } = null!;
    public IReadOnlyList<Registration> Registrations { get; private set; } = [];
    public IReadOnlyList<EventQuestion> Questions { get; private set; } = [];
    public IReadOnlyList<Problem> Problems { get; private set; } = [];
    /// <summary>The English confirmation of what was just done, and its count.</summary>
    public string? Done { get; private set; }
    public int DoneCount { get; private set; }

    [BindProperty] public RegistrantGroup Group { get; set; } = RegistrantGroup.Confirmed;
    [BindProperty] public string? Subject { get; set; }
    [BindProperty] public string? Message { get; set; }

    public int Count(RegistrationStatus status) => Registrations.Count(r => r.Status == status);

    /// <summary>Seats left, or null for no limit.</summary>
    public int? SeatsLeft => Event.Capacity is { } capacity ? Math.Max(0, capacity - Count(RegistrationStatus.Confirmed)) : null;

    /// <summary>A table's rows: the waitlist in its line's order, the others as they registered.</summary>
    public IEnumerable<Registration> In(RegistrationStatus status) => status == RegistrationStatus.Waitlisted
        ? Registrations.Where(r => r.Status == status).OrderBy(r => r.QueuedAt).ThenBy(r => r.Id)
        : Registrations.Where(r => r.Status == status).OrderBy(r => r.CreatedAt).ThenBy(r => r.Id);

    public async Task<IActionResult> OnGetAsync(int id, string? done, int? count, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        if (done is not null && Confirmations.TryGetValue(done, out var text))
        {
            Done = text;
            DoneCount = count ?? 0;
        }
        return Page();
    }

    public Task<IActionResult> OnPostApproveAsync(int id, int registrationId, CancellationToken ct) =>
        ResultAsync(id, "approve", () => Changed(manage.ApproveAsync(Actor, id, registrationId, ct)), ct);

    public Task<IActionResult> OnPostDeclineAsync(int id, int registrationId, CancellationToken ct) =>
        ResultAsync(id, "decline", () => Changed(manage.DeclineAsync(Actor, id, registrationId, ct)), ct);

    public Task<IActionResult> OnPostMoveAsync(int id, int registrationId, CancellationToken ct) =>
        ResultAsync(id, "move", () => Changed(manage.MoveToWaitlistAsync(Actor, id, registrationId, ct)), ct);

    public Task<IActionResult> OnPostConfirmAsync(int id, int registrationId, CancellationToken ct) =>
        ResultAsync(id, "confirm", () => Changed(manage.ConfirmFromWaitlistAsync(Actor, id, registrationId, ct)), ct);

    public Task<IActionResult> OnPostAttendanceAsync(int id, int[]? attended, CancellationToken ct) =>
        ResultAsync(id, "attendance", () => manage.MarkAttendanceAsync(Actor, id, attended ?? [], ct), ct);

    public Task<IActionResult> OnPostMessageAsync(int id, CancellationToken ct) =>
        ResultAsync(id, "message", () => manage.MessageAsync(Actor, id, Group, Subject, Message, ct), ct);

    private Actor Actor { get; set; } = Actor.Anonymous();

    private static async Task<Outcome<int>> Changed(Task<Outcome<Registration>> change)
    {
        var outcome = await change;
        return outcome.Succeeded ? Outcome<int>.Success(1) : Outcome<int>.Failure(outcome.Problems);
    }

    private async Task<IActionResult> ResultAsync(int id, string done, Func<Task<Outcome<int>>> run, CancellationToken ct)
    {
        Actor = await currentActor.GetAsync(ct);
        var outcome = await run();
        if (outcome.Problems.Any(p => p.Code == "not_found")) return NotFound();
        if (outcome.Problems.Any(p => p.Code == "forbidden")) return Forbid();
        if (outcome.Succeeded)
            return Redirect(Url.Content($"~/admin/events/{id}/registrations?done={done}&count={outcome.Value}"));
        if (await LoadAsync(id, ct) is { } refused) return refused;
        Problems = outcome.Problems;
        return Page();
    }

    /// <returns>Null when the page may be shown; otherwise the answer instead of it.</returns>
    private async Task<IActionResult?> LoadAsync(int id, CancellationToken ct)
    {
        Actor = await currentActor.GetAsync(ct);
        var e = await db.Events.AsNoTracking().Include(x => x.Questions).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (e is null) return NotFound();
        if (!Actor.CanEdit(e)) return Forbid();
        Event = e;
        Questions = e.Questions.OrderBy(q => q.Position).ThenBy(q => q.Id).ToList();
        Registrations = await db.Registrations.AsNoTracking().Where(r => r.EventId == id).ToListAsync(ct);
        return null;
    }
}
