using System.Globalization;
using Haven.Core.Accounts;
using Haven.Core.Audit;
using Haven.Core.Data;
using Haven.Core.Shared;
using Haven.Core.Text;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Haven.Core.Events;

/// <summary>One submission of the event editor: the fields as typed, which event and revision they edit, and who saves.</summary>
public sealed record EventEdit
{
    /// <summary>Null to create an event.</summary>
    public int? EventId { get; init; }
    /// <summary>The revision the host loaded; if the event has moved on since, the save is refused instead of overwriting.</summary>
    public int ExpectedRevision { get; init; }
    public required EventFields Fields { get; init; }
    public required Actor Actor { get; init; }
}

/// <summary>A saved event and who was told of it: registrants sent a change, cancellation or recording notice, and
/// those the waitlist promoted into new seats.</summary>
public sealed record EventSaved(Event Event, int Told, LetterKind? ToldOf, int Promoted);

/// <summary>Creates or updates an event from the editor: checks every field, and writes the event and its audit entry in
/// one transaction; on any problem nothing is written and every problem is reported at once. A change to the start,
/// length, zone or status raises the calendar SEQUENCE, so registrants' calendars take the new version, and tells
/// registrants in the same transaction, under the event's seat lock: a cancellation or a new time (or postponement)
/// to every active registrant, a recording of an event that is over to those with a seat; more seats promote the
/// waitlist. A draft tells nobody.</summary>
public sealed class SaveEvent(HavenDbContext db, MarkdownRenderer markdown, IClock clock, AuditLog audit, RegistrationMail mail, CancelRegistration cancel)
{
    public async Task<Outcome<Event>> RunAsync(EventEdit edit, CancellationToken cancellationToken = default)
    {
        var outcome = await SaveAsync(edit, cancellationToken);
        return outcome.Succeeded ? Outcome<Event>.Success(outcome.Value!.Event) : Outcome<Event>.Failure(outcome.Problems);
    }

