using System.Globalization;
using Haven.Core.Accounts;
using Haven.Core.Audit;
using Haven.Core.Data;
using Haven.Core.Shared;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Haven.Core.Events;

/// <summary>Who a host's message goes to.</summary>
public enum RegistrantGroup
{
    Confirmed,
    Waitlisted,
    PendingApproval,
    /// <summary>Everyone still coming: confirmed, waitlisted and waiting for approval.</summary>
    AllActive,
}

/// <summary>An event's registrations as a spreadsheet, ready to download.</summary>
public sealed record RegistrationsExport(string FileName, byte[] Content, int Count);

/// <summary>The hosts' side of registration: approve, decline, move to the waitlist, confirm from it, mark attendance,
/// message registrants and export them. Only editors of the organization that owns the event (and administrators) may;
/// anyone else is refused and the refusal audited. Every change to seats happens under the event's lock, in one
/// transaction with the letters it queues (each with a fresh private link), any promotion it causes and its audit
/// entry. A registration id that is not the event's, or whose personal data was erased, is a problem and nothing
/// changes. Audit entries name registrations by id only, so the log keeps no personal data past the retention period.</summary>
public sealed class ManageRegistrations(HavenDbContext db, IClock clock, RegistrationMail mail, CancelRegistration cancel, AuditLog audit)
{
    public const int SubjectMaxLength = 200;
    public const int MessageMaxLength = 5000;

    private static readonly Problem NotFound = new Problem("not_found", "This event does not exist.");
    private static readonly Problem Forbidden = new Problem("forbidden", "Only editors of the organization this event belongs to can manage its registrations.");
    private static readonly Problem NotTheEvents = new Problem("unknown_registration", "That registration is not one of this event's.");
    private static readonly Problem Erased = new Problem("erased", "This registration's personal data was erased: it can no longer be changed.");

    /// <summary>Approves a registration waiting for approval: it gets a seat if one is free, a place at the back of
    /// the waitlist otherwise, and a letter saying which.</summary>
    public Task<Outcome<Registration>> ApproveAsync(Actor actor, int eventId, int registrationId, CancellationToken cancellationToken = default) =>
        ChangeOneAsync(actor, eventId, registrationId, "approve", async (e, r, now) =>
        {
            if (r.Status != RegistrationStatus.PendingApproval)
                return [new Problem("not_pending", "This registration is not waiting for approval.")];
            var held = await SeatsHeldAsync(e.Id, cancellationToken);
            r.Status = RegistrationRules.StatusOnApproval(e, held);
            // An approval that finds no seat joins the line now, behind those already waiting.
            if (r.Status == RegistrationStatus.Waitlisted) r.QueuedAt = now;
            mail.Send(e, r, r.Status == RegistrationStatus.Confirmed ? LetterKind.Confirmed : LetterKind.Waitlisted);
            await db.SaveChangesAsync(cancellationToken);
            Audit(actor, AuditActions.RegistrationApproved, e, r, $"Approved registration {r.Id} for \u201c{e.Title}\u201d: {r.Status}");
            return [];
        }, cancellationToken);

    /// <summary>Declines a registration that is still active; a seat it held goes to the first person waiting.</summary>
    public Task<Outcome<Registration>> DeclineAsync(Actor actor, int eventId, int registrationId, CancellationToken cancellationToken = default) =>
        ChangeOneAsync(actor, eventId, registrationId, "decline", async (e, r, now) =>
        {
            if (!r.IsActive) return [new Problem("not_active", "This registration was already cancelled or declined.")];
            var before = r.Status;
            r.Status = RegistrationStatus.Declined;
            mail.Send(e, r, LetterKind.Declined);
            await db.SaveChangesAsync(cancellationToken);
            var promoted = await cancel.PromoteLockedAsync(e, now, cancellationToken);
            Audit(actor, AuditActions.RegistrationDeclined, e, r, $"Declined registration {r.Id} ({before}) for \u201c{e.Title}\u201d" + Promoted(promoted),
                new { Status = before.ToString() }, new { Status = r.Status.ToString(), Promoted = promoted.Select(p => p.Id).ToList() });
            return [];
        }, cancellationToken);

