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
/// letter saying so is queued in the same transaction. Registrations for one event arriving together share that
/// transaction (group commit, see <see cref="RegistrationQueue"/>): seats go in the order they arrived.</summary>
public sealed class RegisterForEvent(HavenDbContext db, IClock clock, RegistrationMail mail, RegistrationQueue queue, RegistrationEventCache events)
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

    private static readonly PerModel<Func<HavenDbContext, int, string[], IAsyncEnumerable<string>>> AddressesSeen =
        new(() => EF.CompileAsyncQuery((HavenDbContext db, int eventId, string[] addresses) =>
            db.Registrations.AsNoTracking().Where(r => r.EventId == eventId && addresses.Contains(r.NormalizedEmail)).Select(r => r.NormalizedEmail)));

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
        var item = new QueuedRegistration(e, name, email, normalized, organization, language, answersJson);
        if (SkipSeatLockForCanary) return await RegisterWithoutLockForCanaryAsync(item, cancellationToken);
        // Seats are decided by the event's writer, for everything that arrived together, in one transaction. The
        // registration happens even if the caller stops waiting (the letter tells the registrant).
        return await queue.RegisterAsync(item);
    }

    /// <summary>Registers a batch for one event (the <see cref="RegistrationQueue"/>'s writer calls this in a scope of
    /// its own) and gives each its result; throws only when the batch is a single registration that failed.
    /// Everything happens in one transaction holding the event's lock. When that fails, the address index having
    /// refused an address that registered meanwhile (on another instance), the batch is taken again, which then finds
    /// that registration; when it fails otherwise, or again, each registration is taken alone, so one that cannot be
    /// written fails by itself and the others are registered.</summary>
    internal async Task WriteBatchAsync(IReadOnlyList<QueuedRegistration> batch)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var results = await RegisterTogetherAsync(batch);
                for (var i = 0; i < batch.Count; i++) batch[i].Result.TrySetResult(results[i]);
                return;
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                db.ChangeTracker.Clear();
            }
            catch (Exception) when (batch.Count > 1)
            {
                db.ChangeTracker.Clear();
                foreach (var item in batch)
                {
                    try
                    {
                        await WriteBatchAsync([item]);
                    }
                    catch (Exception alone)
                    {
                        db.ChangeTracker.Clear();
                        item.Result.TrySetException(alone);
                    }
                }
                return;
            }
        }
    }

    /// <summary>One transaction for the batch: the event's lock, one seat count, then each registration in order (a seat
    /// while seats remain, the waitlist after), its private link and its letter; one save and one commit.</summary>
    private async Task<Outcome<RegistrationResult>[]> RegisterTogetherAsync(IReadOnlyList<QueuedRegistration> batch)
    {
        var none = CancellationToken.None;
        var eventId = batch[0].Event.Id;
        var now = clock.GetCurrentInstant();

        // Most addresses are new: looking before the lock keeps that read out of the time the lock is held. One that
        // registers meanwhile is refused by the unique address index, and the batch is taken again.
        List<string> seen;
        if (batch.Count == 1)
            seen = await AnyByAddressQuery.For(db)(db, eventId, batch[0].NormalizedEmail, none) ? [batch[0].NormalizedEmail] : [];
        else
        {
            var addresses = batch.Select(i => i.NormalizedEmail).Distinct().ToArray();
            // One array parameter, as in the library's summaries (a list would expand to one parameter per address, and
            // EF would generate the SQL again for every batch size), in a compiled query: EF's per-call look-up of the
            // query's plan was a visible share of a batch.
            seen = [];
            await foreach (var address in AddressesSeen.For(db)(db, eventId, addresses)) seen.Add(address);
        }

        await using var transaction = await EventLock.BeginAsync(db, eventId, none);
        // The requests checked their registrations against the event as they read it (perhaps from the cache); seats and
        // letters follow the event as it stands under the lock. When an editor changed it meanwhile, it is read again;
        // when it has stopped taking registrations, the batch is refused as a request reading it now would be.
        var current = batch[0].Event;
        if (transaction.Revision != current.Revision || batch.Any(i => i.Event.Revision != current.Revision))
        {
            events.Forget();
            var fresh = await EventWithQuestions.For(db)(db, eventId, none);
            var refused = fresh is null || fresh.IsDraft
                ? new Problem("not_found", "This event does not exist.")
                : RegistrationRules.WhyClosed(fresh, now);
            if (refused is not null) return batch.Select(_ => Outcome<RegistrationResult>.Failure(refused)).ToArray();
            current = fresh!;
        }
        var known = new Dictionary<string, Registration>(StringComparer.Ordinal);
        if (seen.Count == 1)
        {
            if (await ByAddress.For(db)(db, eventId, seen[0], none) is { } one) known[one.NormalizedEmail] = one;
        }
        else if (seen.Count > 1)
        {
            foreach (var r in await db.Registrations.Where(r => r.EventId == eventId && EF.Parameter(seen).Contains(r.NormalizedEmail)).ToListAsync(none))
                known[r.NormalizedEmail] = r;
        }
        var held = await SeatsHeld.For(db)(db, eventId, none);

        var results = new Outcome<RegistrationResult>[batch.Count];
        var e = current;
        for (var i = 0; i < batch.Count; i++)
        {
            var item = batch[i];
            known.TryGetValue(item.NormalizedEmail, out var existing);
            if (existing is not null && existing.Status != RegistrationStatus.Cancelled)
            {
                // The same address gets its registration back, never a second seat; the link goes to the address only.
                existing.UpdatedAt = now;
                mail.Send(e, existing, RegistrationMail.StatusLetter(existing.Status));
                results[i] = Outcome<RegistrationResult>.Success(new RegistrationResult(existing, "", AlreadyRegistered: true));
                continue;
            }

            // Someone who cancelled and registers again starts afresh, at the end of any waitlist.
            var registration = existing ?? new Registration { EventId = e.Id, Email = item.Email, NormalizedEmail = item.NormalizedEmail, Name = item.Name };
            Fill(registration, item, RegistrationRules.StatusOfNew(e, held), now);
            if (registration.HoldsSeat) held++;
            if (existing is null) db.Registrations.Add(registration);
            known[item.NormalizedEmail] = registration;
            var token = RegistrationLink.AddTo(registration, now);
            mail.SendWithLink(e, registration, RegistrationMail.StatusLetter(registration.Status), token);
            results[i] = Outcome<RegistrationResult>.Success(new RegistrationResult(registration, token, AlreadyRegistered: false));
        }
        await db.SaveChangesAsync(none);
        await transaction.CommitAsync(none);
        return results;
    }

    private static void Fill(Registration registration, QueuedRegistration item, RegistrationStatus status, Instant now)
    {
        registration.Email = item.Email;
        registration.Name = item.Name;
        registration.Organization = item.Organization;
        registration.Language = item.Language;
        registration.AnswersJson = item.AnswersJson;
        registration.Status = status;
        registration.Attended = false;
        registration.CreatedAt = now;
        registration.QueuedAt = now;
        registration.UpdatedAt = now;
    }

    /// <summary>The canary's registration: seats counted outside any lock, then a pause, then a transaction that takes
    /// no lock; what registering would be without <see cref="EventLock"/>.</summary>
    private async Task<Outcome<RegistrationResult>> RegisterWithoutLockForCanaryAsync(QueuedRegistration item, CancellationToken cancellationToken)
    {
        var e = item.Event;
        var held = await db.Registrations.CountAsync(r => r.EventId == e.Id && r.Status == RegistrationStatus.Confirmed, cancellationToken);
        if (CanaryPause > TimeSpan.Zero) await Task.Delay(CanaryPause, cancellationToken);
        await using var transaction = await EventLock.BeginWithoutLockAsync(db, cancellationToken);
        var now = clock.GetCurrentInstant();
        var registration = new Registration { EventId = e.Id, Email = item.Email, NormalizedEmail = item.NormalizedEmail, Name = item.Name };
        Fill(registration, item, RegistrationRules.StatusOfNew(e, held), now);
        db.Registrations.Add(registration);
        var token = RegistrationLink.AddTo(registration, now);
        mail.SendWithLink(e, registration, RegistrationMail.StatusLetter(registration.Status), token);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
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
