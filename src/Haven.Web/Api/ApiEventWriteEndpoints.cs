using System.ComponentModel;
using System.Globalization;
using Haven.Core.Data;
using Haven.Core.Events;
using Haven.Core.Shared;
using Haven.Web.Discovery;
using Haven.Web.Events;
using EventForm = Haven.Web.Pages.Admin.Events.EventForm;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using NodaTime;

namespace Haven.Web.Api;

/// <summary>What a client sends to create or change an event: the editor's main fields, with organizations and topics
/// named by their slugs. Speakers, registration questions, prerequisites, materials, the listed time zones, the
/// continuing-education note and the invitation code are the editor's alone: a change through the API keeps them.</summary>
public sealed record EventInput(
    [property: Description("Up to 300 characters.")] string? Title,
    [property: Description("The address (lower-case letters, digits, hyphens); left out, made from the title for a new event and kept on a change.")] string? Slug,
    [property: Description("webinar, teleconference, press-call, training or convening.")] string? Kind,
    [property: Description("scheduled (the default), postponed, cancelled or completed. Registrants are told of a cancellation, postponement or new time.")] string? Status,
    [property: Description("Markdown.")] string? Description,
    [property: Description("Local start in the event's time zone, yyyy-MM-ddTHH:mm.")] string? StartsAt,
    [property: Description("IANA time zone, e.g. America/New_York.")] string? TimeZone,
    [property: Description("Length in minutes.")] int? DurationMinutes,
    [property: Description("Language code: en or es.")] string? Language,
    [property: Description("Interpretation offered, e.g. \"Spanish\".")] string? Interpretation,
    [property: Description("Where questions go.")] string? ContactEmail,
    [property: Description("Hosting organizations' slugs in credit order; the token's organization first (the default for a new event).")] IReadOnlyList<string>? Hosts,
    [property: Description("Topic slugs.")] IReadOnlyList<string>? Topics,
    [property: Description("none, open, approval (or invitation-code, for an event whose code the editor set).")] string? Registration,
    [property: Description("Seats; left out or null for no limit on a new event.")] int? Capacity,
    [property: Description("Local date and time registration closes, yyyy-MM-ddTHH:mm.")] string? RegistrationDeadline,
    [property: Description("How to join (https).")] string? JoinUrl,
    [property: Description("Telephone dial-in.")] string? DialIn,
    [property: Description("The recording (https), once there is one.")] string? RecordingUrl,
    [property: Description("Reminder leads in minutes before the start, e.g. [1440, 60].")] IReadOnlyList<int>? ReminderMinutes,
    [property: Description("A draft is seen only by the organization's editors, takes no registration and sends no mail. Default false.")] bool? Draft);

/// <summary>Where an event stands after a write.</summary>
public sealed record EventWriteResult(
    int Id, string Slug,
    [property: Description("The public page (answers 404 while the event is a draft).")] string Url,
    [property: Description("scheduled, postponed, cancelled or completed.")] string Status,
    bool Draft,
    [property: Description("Send it back as If-Match (\"r<revision>\") to change or cancel.")] int Revision,
    [property: Description("Registrants the change was sent to (a new time, postponement or cancellation).")] int RegistrantsTold);

/// <summary>Events created, changed and cancelled with an organization's API token, through the editor's use case
/// (<see cref="SaveEvent"/>): the same validation, the same letters to registrants when the time or status changes,
/// the same audit entries (naming the token), and the same refusal (audited) for another organization's event.
/// DELETE cancels rather than unpublishes: an event people registered for must tell them, and a cancelled event
/// keeps its page saying so; turning it back into a draft would leave registrants with a dead link and no word.</summary>
public static class ApiEventWriteEndpoints
{
    private const string IfMatchHelp = "\"r<revision>\" from the last write, or the ETag of GET /api/v1/events/{id}.";

