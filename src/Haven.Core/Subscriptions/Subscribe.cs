using Haven.Core.Data;
using Haven.Core.Mail;
using Haven.Core.Shared;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Haven.Core.Subscriptions;

public sealed record SubscriptionChoices(SubscriptionInterests Interests, SubscriptionFrequency Frequency, string Language)
{
    /// <summary>Every problem with the choices (the address is checked by <see cref="Subscribe"/>).</summary>
    public IReadOnlyList<Problem> Problems()
    {
        var problems = new List<Problem>();
        if (Interests.Kinds.Count == 0) problems.Add(new Problem("no-content", "Choose at least one kind of content: resources, events or news.", "Kinds"));
        if (!Interests.HasSubject) problems.Add(new Problem("no-interest", "Choose at least one topic, place, organization or kind of event to follow.", "Interests"));
        if (!Enum.IsDefined(Frequency)) problems.Add(new Problem("bad-frequency", "Choose how often to receive mail.", "Frequency"));
        if (!Languages.Interface.Contains(Language)) problems.Add(new Problem("bad-language", "Choose a language.", "Language"));
        return problems;
    }
}

/// <summary>Asks to subscribe an address. Never tells whether it already is: a new (or unconfirmed) address gets a
/// confirmation letter, a confirmed one a letter with a link to manage its subscription, and its choices are left as
/// they were.</summary>
public sealed class Subscribe(HavenDbContext db, SubscriptionMail mail, IClock clock)
{
    public async Task<Outcome<bool>> RunAsync(string? email, SubscriptionChoices choices, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(choices);
        var address = UserTextAddress(email);
        var problems = new List<Problem>();
        if (!EmailAddress.IsValid(address) || address.Length > Subscription.EmailMaxLength)
            problems.Add(new Problem("bad-email", "Enter a valid email address.", "Email"));
        problems.AddRange(choices.Problems());
        if (problems.Count > 0) return Outcome<bool>.Failure(problems);

        var now = clock.GetCurrentInstant();
        var existing = await db.Subscriptions.FirstOrDefaultAsync(s => s.Email == address, cancellationToken);
        if (existing is { ConfirmedAt: not null })
        {
            mail.Send(existing, SubscriptionLetterKind.AlreadySubscribed);
        }
        else
        {
            var subscription = existing ?? db.Subscriptions.Add(new Subscription { Email = address, CreatedAt = now }).Entity;
            subscription.Interests = choices.Interests;
            subscription.Frequency = choices.Frequency;
            subscription.Language = choices.Language;
            var token = SecretTokens.New();
            subscription.ConfirmTokenHash = SecretTokens.Hash(token);
            mail.SendConfirmation(subscription, token);
        }
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<bool>.Success(true);
    }

    private static string UserTextAddress(string? email) => Text.UserText.Line(email, 400).Trim().ToLowerInvariant();
}

/// <summary>Confirms a subscription from its mailed link (on a POST); returns a fresh manage link's token.</summary>
public sealed class ConfirmSubscription(HavenDbContext db, SubscriptionMail mail, IClock clock)
{
    public async Task<Outcome<string>> RunAsync(string token, CancellationToken cancellationToken = default)
    {
        var hash = SecretTokens.Hash(token ?? "");
        var subscription = await db.Subscriptions.FirstOrDefaultAsync(s => s.ConfirmTokenHash == hash, cancellationToken);
        if (subscription is null) return Outcome<string>.Failure(new Problem("unknown-link", "This link is not valid any more.", null));
        subscription.ConfirmedAt = clock.GetCurrentInstant();
        subscription.ConfirmTokenHash = null;
        var manage = mail.NewLink(subscription);
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<string>.Success(manage);
    }
}

/// <summary>A subscriber's own changes through a manage link: choices, or unsubscribing (which deletes the row and its
/// links and delivery records: nothing personal is kept).</summary>
public sealed class ManageSubscription(HavenDbContext db)
{
    /// <summary>The confirmed subscription a manage link opens, or null.</summary>
    public async Task<Subscription?> FindAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(token)) return null;
        var hash = SecretTokens.Hash(token);
        return await db.Subscriptions.Where(s => s.ConfirmedAt != null && s.Links.Any(l => l.TokenHash == hash))
            .FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<Outcome<Subscription>> UpdateAsync(string token, SubscriptionChoices choices, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(choices);
        var subscription = await FindAsync(token, cancellationToken);
        if (subscription is null) return Outcome<Subscription>.Failure(new Problem("unknown-link", "This link is not valid any more.", null));
        var problems = choices.Problems();
        if (problems.Count > 0) return Outcome<Subscription>.Failure(problems);
        subscription.Interests = choices.Interests;
        subscription.Frequency = choices.Frequency;
        subscription.Language = choices.Language;
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<Subscription>.Success(subscription);
    }

    /// <returns>Whether a subscription was deleted (false for an unknown or already used link).</returns>
    public async Task<bool> UnsubscribeAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(token)) return false;
        var hash = SecretTokens.Hash(token);
        var deleted = await db.Subscriptions.Where(s => s.Links.Any(l => l.TokenHash == hash)).ExecuteDeleteAsync(cancellationToken);
        return deleted > 0;
    }
}

/// <summary>Deletes subscriptions never confirmed within <see cref="Grace"/>: one DELETE, safe on several instances.</summary>
public sealed class PurgeUnconfirmedSubscriptions(HavenDbContext db, IClock clock)
{
    public static readonly Duration Grace = Duration.FromDays(7);

    public Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        var cutoff = clock.GetCurrentInstant() - Grace;
        return db.Subscriptions.Where(s => s.ConfirmedAt == null && s.CreatedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
    }
}