    /// <summary>Saves, and says who was told.</summary>
    public async Task<Outcome<EventSaved>> SaveAsync(EventEdit edit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(edit);
        var now = clock.GetCurrentInstant();
        Event? e = null;
        object? before = null;
        var problems = new List<Problem>();
        if (edit.EventId is { } id)
        {
            e = await db.Events.Include(x => x.Hosts).Include(x => x.Speakers).Include(x => x.Topics)
                .Include(x => x.Questions).Include(x => x.Prerequisites).Include(x => x.Materials)
                .AsSplitQuery().FirstOrDefaultAsync(x => x.Id == id, cancellationToken);
            if (e is null) return Outcome<EventSaved>.Failure(new Problem("not_found", "This event no longer exists."));
            if (!edit.Actor.CanEdit(e))
            {
                // A crafted form, or a role taken away meanwhile: refuse, change nothing, and leave a trace.
                await audit.WriteNowAsync(edit.Actor, AuditActions.EventEditRefused, "event", e.Id.ToString(CultureInfo.InvariantCulture),
                    e.OwnerOrganizationId, $"Refused an edit of \u201c{e.Title}\u201d", cancellationToken: cancellationToken);
                return Outcome<EventSaved>.Failure(new Problem("forbidden", "Only editors of the organization this event belongs to can change it."));
            }
            before = AuditView(e);
            if (e.Revision != edit.ExpectedRevision) problems.Add(new Problem("edited_meanwhile",
                "Someone else saved this event while you were editing. Your changes are still in the form: compare them with the current version before saving again."));
        }

        var f = edit.Fields.Cleaned();
        problems.AddRange(f.Problems());

        string? slug = null;
        if (!problems.Any(p => p.Field == nameof(f.Slug)))
        {
            var selfId = e?.Id ?? 0;
            slug = await UniqueSlug.ChooseAsync(f.Slug, f.Title!, "event", db.Events.Where(x => x.Id != selfId).Select(x => x.Slug),
                new Problem("slug_taken", "Another event already uses this address.", nameof(f.Slug)), problems, cancellationToken);
        }

        var hostIds = f.HostIds.ToList();
        var organizations = await db.Organizations.Where(o => hostIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, cancellationToken);
        if (organizations.Count != hostIds.Count) problems.Add(new Problem("unknown", "One of the chosen organizations does not exist.", nameof(f.HostIds)));
        // A new event belongs to the organization hosting first, which must be one the actor edits for.
        if (e is null && hostIds.Count > 0 && !edit.Actor.EditsFor(hostIds[0]))
            problems.Add(new Problem("not_your_organization", "List your own organization first: an event belongs to the organization hosting first.", nameof(f.HostIds)));

        var personIds = f.Speakers.Select(s => s.PersonId).Distinct().ToList();
        var people = await db.People.Where(p => personIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
        if (people.Count != personIds.Count) problems.Add(new Problem("unknown", "One of the chosen speakers does not exist.", nameof(f.Speakers)));
        var topics = await db.Topics.Where(t => f.TopicIds.Contains(t.Id)).ToListAsync(cancellationToken);
        if (topics.Count != f.TopicIds.Count) problems.Add(new Problem("unknown", "One of the chosen topics does not exist.", nameof(f.TopicIds)));

        if (f.RegistrationMode == RegistrationMode.InvitationCode && f.InvitationCode!.Length == 0 && e?.InvitationCodeHash is null)
            problems.Add(new Problem("required", "Choose the invitation code people will need to register.", nameof(f.InvitationCode)));

        // Question ids must be this event's own: answers are stored by id, so a row may not adopt another's.
        var ownQuestionIds = e?.Questions.Select(q => q.Id).ToHashSet() ?? [];
        if (f.Questions.Any(q => q.Id is { } qid && !ownQuestionIds.Contains(qid)))
            problems.Add(new Problem("unknown_question", "One of the questions no longer exists: reload the editor and try again.", nameof(f.Questions)));

        var prerequisiteSlugs = f.PrerequisiteSlugs().Where(Slug.IsValid).ToList();
        var materialSlugs = f.MaterialSlugs().Where(Slug.IsValid).ToList();
        var wanted = prerequisiteSlugs.Concat(materialSlugs).Distinct().ToList();
        var resources = await db.Resources.Where(r => wanted.Contains(r.Slug)).ToListAsync(cancellationToken);
        foreach (var missing in prerequisiteSlugs.Where(s => !resources.Any(r => r.Slug == s && r.IsPublicAt(now))))
            problems.Add(new Problem("unknown_prerequisite", "No published resource has the address \"{0}\".", nameof(f.Prerequisites), missing));
        foreach (var missing in materialSlugs.Where(s => !resources.Any(r => r.Slug == s && r.IsPublicAt(now))))
            problems.Add(new Problem("unknown_prerequisite", "No published resource has the address \"{0}\".", nameof(f.Materials), missing));

        if (problems.Count > 0) return Outcome<EventSaved>.Failure(problems);

        var isNew = e is null;
        var start = f.Start()!.Value;
        var duration = f.Duration()!.Value;
        e ??= new Event { Slug = slug!, Title = f.Title!, TimeZoneId = f.TimeZoneId!, CreatedAt = now, OwnerOrganizationId = hostIds[0], StartsAt = start };
        // Registrants are told of a new time, length or status: their calendars need a higher SEQUENCE to take it.
        var timeOrStatusChanged = !isNew && (e.StartsAt != start || e.DurationMinutes != duration || e.TimeZoneId != f.TimeZoneId || e.Status != f.Status);
        if (timeOrStatusChanged) e.CalendarSequence++;
        var (oldStatus, oldRecording, oldCapacity) = (e.Status, e.RecordingUrl, e.Capacity);
        var oldMaterials = e.Materials.Select(r => r.Id).ToHashSet();
        e.Slug = slug!;
        e.Title = f.Title!;
        e.Kind = f.Kind;
        e.Status = f.Status;
        e.DescriptionMarkdown = f.Description!;
        e.DescriptionHtml = markdown.ToHtml(f.Description!);
        e.StartsAt = start;
        e.TimeZoneId = f.TimeZoneId!;
        e.DurationMinutes = duration;
        e.ListedZoneIds = f.ListedZoneIds!;
        e.Language = f.Language!;
        e.Interpretation = f.Interpretation!;
        e.ContinuingEducationNote = f.ContinuingEducationNote!;
        e.ContactEmail = f.ContactEmail!;
        e.RegistrationMode = f.RegistrationMode;
        e.Capacity = f.Capacity!.Length == 0 ? null : f.Seats();
        e.RegistrationDeadline = f.RegistrationDeadline!.Length == 0 ? null : f.Deadline();
        if (f.InvitationCode!.Length > 0) e.InvitationCodeHash = RegistrationRules.HashCode(f.InvitationCode);
        e.JoinUrl = f.JoinUrl!;
        e.DialIn = f.DialIn!;
        e.RecordingUrl = f.RecordingUrl!;
        e.ReminderMinutes = f.ReminderMinutes!;
        e.IsDraft = f.IsDraft;
        if (!e.IsDraft) e.PublishedAt ??= now;
        e.UpdatedAt = now;

        // Hosts are keyed by (event, organization): keep the rows that stay, so none is deleted and added back.
        e.Hosts.RemoveAll(h => !hostIds.Contains(h.OrganizationId));
        for (var i = 0; i < hostIds.Count; i++)
        {
            var host = e.Hosts.FirstOrDefault(h => h.OrganizationId == hostIds[i]);
            if (host is null) e.Hosts.Add(host = new EventHost { OrganizationId = hostIds[i], Organization = organizations[hostIds[i]] });
            host.Position = i;
        }
        e.Speakers.Clear();
        for (var i = 0; i < f.Speakers.Count; i++)
        {
            var s = f.Speakers[i];
            e.Speakers.Add(new EventSpeaker { PersonId = s.PersonId, Person = people[s.PersonId], Role = s.Role, Title = s.Title!, Affiliation = s.Affiliation!, Position = i });
        }
        e.Topics.Clear();
        e.Topics.AddRange(topics);
        // Questions are updated in place, so a question keeps its id and the answers given to it.
        var keptIds = f.Questions.Where(q => q.Id is not null).Select(q => q.Id!.Value).ToHashSet();
        e.Questions.RemoveAll(q => !keptIds.Contains(q.Id));
        for (var i = 0; i < f.Questions.Count; i++)
        {
            var q = f.Questions[i];
            var question = q.Id is { } qid ? e.Questions.First(x => x.Id == qid) : null;
            if (question is null) e.Questions.Add(question = new EventQuestion { Label = q.Label! });
            question.Kind = q.Kind;
            question.Label = q.Label!;
            question.Options = q.Options!;
            question.Required = q.Required;
            question.Position = i;
        }
        e.Prerequisites.Clear();
        e.Prerequisites.AddRange(prerequisiteSlugs.Select(s => resources.First(r => r.Slug == s)));
        e.Materials.Clear();
        e.Materials.AddRange(materialSlugs.Select(s => resources.First(r => r.Slug == s)));
        var newMaterials = e.Materials.Any(r => !oldMaterials.Contains(r.Id));
        e.Revision++;
        if (isNew) db.Events.Add(e);

        var (told, toldOf, promoted) = (0, (LetterKind?)null, 0);
        // Seats and the list of registrants hold still while they are told.
        await using var transaction = isNew
            ? await EventLock.BeginWithoutLockAsync(db, cancellationToken)
            : await EventLock.BeginAsync(db, e.Id, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            if (!isNew && !e.IsDraft)
            {
                (told, toldOf) = await TellRegistrantsAsync(e, timeOrStatusChanged, oldStatus, oldRecording, newMaterials, now, cancellationToken);
                var moreSeats = oldCapacity is { } was && (e.Capacity is null || e.Capacity > was);
                if (moreSeats && e.Status is EventStatus.Scheduled or EventStatus.Postponed && !e.IsPast(now))
                    promoted = (await cancel.PromoteLockedAsync(e, now, cancellationToken)).Count;
            }
            audit.Add(edit.Actor, isNew ? AuditActions.EventCreated : AuditActions.EventSaved, "event", e.Id.ToString(CultureInfo.InvariantCulture),
                e.OwnerOrganizationId, $"{(isNew ? "Created" : "Saved")} event \u201c{e.Title}\u201d", before, AuditView(e));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            return Outcome<EventSaved>.Failure(new Problem("edited_meanwhile",
                "Someone else saved this event while you were editing. Your changes are still in the form: compare them with the current version before saving again."));
        }
        catch (DbUpdateException)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            // Two hosts chose the same address at the same moment, and the unique index caught it; anything else is a bug.
            var selfId = isNew ? 0 : e.Id;
            if (!await db.Events.AnyAsync(x => x.Slug == slug && x.Id != selfId, CancellationToken.None)) throw;
            return Outcome<EventSaved>.Failure(new Problem("slug_taken", "Another event already uses this address.", nameof(f.Slug)));
        }
        return Outcome<EventSaved>.Success(new EventSaved(e, told, toldOf, promoted));
    }