    public static void MapEventWrites(this RouteGroupBuilder api)
    {
        api.MapPost("/events", CreateEventAsync).WithName("CreateEvent")
            .WithSummary("Create an event of the token's organization")
            .WithDescription("The editor's fields and validation; the token's organization hosts first. Every problem with the fields is listed at once (422).")
            .Accepts<EventInput>("application/json")
            .Produces<EventWriteResult>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        api.MapPut("/events/{key:int}", ChangeEventAsync).WithName("ChangeEvent")
            .WithSummary("Change an event's fields")
            .WithDescription("Fields given replace the event's; fields left out keep their value (and what only the editor sets stays). If-Match is required (428 without, 412 when stale). A new time, a postponement or a cancellation is sent to every registrant, as from the editor. Events of other organizations get 403.")
            .Accepts<EventInput>("application/json")
            .Produces<EventWriteResult>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status428PreconditionRequired)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        api.MapDelete("/events/{key:int}", CancelEventAsync).WithName("CancelEvent")
            .WithSummary("Cancel an event")
            .WithDescription("The event is cancelled, not deleted: its page stays and says so, and every registrant is told (a draft is simply kept as a cancelled draft). If-Match is required, as for a change.")
            .Produces<EventWriteResult>()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired).ProducesProblem(StatusCodes.Status429TooManyRequests);
    }

    private static async Task<IResult> CreateEventAsync(HttpContext http, HavenDbContext db, SaveEvent save, SiteSettings site, CancellationToken ct)
    {
        var session = ApiTokenFilter.SessionOf(http);
        var (input, refusal) = await ApiWriteEndpoints.InputAsync<EventInput>(http, "event");
        if (input is null) return refusal!;
        var problems = new List<Problem>();
        var blank = new EventFields { Status = EventStatus.Scheduled, RegistrationMode = RegistrationMode.None, HostIds = [session.Token.OrganizationId] };
        var fields = await FieldsAsync(input, blank, db, problems, ct);
        if (problems.Count > 0) return Invalid(problems);
        var outcome = await save.SaveAsync(new EventEdit { Fields = fields, Actor = session.Actor }, ct);
        if (!outcome.Succeeded) return Refused(outcome.Problems);
        var result = Result(outcome.Value!, http, site);
        ApiWriteEndpoints.SetETag(http, result.Revision);
        return Results.Created($"{PageAddress.Root(http.Request, site)}/api/v1/events/{result.Id}", result);
    }

    private static async Task<IResult> ChangeEventAsync([Description("The event's id (a slug names it only for reading).")] int key,
        [FromHeader(Name = "If-Match"), Description(IfMatchHelp)] string? ifMatch,
        HttpContext http, HavenDbContext db, SaveEvent save, IClock clock, SiteSettings site, CancellationToken ct)
    {
        var session = ApiTokenFilter.SessionOf(http);
        var (input, refusal) = await ApiWriteEndpoints.InputAsync<EventInput>(http, "event");
        if (input is null) return refusal!;
        var current = await Current(db).FirstOrDefaultAsync(e => e.Id == key, ct);
        if (current is null) return ApiResults.NotFound("No event has this id.");
        var problems = new List<Problem>();
        var fields = await FieldsAsync(input, EventForm.From(current).ToFields(), db, problems, ct);
        return await WriteAsync(http, db, save, clock, site, session, current, ifMatch, problems, fields, ct);
    }

    private static async Task<IResult> CancelEventAsync([Description("The event's id (a slug names it only for reading).")] int key,
        [FromHeader(Name = "If-Match"), Description(IfMatchHelp)] string? ifMatch,
        HttpContext http, HavenDbContext db, SaveEvent save, IClock clock, SiteSettings site, CancellationToken ct)
    {
        var session = ApiTokenFilter.SessionOf(http);
        var current = await Current(db).FirstOrDefaultAsync(e => e.Id == key, ct);
        if (current is null) return ApiResults.NotFound("No event has this id.");
        var fields = EventForm.From(current).ToFields() with { Status = EventStatus.Cancelled };
        return await WriteAsync(http, db, save, clock, site, session, current, ifMatch, [], fields, ct);
    }

    private static IQueryable<Event> Current(HavenDbContext db) => db.Events.AsNoTracking()
        .Include(e => e.Hosts).Include(e => e.Speakers).Include(e => e.Topics)
        .Include(e => e.Questions).Include(e => e.Prerequisites).Include(e => e.Materials)
        .AsSplitQuery();

    /// <summary>A change to an existing event: refused for other organizations (by the use case, which audits it),
    /// without If-Match (428) or with a stale one (412); then the use case decides.</summary>
    private static async Task<IResult> WriteAsync(HttpContext http, HavenDbContext db, SaveEvent save, IClock clock, SiteSettings site,
        Haven.Core.Api.ApiTokenSession session, Event current, string? ifMatch, List<Problem> inputProblems, EventFields fields, CancellationToken ct)
    {
        var edit = new EventEdit { EventId = current.Id, ExpectedRevision = current.Revision, Fields = fields, Actor = session.Actor };
        if (!session.Actor.CanEdit(current))
            return Refused((await save.SaveAsync(edit, ct)).Problems);
        if (string.IsNullOrWhiteSpace(ifMatch))
            return Results.Problem(statusCode: StatusCodes.Status428PreconditionRequired, title: "If-Match required",
                detail: "Send If-Match with the ETag of the last write (\"r<revision>\") or of GET /api/v1/events/{id}, so a change made meanwhile is never overwritten.");
        if (!await MatchesAsync(ifMatch, current, db, clock, http, site, ct)) return Stale();
        if (inputProblems.Count > 0) return Invalid(inputProblems);
        var outcome = await save.SaveAsync(edit, ct);
        if (!outcome.Succeeded) return Refused(outcome.Problems);
        var result = Result(outcome.Value!, http, site);
        ApiWriteEndpoints.SetETag(http, result.Revision);
        return Results.Ok(result);
    }

    private static async Task<bool> MatchesAsync(string ifMatch, Event current, HavenDbContext db, IClock clock, HttpContext http, SiteSettings site, CancellationToken ct)
    {
        if (!EntityTagHeaderValue.TryParseList(ifMatch.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries), out var tags))
            return false;
        if (tags.Any(t => t.Tag.Value == $"\"r{current.Revision.ToString(CultureInfo.InvariantCulture)}\"")) return true;
        if (current.IsDraft) return false;
        // The ETag a client got from the public GET, built again from the event as it is now.
        var full = await ApiEndpoints.EventsWithDetails(db).FirstAsync(e => e.Id == current.Id, ct);
        var seats = await ApiEndpoints.SeatsLeftAsync(db, [full], ct);
        var etag = ApiResults.ETagOf(ApiEndpoints.EventItem(full, PageAddress.Root(http.Request, site), clock.GetCurrentInstant(), seats, details: true));
        return tags.Any(t => t.Compare(etag, useStrongComparison: false));
    }

    /// <summary>The input laid over <paramref name="start"/> (a new event's defaults, or the event as it is). Values the
    /// API spells its own way (kind, status, registration, slugs) that name nothing are problems here; the rest the
    /// use case checks, beside every other problem.</summary>
    private static async Task<EventFields> FieldsAsync(EventInput input, EventFields start, HavenDbContext db, List<Problem> problems, CancellationToken ct)
    {
        var f = start;
        if (input.Title is not null) f = f with { Title = input.Title };
        if (input.Slug is { Length: > 0 }) f = f with { Slug = input.Slug };
        if (input.Kind is not null)
        {
            if (EventLabels.KindFromParameter(input.Kind.Trim().ToLowerInvariant()) is { } kind) f = f with { Kind = kind };
            else problems.Add(new Problem("invalid", "kind is webinar, teleconference, press-call, training or convening.", "kind"));
        }
        if (input.Status is not null)
        {
            if (StatusOf(input.Status) is { } status) f = f with { Status = status };
            else problems.Add(new Problem("invalid", "status is scheduled, postponed, cancelled or completed.", "status"));
        }
        if (input.Registration is not null)
        {
            if (ModeOf(input.Registration) is { } mode) f = f with { RegistrationMode = mode };
            else problems.Add(new Problem("invalid", "registration is none, open, approval or invitation-code.", "registration"));
        }
        if (input.Description is not null) f = f with { Description = input.Description };
        if (input.StartsAt is not null) f = f with { StartsAt = input.StartsAt };
        if (input.TimeZone is not null) f = f with { TimeZoneId = input.TimeZone };
        if (input.DurationMinutes is { } minutes) f = f with { DurationMinutes = minutes.ToString(CultureInfo.InvariantCulture) };
        if (input.Language is not null) f = f with { Language = input.Language };
        if (input.Interpretation is not null) f = f with { Interpretation = input.Interpretation };
        if (input.ContactEmail is not null) f = f with { ContactEmail = input.ContactEmail };
        if (input.Capacity is { } seats) f = f with { Capacity = seats.ToString(CultureInfo.InvariantCulture) };
        if (input.RegistrationDeadline is not null) f = f with { RegistrationDeadline = input.RegistrationDeadline };
        if (input.JoinUrl is not null) f = f with { JoinUrl = input.JoinUrl };
        if (input.DialIn is not null) f = f with { DialIn = input.DialIn };
        if (input.RecordingUrl is not null) f = f with { RecordingUrl = input.RecordingUrl };
        if (input.ReminderMinutes is not null)
            f = f with { ReminderMinutes = string.Join(",", input.ReminderMinutes.Select(m => m.ToString(CultureInfo.InvariantCulture))) };
        if (input.Draft is { } draft) f = f with { IsDraft = draft };
        if (input.Hosts is { Count: > 0 })
        {
            var slugs = input.Hosts.Select(s => s?.Trim() ?? "").ToList();
            var found = await db.Organizations.AsNoTracking().Where(o => slugs.Contains(o.Slug)).ToDictionaryAsync(o => o.Slug, o => o.Id, StringComparer.Ordinal, ct);
            foreach (var missing in slugs.Where(s => !found.ContainsKey(s)))
                problems.Add(new Problem("unknown", "No organization has the address \"{0}\".", "hosts", missing));
            f = f with { HostIds = slugs.Where(found.ContainsKey).Select(s => found[s]).ToList() };
        }
        if (input.Topics is not null)
        {
            var slugs = input.Topics.Select(s => s?.Trim() ?? "").ToList();
            var found = await db.Topics.AsNoTracking().Where(t => slugs.Contains(t.Slug)).ToDictionaryAsync(t => t.Slug, t => t.Id, StringComparer.Ordinal, ct);
            foreach (var missing in slugs.Where(s => !found.ContainsKey(s)))
                problems.Add(new Problem("unknown", "No topic has the address \"{0}\".", "topics", missing));
            f = f with { TopicIds = slugs.Where(found.ContainsKey).Select(s => found[s]).ToList() };
        }
        // Nothing typed in the API's input is checked twice: the use case's own rules run on the whole, so that a
        // 422 lists the API's problems and the editor's together.
        if (problems.Count > 0) problems.AddRange(f.Cleaned().Problems());
        return f;
    }

    private static EventStatus? StatusOf(string value) => value.Trim().ToLowerInvariant() switch
    {
        "scheduled" => EventStatus.Scheduled,
        "postponed" => EventStatus.Postponed,
        "cancelled" or "canceled" => EventStatus.Cancelled,
        "completed" => EventStatus.Completed,
        _ => null,
    };

    private static RegistrationMode? ModeOf(string value) => value.Trim().ToLowerInvariant() switch
    {
        "none" => RegistrationMode.None,
        "open" => RegistrationMode.Open,
        "approval" => RegistrationMode.Approval,
        "invitation-code" => RegistrationMode.InvitationCode,
        _ => null,
    };

    private static EventWriteResult Result(EventSaved saved, HttpContext http, SiteSettings site) =>
        new(saved.Event.Id, saved.Event.Slug, PageAddress.Root(http.Request, site) + $"/events/{saved.Event.Slug}",
            saved.Event.Status.ToString().ToLowerInvariant(), saved.Event.IsDraft, saved.Event.Revision, saved.Told);

    private static IResult Refused(IReadOnlyList<Problem> problems)
    {
        if (problems.Any(p => p.Code == "forbidden"))
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
                detail: "This event belongs to another organization: a token writes only its own organization's events.");
        if (problems.Any(p => p.Code == "not_found")) return ApiResults.NotFound("No event has this id.");
        if (problems.Any(p => p.Code == "edited_meanwhile")) return Stale();
        return Invalid(problems);
    }

    private static IResult Stale() =>
        Results.Problem(statusCode: StatusCodes.Status412PreconditionFailed, title: "Changed meanwhile",
            detail: "The event changed since the version If-Match names: get it again, and apply your change to the current version.");

    /// <summary>The use case names the editor's fields; the API names its own.</summary>
    private static IResult Invalid(IEnumerable<Problem> problems) =>
        ApiWriteEndpoints.Invalid(problems.DistinctBy(p => (p.Code, p.Field, p.Message)).Select(p => p with
        {
            Field = p.Field switch
            {
                nameof(EventFields.HostIds) => "hosts",
                nameof(EventFields.TopicIds) => "topics",
                nameof(EventFields.TimeZoneId) => "timeZone",
                nameof(EventFields.IsDraft) => "draft",
                nameof(EventFields.RegistrationMode) => "registration",
                _ => p.Field,
            },
        }).ToList());
}
