using Haven.Core.Data;
using Haven.Core.Mail;
using Haven.Core.Shared;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Haven.Core.Events;

/// <summary>What a person submits on an event's registration form.</summary>
public sealed record RegistrationRequest
{
    public int EventId { get; init; }
    public string? Name { get; init; }
    public string? Email { get; init; }
    public string? Organization { get; init; }
    public string Language { get; init; } = Languages.English;
    public string? InvitationCode { get; init; }
    /// <summary>Answers to the event's questions by question id (see <see cref="RegistrationAnswers"/>); a checkbox
    /// not ticked is absent.</summary>
    public IReadOnlyDictionary<int, string?> Answers { get; init; } = new Dictionary<int, string?>();
}

/// <summary>The registration and, for a new one, its private link's secret token (to show once; the confirmation
/// mail carries it too). When the address had registered before, the token is empty: the existing registration is
/// mailed to its address with a fresh link, never shown to whoever typed the address.</summary>
public sealed record RegistrationResult(Registration Registration, string PrivateToken, bool AlreadyRegistered);

/// <summary>Takes a registration: validates it, then, holding the event's row lock, counts the seats held and
/// confirms, waitlists or queues it for approval, so capacity is never exceeded however many arrive at once. The
/// letter saying so is queued in the same transaction.</summary>
public sealed class RegisterForEvent(HavenDbContext db, IClock clock, RegistrationMail mail)
{
    /// <summary>Only for the canary test that shows why the lock is there: counts seats outside the transaction.</summary>
    internal bool SkipSeatLockForCanary { get; set; }

    /// <summary>For the canary: a pause between counting and writing, which widens the window the lock closes, so the
    /// canary shows the race on every run rather than most.</summary>
    internal TimeSpan CanaryPause { get; set; }

    // Compiled once: the registration path runs these for every post, and EF's per-call query lookup was a visible
    // share of a registration's CPU.
    private static readonly PerModel<Func<HavenDbContext, int, CancellationToken, Task<Event?>>> EventWithQuestions =
        new(() => EF.CompileAsyncQuery((HavenDbContext db, int id, CancellationToken _) => db.Events.AsNoTracking().Include(x => x.Questions).FirstOrDefault(x => x.Id == id)));

    private static readonly PerModel<Func<HavenDbContext, int, string, CancellationToken, Task<Registration?>>> ByAddress =
        new(() => EF.CompileAsyncQuery((HavenDbContext db, int eventId, string normalized, CancellationToken _) =>
            db.Registrations.FirstOrDefault(r => r.EventId == eventId && r.NormalizedEmail == normalized)));

    private static readonly PerModel<Func<HavenDbContext, int, string, CancellationToken, Task<bool>>> AnyByAddressQuery =
        new(() => EF.CompileAsyncQuery((HavenDbContext db, int eventId, string normalized, CancellationToken _) =>
            db.Registrations.Any(r => r.EventId == eventId && r.NormalizedEmail == normalized)));

    private static readonly PerModel<Func<HavenDbContext, int, CancellationToken, Task<int>>> SeatsHeld =
        new(() => EF.CompileAsyncQuery((HavenDbContext db, int eventId, CancellationToken _) =>
            db.Registrations.Count(r => r.EventId == eventId && r.Status == RegistrationStatus.Confirmed)));

    /// <summary>The event as <see cref="RunAsync(Event, RegistrationRequest, CancellationToken)"/> needs it (its
    /// questions included), not tracked; null when there is none. For a caller that wants the event too, so it is
    /// read once.</summary>
    public Task<Event?> LoadEventAsync(int eventId, CancellationToken cancellationToken = default) => EventWithQuestions.For(db)(db, eventId, cancellationToken);

    public async Task<Outcome<RegistrationResult>> RunAsync(RegistrationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return await RunAsync(await LoadEventAsync(request.EventId, cancellationToken), request, cancellationToken);
    }

