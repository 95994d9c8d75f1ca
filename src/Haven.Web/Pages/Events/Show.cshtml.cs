using Haven.Core.Data;
using Haven.Core.Events;
using Haven.Core.Resources;
using Haven.Core.Shared;
using Haven.Web.Accounts;
using Haven.Web.Events;
using Haven.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Haven.Web.Pages.Events;

/// <summary>An event's public page. The join link and dial-in are never read into it: they go to confirmed
/// registrants by mail only. Registering posts here (limited per client address); a new registration goes on to its
/// private page, and an address that had registered is told its link was mailed to it, never shown the link.</summary>
[EnableRateLimiting(RateLimits.Registration)]
public sealed class ShowModel(HavenDbContext db, IClock clock, RegisterForEvent register, RetentionSettings retention, RegistrationEventCache events) : PageModel
{
    public Event Event { get; private set; } = null!;
    public IReadOnlyList<ZonedTimes> Times { get; private set; } = [];
    public IReadOnlyList<Resource> Prerequisites { get; private set; } = [];
    public IReadOnlyList<Resource> Materials { get; private set; } = [];
    /// <summary>Seats left when the event has a capacity; null otherwise.</summary>
    public int? SeatsLeft { get; private set; }
    public bool IsPast { get; private set; }
    public bool RegistrationClosed { get; private set; }
    public string ContactEmail { get; private set; } = "";
    public string RecordingUrl { get; private set; } = "";

    [BindProperty]
    public RegistrationForm Form { get; set; } = new();
    /// <summary>Whether the form is shown: the event takes registrations now.</summary>
    public bool RegistrationOpen { get; private set; }
    public IReadOnlyList<EventQuestion> Questions { get; private set; } = [];
    public IReadOnlyList<Problem> Problems { get; private set; } = [];
    /// <summary>The address had registered: its registration was mailed to it again.</summary>
    public bool AlreadyRegistered { get; private set; }
    public int RetentionDays => (int)retention.Period.TotalDays;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        var e = await db.Events.AsNoTracking()
            .Include(x => x.Hosts.OrderBy(h => h.Position)).ThenInclude(h => h.Organization)
            .Include(x => x.Speakers.OrderBy(s => s.Position)).ThenInclude(s => s.Person).ThenInclude(p => p.Organization)
            .Include(x => x.Topics)
            .Include(x => x.Prerequisites)
            .Include(x => x.Materials)
            .AsSplitQuery()
            .FirstOrDefaultAsync(x => x.Slug == slug, cancellationToken);
        if (e is null) return NotFound();
        // A draft is seen only by those who may edit it.
        if (e.IsDraft && !(await HttpContext.RequestServices.GetRequiredService<Haven.Web.Accounts.CurrentActor>().GetAsync(cancellationToken)).CanEdit(e))
            return NotFound();
        var now = clock.GetCurrentInstant();
        // Speakers are shown as they were introduced at this event.
        foreach (var s in e.Speakers)
        {
            if (s.Title.Length > 0) s.Person.Title = s.Title;
            if (s.Affiliation.Length > 0) s.Person.Affiliation = s.Affiliation;
        }
        Event = e;
        Times = EventTimes.Of(e);
        Prerequisites = e.Prerequisites.Where(r => r.IsPublicAt(now)).OrderBy(r => r.Title, StringComparer.CurrentCulture).ToList();
        Materials = e.Materials.Where(r => r.IsPublicAt(now)).OrderBy(r => r.Title, StringComparer.CurrentCulture).ToList();
        IsPast = e.IsPast(now);
        if (e.Capacity is { } capacity && e.RegistrationMode != RegistrationMode.None)
        {
            var held = await db.Registrations.CountAsync(r => r.EventId == e.Id && r.Status == RegistrationStatus.Confirmed, cancellationToken);
            SeatsLeft = Math.Max(0, capacity - held);
        }
        RegistrationClosed = IsPast || e.Status is EventStatus.Cancelled or EventStatus.Completed
            || (e.RegistrationDeadline is { } deadline && deadline <= now);
        ContactEmail = ContactAddress.IsValid(e.ContactEmail) ? e.ContactEmail : "";
        var finished = e.Status == EventStatus.Completed || (IsPast && e.Status == EventStatus.Scheduled);
        RecordingUrl = finished && WebAddress.IsValid(e.RecordingUrl) ? e.RecordingUrl : "";
        await LoadRegistrationFormAsync(now, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRegisterAsync(string slug, CancellationToken cancellationToken)
    {
        // Registering needs only the event's row and questions, kept between posts (see RegistrationEventCache); the
        // page around the form (hosts, speakers, resources, seats left: most of a registration's cost when it was loaded
        // first) is loaded only when the form is shown again.
        var e = await events.GetAsync(slug, ct => EventToRegister.For(db)(db, slug, ct), cancellationToken);
        if (e is null)
        {
            // Unknown, or a draft: the page decides who sees it, and registering refuses a draft as unknown.
            var page = await OnGetAsync(slug, cancellationToken);
            if (page is not PageResult) return page;
            e = Event;
        }
        var outcome = await register.RunAsync(e, new RegistrationRequest
        {
            EventId = e.Id,
            Name = Form.Name,
            Email = Form.Email,
            Organization = Form.Organization,
            Language = Form.LanguageOr(InterfaceLanguage.Current),
            InvitationCode = Form.InvitationCode,
            Answers = Form.Answers,
        }, cancellationToken);
        if (!outcome.Succeeded || outcome.Value!.AlreadyRegistered)
        {
            // The page as a GET shows it, so a refused registration redisplays everything around the form.
            var page = await OnGetAsync(slug, cancellationToken);
            if (page is not PageResult) return page;
        }
        if (!outcome.Succeeded)
        {
            Problems = outcome.Problems;
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        var result = outcome.Value!;
        if (result.AlreadyRegistered)
        {
            AlreadyRegistered = true;
            Form = new RegistrationForm();
            return Page();
        }
        Response.Headers.Location = Url.Content("~" + RegistrationLetterWriter.PrivatePath(e, result.PrivateToken));
        return StatusCode(StatusCodes.Status303SeeOther);
    }

    /// <summary>The event as registering needs it (its row and questions), read once for the whole post.</summary>
    private static readonly PerModel<Func<HavenDbContext, string, CancellationToken, Task<Event?>>> EventToRegister =
        new(() => EF.CompileAsyncQuery((HavenDbContext db, string slug, CancellationToken _) =>
            db.Events.AsNoTracking().Include(x => x.Questions).FirstOrDefault(x => x.Slug == slug && !x.IsDraft)));

    /// <summary>The registration form's questions, and whether it is shown at all.</summary>
    private async Task LoadRegistrationFormAsync(Instant now, CancellationToken cancellationToken)
    {
        RegistrationOpen = !Event.IsDraft && RegistrationRules.WhyClosed(Event, now) is null;
        if (!RegistrationOpen) return;
        Questions = await db.Set<EventQuestion>().AsNoTracking().Where(q => q.EventId == Event.Id)
            .OrderBy(q => q.Position).ThenBy(q => q.Id).ToListAsync(cancellationToken);
    }
}