    /// <summary>Moves a confirmed registrant to the back of the waitlist; their seat goes to the first person who was
    /// already waiting (never straight back to them).</summary>
    public Task<Outcome<Registration>> MoveToWaitlistAsync(Actor actor, int eventId, int registrationId, CancellationToken cancellationToken = default) =>
        ChangeOneAsync(actor, eventId, registrationId, "move to the waitlist", async (e, r, now) =>
        {
            if (r.Status != RegistrationStatus.Confirmed) return [new Problem("not_confirmed", "Only a confirmed registration can be moved to the waitlist.")];
            r.Status = RegistrationStatus.Waitlisted;
            r.QueuedAt = now;
            mail.Send(e, r, LetterKind.MovedToWaitlist);
            await db.SaveChangesAsync(cancellationToken);
            var promoted = await cancel.PromoteLockedAsync(e, now, cancellationToken, except: r.Id);
            Audit(actor, AuditActions.RegistrationMoved, e, r, $"Moved registration {r.Id} for \u201c{e.Title}\u201d to the waitlist" + Promoted(promoted),
                new { Status = nameof(RegistrationStatus.Confirmed) }, new { Status = r.Status.ToString(), Promoted = promoted.Select(p => p.Id).ToList() });
            return [];
        }, cancellationToken);

    /// <summary>Gives a waitlisted registrant a seat, out of turn if the host wishes, but only a free one.</summary>
    public Task<Outcome<Registration>> ConfirmFromWaitlistAsync(Actor actor, int eventId, int registrationId, CancellationToken cancellationToken = default) =>
        ChangeOneAsync(actor, eventId, registrationId, "confirm", async (e, r, now) =>
        {
            if (r.Status != RegistrationStatus.Waitlisted) return [new Problem("not_waitlisted", "This registration is not on the waitlist.")];
            if (!RegistrationRules.HasSeat(e, await SeatsHeldAsync(e.Id, cancellationToken)))
                return [new Problem("full", "All seats are taken: raise the capacity or move someone to the waitlist first.")];
            r.Status = RegistrationStatus.Confirmed;
            mail.Send(e, r, LetterKind.Confirmed);
            await db.SaveChangesAsync(cancellationToken);
            Audit(actor, AuditActions.RegistrationMoved, e, r, $"Confirmed registration {r.Id} for \u201c{e.Title}\u201d from the waitlist",
                new { Status = nameof(RegistrationStatus.Waitlisted) }, new { Status = r.Status.ToString() });
            return [];
        }, cancellationToken);