    /// <summary>Registers for <paramref name="e"/>, read by <see cref="LoadEventAsync"/> (null or a draft: not found);
    /// <see cref="RegistrationRequest.EventId"/> is not read.</summary>
    public async Task<Outcome<RegistrationResult>> RunAsync(Event? e, RegistrationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var name = (request.Name ?? "").Trim();
        var email = (request.Email ?? "").Trim();
        var organization = (request.Organization ?? "").Trim();
        var problems = CheckDetails(name, organization);
        if (!EmailAddress.IsValid(email) || email.Length > Registration.EmailMaxLength)
            problems.Add(new Problem("invalid_email", "Enter one email address, like name@example.org.", nameof(request.Email)));

        if (e is null || e.IsDraft) return Outcome<RegistrationResult>.Failure(new Problem("not_found", "This event does not exist."));
        var now = clock.GetCurrentInstant();
        if (RegistrationRules.WhyClosed(e, now) is { } closed) return Outcome<RegistrationResult>.Failure(closed);
        if (!RegistrationRules.CodeMatches(e, request.InvitationCode))
            problems.Add(new Problem("wrong_code", "That invitation code is not right.", nameof(request.InvitationCode)));
        var (answerProblems, answersJson) = RegistrationAnswers.Check(e.Questions, request.Answers);
        problems.AddRange(answerProblems);
        if (problems.Count > 0) return Outcome<RegistrationResult>.Failure(problems);

        var normalized = Registration.Normalize(email);
        var language = Languages.Interface.Contains(request.Language) ? request.Language : Languages.English;
        int? seatsCountedEarly = SkipSeatLockForCanary
            ? await db.Registrations.CountAsync(r => r.EventId == e.Id && r.Status == RegistrationStatus.Confirmed, cancellationToken)
            : null;
        if (SkipSeatLockForCanary && CanaryPause > TimeSpan.Zero) await Task.Delay(CanaryPause, cancellationToken);

        // Most addresses are new: looking before the lock keeps that read out of the time the lock is held. One that
        // registers meanwhile is refused by the unique address index, and the registration is taken again.
        var seenBefore = SkipSeatLockForCanary || await AnyByAddressQuery.For(db)(db, e.Id, normalized, cancellationToken);

        await using var transaction = SkipSeatLockForCanary
            ? await EventLock.BeginWithoutLockAsync(db, cancellationToken)
            : await EventLock.BeginAsync(db, e.Id, cancellationToken);

        var existing = seenBefore ? await ByAddress.For(db)(db, e.Id, normalized, cancellationToken) : null;
        if (existing is not null && existing.Status != RegistrationStatus.Cancelled)
        {
            // The same address gets its registration back, never a second seat; the link goes to the address only.
            existing.UpdatedAt = now;
            mail.Send(e, existing, RegistrationMail.StatusLetter(existing.Status));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return Outcome<RegistrationResult>.Success(new RegistrationResult(existing, "", AlreadyRegistered: true));
        }

        var held = seatsCountedEarly
            ?? await SeatsHeld.For(db)(db, e.Id, cancellationToken);
        // Someone who cancelled and registers again starts afresh, at the end of any waitlist.
        var registration = existing ?? new Registration { EventId = e.Id, Email = email, NormalizedEmail = normalized, Name = name };
        registration.Email = email;
        registration.Name = name;
        registration.Organization = organization;
        registration.Language = language;
        registration.AnswersJson = answersJson;
        registration.Status = RegistrationRules.StatusOfNew(e, held);
        registration.Attended = false;
        registration.CreatedAt = now;
        registration.QueuedAt = now;
        registration.UpdatedAt = now;
        if (existing is null) db.Registrations.Add(registration);
        var token = RegistrationLink.AddTo(registration, now);
        mail.SendWithLink(e, registration, RegistrationMail.StatusLetter(registration.Status), token);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException) when (!SkipSeatLockForCanary)
        {
            // Only the unique address index can refuse this insert: the same address registered meanwhile.
            await transaction.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            return await RunAsync(e, request, cancellationToken);
        }
        return Outcome<RegistrationResult>.Success(new RegistrationResult(registration, token, AlreadyRegistered: false));
    }

    /// <summary>The registrant's name and organization (trimmed), checked as registering and changing a registration
    /// check them.</summary>
    internal static List<Problem> CheckDetails(string name, string organization)
    {
        var problems = new List<Problem>();
        if (name.Length == 0) problems.Add(new Problem("required", "Enter your name.", nameof(RegistrationRequest.Name)));
        else if (name.Length > Registration.NameMaxLength) problems.Add(new Problem("too_long", "Keep this under {0} characters.", nameof(RegistrationRequest.Name), Registration.NameMaxLength));
        if (organization.Length > Registration.OrganizationMaxLength)
            problems.Add(new Problem("too_long", "Keep this under {0} characters.", nameof(RegistrationRequest.Organization), Registration.OrganizationMaxLength));
        return problems;
    }

    /// <summary>The registration a private link's token opens, or null (a malformed, tampered or erased link).</summary>
    public async Task<Registration?> FindByTokenAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (!RegistrationLink.IsWellFormed(token)) return null;
        var hash = SecretTokens.Hash(token!);
        return await db.Registrations.FirstOrDefaultAsync(r => r.Links.Any(l => l.TokenHash == hash), cancellationToken);
    }
}