    /// <summary>Queues the letters a saved change calls for (the caller holds the lock and saves): a cancellation, or
    /// a new time or status, to every active registrant; a new recording or new materials of an event that is over
    /// to those with a seat. Registrants are loaded in one query however many there are.</summary>
    private async Task<(int Told, LetterKind? Kind)> TellRegistrantsAsync(Event e, bool timeOrStatusChanged, EventStatus oldStatus,
        string oldRecording, bool newMaterials, Instant now, CancellationToken cancellationToken)
    {
        LetterKind? kind = null;
        if (timeOrStatusChanged)
        {
            if (e.Status == EventStatus.Cancelled) kind = oldStatus == EventStatus.Cancelled ? null : LetterKind.EventCancelled;
            else if (e.Status != EventStatus.Completed) kind = LetterKind.EventChanged;
        }
        var over = e.Status == EventStatus.Completed || (e.Status != EventStatus.Cancelled && e.IsPast(now));
        var newRecording = e.RecordingUrl.Length > 0 && e.RecordingUrl != oldRecording;
        if (kind is null && over && (newRecording || newMaterials)) kind = LetterKind.RecordingAvailable;
        if (kind is not { } letter) return (0, null);

        var registrants = db.Registrations.Where(r => r.EventId == e.Id && r.ErasedAt == null);
        registrants = letter == LetterKind.RecordingAvailable
            ? registrants.Where(r => r.Status == RegistrationStatus.Confirmed)
            : registrants.Where(r => r.Status == RegistrationStatus.Confirmed || r.Status == RegistrationStatus.PendingApproval || r.Status == RegistrationStatus.Waitlisted);
        var list = await registrants.OrderBy(r => r.Id).ToListAsync(cancellationToken);
        var told = 0;
        foreach (var registration in list.Where(r => r.Email.Length > 0))
        {
            mail.Send(e, registration, letter);
            told++;
        }
        await db.SaveChangesAsync(cancellationToken);
        return (told, letter);
    }

