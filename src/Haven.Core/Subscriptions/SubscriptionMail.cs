using Haven.Core.Data;
using Haven.Core.Mail;
using Haven.Core.Shared;
using NodaTime;

namespace Haven.Core.Subscriptions;

public enum SubscriptionLetterKind
{
    /// <summary>Follow the link to confirm (double opt-in).</summary>
    Confirm,
    /// <summary>Someone asked to subscribe an address that already is: a link to manage it instead.</summary>
    AlreadySubscribed,
    /// <summary>New items, sent at once (immediate) or gathered (daily, weekly digest).</summary>
    Items,
}

/// <summary>One letter to a subscriber; <see cref="Token"/> is the confirmation token for <see
/// cref="SubscriptionLetterKind.Confirm"/>, otherwise a fresh manage (and one-click unsubscribe) token.</summary>
public sealed record SubscriptionLetter(SubscriptionLetterKind Kind, Subscription Subscription, string Token)
{
    public IReadOnlyList<SubscriptionItem> Items { get; init; } = [];
}

/// <summary>Writes subscription letters in the subscriber's language (the web layer knows the words and the links).</summary>
public interface ISubscriptionLetters
{
    Email Write(SubscriptionLetter letter);
}

/// <summary>Queues subscription letters in the caller's unit of work, each manage link a fresh token.</summary>
public sealed class SubscriptionMail(HavenDbContext db, MailOutbox outbox, ISubscriptionLetters letters, IClock clock)
{
    public void SendConfirmation(Subscription subscription, string confirmToken) =>
        outbox.Queue(letters.Write(new SubscriptionLetter(SubscriptionLetterKind.Confirm, subscription, confirmToken)));

    public void Send(Subscription subscription, SubscriptionLetterKind kind, IReadOnlyList<SubscriptionItem>? items = null) =>
        outbox.Queue(letters.Write(new SubscriptionLetter(kind, subscription, NewLink(subscription)) { Items = items ?? [] }));

    /// <summary>A fresh manage link's token for <paramref name="subscription"/> (saved with the caller's changes).</summary>
    public string NewLink(Subscription subscription)
    {
        var token = SecretTokens.New();
        var link = new SubscriptionLink { TokenHash = SecretTokens.Hash(token), CreatedAt = clock.GetCurrentInstant() };
        if (subscription.Id == 0) subscription.Links.Add(link);
        else
        {
            link.SubscriptionId = subscription.Id;
            db.SubscriptionLinks.Add(link);
        }
        return token;
    }
}
