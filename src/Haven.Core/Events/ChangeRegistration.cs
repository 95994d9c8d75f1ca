using Haven.Core.Data;
using Haven.Core.Shared;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Haven.Core.Events;

/// <summary>What a registrant may change through their private link: everything but the address (to use another
/// address they cancel and register again) and their place.</summary>
public sealed record RegistrationChange
{
    public string? Token { get; init; }
    public string? Name { get; init; }
    public string? Organization { get; init; }
    public string Language { get; init; } = Languages.English;
    public IReadOnlyDictionary<int, string?> Answers { get; init; } = new Dictionary<int, string?>();
}

/// <summary>A registrant changes their name, organization, mail language or answers, checked as registering checks
/// them. Nothing about their seat changes, so no lock is taken and no mail is sent.</summary>
public sealed class ChangeRegistration(HavenDbContext db, IClock clock)
{
    public async Task<Outcome<Registration>> RunAsync(RegistrationChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        var notFound = new Problem("not_found", "This link opens no registration.");
        if (!RegistrationLink.IsWellFormed(change.Token)) return Outcome<Registration>.Failure(notFound);
        var hash = SecretTokens.Hash(change.Token!);
        var registration = await db.Registrations.FirstOrDefaultAsync(r => r.Links.Any(l => l.TokenHash == hash), cancellationToken);
        if (registration is null || registration.ErasedAt is not null) return Outcome<Registration>.Failure(notFound);
        if (!registration.IsActive)
            return Outcome<Registration>.Failure(new Problem("not_active", "This registration is no longer active, so it cannot be changed."));

        var name = (change.Name ?? "").Trim();
        var organization = (change.Organization ?? "").Trim();
        var problems = RegisterForEvent.CheckDetails(name, organization);
        var questions = await db.Set<EventQuestion>().AsNoTracking().Where(q => q.EventId == registration.EventId).ToListAsync(cancellationToken);
        var (answerProblems, answersJson) = RegistrationAnswers.Check(questions, change.Answers);
        problems.AddRange(answerProblems);
        if (problems.Count > 0) return Outcome<Registration>.Failure(problems);

        registration.Name = name;
        registration.Organization = organization;
        registration.Language = Languages.Interface.Contains(change.Language) ? change.Language : Languages.English;
        registration.AnswersJson = answersJson;
        registration.UpdatedAt = clock.GetCurrentInstant();
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<Registration>.Success(registration);
    }
}