    /// <summary>What the audit log keeps of an event: everything but the invitation code's hash (only whether there is one).</summary>
    private static object AuditView(Event e) => new
    {
        e.Slug, e.Title, Kind = e.Kind.ToString(), Status = e.Status.ToString(), e.DescriptionMarkdown,
        StartsAt = e.StartsAt.ToString(), e.TimeZoneId, e.DurationMinutes, e.ListedZoneIds, e.Language, e.Interpretation,
        e.ContinuingEducationNote, e.ContactEmail, RegistrationMode = e.RegistrationMode.ToString(), e.Capacity,
        RegistrationDeadline = e.RegistrationDeadline?.ToString(), HasInvitationCode = e.InvitationCodeHash is not null,
        e.JoinUrl, e.DialIn, e.RecordingUrl, e.CalendarSequence, e.OwnerOrganizationId,
        Hosts = e.Hosts.OrderBy(h => h.Position).Select(h => h.OrganizationId).ToList(),
        Speakers = e.Speakers.OrderBy(s => s.Position).Select(s => new { s.PersonId, Role = s.Role.ToString(), s.Title, s.Affiliation }).ToList(),
        Topics = e.Topics.Select(t => t.Id).Order().ToList(),
        Questions = e.Questions.OrderBy(q => q.Position).Select(q => new { q.Id, Kind = q.Kind.ToString(), q.Label, q.Options, q.Required }).ToList(),
        Prerequisites = e.Prerequisites.Select(r => r.Slug).Order(StringComparer.Ordinal).ToList(),
        Materials = e.Materials.Select(r => r.Slug).Order(StringComparer.Ordinal).ToList(),
        e.ReminderMinutes, e.IsDraft,
    };
}