    /// <summary>Records who came: the confirmed registrations in <paramref name="attendedIds"/> attended, the other
    /// confirmed ones did not. Erased registrations keep what they had. No mail.</summary>
    /// <returns>How many are now marked as attended.</returns>
    public async Task<Outcome<int>> MarkAttendanceAsync(Actor actor, int eventId, IReadOnlyCollection<int> attendedIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attendedIds);
        var wanted = attendedIds.ToHashSet();
        var count = 0;
        var outcome = await InTransactionAsync(actor, eventId, "mark attendance", async (e, now) =>
        {
            var registrations = await db.Registrations.Where(r => r.EventId == e.Id).ToListAsync(cancellationToken);
            var byId = registrations.ToDictionary(r => r.Id);
            if (wanted.Any(id => !byId.ContainsKey(id))) return [NotTheEvents];
            var problems = new List<Problem>();
            if (wanted.Any(id => byId[id].ErasedAt is not null)) problems.Add(Erased);
            if (wanted.Any(id => byId[id].Status != RegistrationStatus.Confirmed))
                problems.Add(new Problem("not_confirmed", "Only confirmed registrations can be marked as attended."));
            if (problems.Count > 0) return problems;
            var changed = new List<int>();
            foreach (var r in registrations.Where(r => r.Status == RegistrationStatus.Confirmed && r.ErasedAt is null))
            {
                var attended = wanted.Contains(r.Id);
                if (r.Attended == attended) continue;
                r.Attended = attended;
                r.UpdatedAt = now;
                changed.Add(r.Id);
            }
            count = registrations.Count(r => r.Attended && r.Status == RegistrationStatus.Confirmed);
            audit.Add(actor, AuditActions.AttendanceMarked, "event", Id(e.Id), e.OwnerOrganizationId,
                $"Marked attendance for \u201c{e.Title}\u201d: {count} attended", null, new { Attended = wanted.Order().ToList(), Changed = changed });
            return [];
        }, cancellationToken);
        return outcome.Count > 0 ? Outcome<int>.Failure(outcome) : Outcome<int>.Success(count);
    }

    /// <summary>Mails the host's message to a group of registrants, each letter with its own private link.</summary>
    /// <returns>How many were written to (erased registrations get nothing).</returns>
    public async Task<Outcome<int>> MessageAsync(Actor actor, int eventId, RegistrantGroup group, string? subject, string? message, CancellationToken cancellationToken = default)
    {
        subject = (subject ?? "").Trim();
        message = (message ?? "").Trim();
        var problems = new List<Problem>();
        if (!Enum.IsDefined(group)) problems.Add(new Problem("unknown", "Choose who the message goes to.", "Group"));
        if (subject.Length == 0) problems.Add(new Problem("required", "Write a subject.", "Subject"));
        else if (subject.Length > SubjectMaxLength) problems.Add(new Problem("too_long", "Keep this under {0} characters.", "Subject", SubjectMaxLength));
        if (message.Length == 0) problems.Add(new Problem("required", "Write the message.", "Message"));
        else if (message.Length > MessageMaxLength) problems.Add(new Problem("too_long", "Keep this under {0} characters.", "Message", MessageMaxLength));
        if (problems.Count > 0)
        {
            // Permission first: a stranger learns nothing from the validation.
            var refusal = await RefusalAsync(actor, eventId, "message registrants", cancellationToken);
            return Outcome<int>.Failure(refusal is null ? problems : [refusal]);
        }

        var count = 0;
        var outcome = await InTransactionAsync(actor, eventId, "message registrants", async (e, now) =>
        {
            var statuses = StatusesOf(group);
            var recipients = await db.Registrations
                .Where(r => r.EventId == e.Id && statuses.Contains(r.Status) && r.ErasedAt == null)
                .OrderBy(r => r.Id).ToListAsync(cancellationToken);
            foreach (var r in recipients) mail.Send(e, r, LetterKind.HostMessage, subject, message);
            count = recipients.Count;
            audit.Add(actor, AuditActions.RegistrantsMessaged, "event", Id(e.Id), e.OwnerOrganizationId,
                $"Messaged {count} registrants ({group}) of \u201c{e.Title}\u201d", null, new { Group = group.ToString(), Count = count, Subject = subject });
            return [];
        }, cancellationToken);
        return outcome.Count > 0 ? Outcome<int>.Failure(outcome) : Outcome<int>.Success(count);
    }

    /// <summary>The event's registrations as CSV (see <see cref="RegistrationsCsv"/>), in the order they registered;
    /// the export is audited with its count, since it carries personal data out of the site.</summary>
    public async Task<Outcome<RegistrationsExport>> ExportAsync(Actor actor, int eventId, Func<string, string>? translate = null, CancellationToken cancellationToken = default)
    {
        if (await RefusalAsync(actor, eventId, "export registrations", cancellationToken) is { } refusal) return Outcome<RegistrationsExport>.Failure(refusal);
        var e = await db.Events.AsNoTracking().Include(x => x.Questions).FirstAsync(x => x.Id == eventId, cancellationToken);
        var registrations = await db.Registrations.AsNoTracking().Where(r => r.EventId == eventId)
            .OrderBy(r => r.CreatedAt).ThenBy(r => r.Id).ToListAsync(cancellationToken);
        var content = RegistrationsCsv.Write(e, e.Questions, registrations, translate);
        await audit.WriteNowAsync(actor, AuditActions.RegistrationsExported, "event", Id(e.Id), e.OwnerOrganizationId,
            $"Exported {registrations.Count} registrations of \u201c{e.Title}\u201d", null, new { Count = registrations.Count }, cancellationToken);
        return Outcome<RegistrationsExport>.Success(new RegistrationsExport(RegistrationsCsv.FileName(e), content, registrations.Count));
    }

    /// <summary>The statuses a group covers.</summary>
    public static IReadOnlyList<RegistrationStatus> StatusesOf(RegistrantGroup group) => group switch
    {
        RegistrantGroup.Confirmed => [RegistrationStatus.Confirmed],
        RegistrantGroup.Waitlisted => [RegistrationStatus.Waitlisted],
        RegistrantGroup.PendingApproval => [RegistrationStatus.PendingApproval],
        _ => [RegistrationStatus.Confirmed, RegistrationStatus.Waitlisted, RegistrationStatus.PendingApproval],
    };

    /// <summary>What a host may do with a registration in this status (and not erased): the pure rule the page's
    /// buttons follow and the use case enforces.</summary>
    public static IReadOnlyList<RegistrationAction> ActionsFor(Registration r)
    {
        ArgumentNullException.ThrowIfNull(r);
        if (r.ErasedAt is not null) return [];
        return r.Status switch
        {
            RegistrationStatus.PendingApproval => [RegistrationAction.Approve, RegistrationAction.Decline],
            RegistrationStatus.Confirmed => [RegistrationAction.MoveToWaitlist, RegistrationAction.Decline],
            RegistrationStatus.Waitlisted => [RegistrationAction.Confirm, RegistrationAction.Decline],
            _ => [],
        };
    }

    private Task<int> SeatsHeldAsync(int eventId, CancellationToken cancellationToken) =>
        db.Registrations.CountAsync(r => r.EventId == eventId && r.Status == RegistrationStatus.Confirmed, cancellationToken);

    private async Task<Outcome<Registration>> ChangeOneAsync(Actor actor, int eventId, int registrationId, string what,
        Func<Event, Registration, Instant, Task<List<Problem>>> change, CancellationToken cancellationToken)
    {
        Registration? changed = null;
        var problems = await InTransactionAsync(actor, eventId, what, async (e, now) =>
        {
            var r = await db.Registrations.FirstOrDefaultAsync(x => x.Id == registrationId && x.EventId == e.Id, cancellationToken);
            if (r is null) return [NotTheEvents];
            if (r.ErasedAt is not null) return [Erased];
            var result = await change(e, r, now);
            if (result.Count == 0)
            {
                r.UpdatedAt = now;
                changed = r;
            }
            return result;
        }, cancellationToken);
        return problems.Count > 0 ? Outcome<Registration>.Failure(problems) : Outcome<Registration>.Success(changed!);
    }

    /// <summary>Checks the actor may manage the event's registrations, then runs <paramref name="work"/> in a
    /// transaction that first takes the event's lock (so the event it gets is as of now); commits what it saved and
    /// added when it reports no problem, and rolls everything back otherwise.</summary>
    private async Task<List<Problem>> InTransactionAsync(Actor actor, int eventId, string what, Func<Event, Instant, Task<List<Problem>>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (await RefusalAsync(actor, eventId, what, cancellationToken) is { } refusal) return [refusal];
        await using var transaction = await EventLock.BeginAsync(db, eventId, cancellationToken);
        var e = await db.Events.AsNoTracking().FirstAsync(x => x.Id == eventId, cancellationToken);
        var problems = await work(e, clock.GetCurrentInstant());
        if (problems.Count > 0)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            return problems;
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return [];
    }

    /// <summary>Null when the actor may manage the event's registrations; otherwise why not, with the refusal audited.</summary>
    private async Task<Problem?> RefusalAsync(Actor actor, int eventId, string what, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var e = await db.Events.AsNoTracking().FirstOrDefaultAsync(x => x.Id == eventId, cancellationToken);
        if (e is null) return NotFound;
        if (actor.CanEdit(e)) return null;
        await audit.WriteNowAsync(actor, AuditActions.RegistrationManagementRefused, "event", Id(e.Id), e.OwnerOrganizationId,
            $"Refused to {what} for \u201c{e.Title}\u201d", cancellationToken: cancellationToken);
        return Forbidden;
    }

    private void Audit(Actor actor, string action, Event e, Registration r, string summary, object? before = null, object? after = null) =>
        audit.Add(actor, action, "registration", Id(r.Id), e.OwnerOrganizationId, summary, before, after ?? new { Status = r.Status.ToString() });

    private static string Promoted(IReadOnlyList<Registration> promoted) =>
        promoted.Count == 0 ? "" : $"; promoted {string.Join(", ", promoted.Select(p => p.Id))}";

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}

/// <summary>A host's button on one registration.</summary>
public enum RegistrationAction
{
    Approve,
    Decline,
    MoveToWaitlist,
    Confirm,
}
