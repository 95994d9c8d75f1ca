using Haven.Core.Shared;
using NodaTime;

namespace Haven.Core.Subscriptions;

/// <summary>A reader's email subscription, without an account: what they follow, how often, in which language. Only
/// the hashes of its private links are stored; unsubscribing deletes the row (nothing personal is kept).</summary>
public sealed class Subscription
{
    public const int EmailMaxLength = 254;

    public int Id { get; set; }
    /// <summary>The address, trimmed and lower-cased (one subscription per address).</summary>
    public required string Email { get; set; }
    public string Language { get; set; } = Languages.English;
    public SubscriptionFrequency Frequency { get; set; }
    /// <summary>Which kinds of content: resources, events, posts (space-separated names, see <see cref="ItemKind"/>).</summary>
    public string ContentKinds { get; set; } = "";
    /// <summary>Topic slugs, space-separated.</summary>
    public string Topics { get; set; } = "";
    /// <summary>Jurisdiction ids (states, counties, cities), space-separated.</summary>
    public string Jurisdictions { get; set; } = "";
    /// <summary>Organization ids, space-separated.</summary>
    public string Organizations { get; set; } = "";
    /// <summary>Event kinds (<see cref="Events.EventKind"/> names), space-separated.</summary>
    public string EventKinds { get; set; } = "";
    /// <summary>SHA-256 of the confirmation link's token, until confirmed.</summary>
    public string? ConfirmTokenHash { get; set; }
    public Instant CreatedAt { get; set; }
    /// <summary>When the reader confirmed (double opt-in); nothing but the confirmation letter is sent before.</summary>
    public Instant? ConfirmedAt { get; set; }
    /// <summary>When the last digest went out (daily and weekly).</summary>
    public Instant? LastDigestAt { get; set; }

    public List<SubscriptionLink> Links { get; set; } = [];

    public SubscriptionInterests Interests
    {
        get => SubscriptionInterests.Parse(ContentKinds, Topics, Jurisdictions, Organizations, EventKinds);
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            ContentKinds = string.Join(' ', value.Kinds.Order().Select(k => k.ToString()));
            Topics = string.Join(' ', value.Topics.Order(StringComparer.Ordinal));
            Jurisdictions = string.Join(' ', value.Jurisdictions.Order());
            Organizations = string.Join(' ', value.Organizations.Order());
            EventKinds = string.Join(' ', value.EventKinds.Order().Select(k => k.ToString()));
        }
    }

    public bool IsConfirmed => ConfirmedAt is not null;
}

/// <summary>Stored values; never renumber.</summary>
public enum SubscriptionFrequency
{
    Immediate = 0,
    Daily = 1,
    Weekly = 2,
}

/// <summary>What a letter can be about. Stored values; never renumber.</summary>
public enum ItemKind
{
    Resource = 0,
    Event = 1,
    Post = 2,
}

/// <summary>That an item was sent to a subscription: unique on (subscription, kind, item), written in the same
/// transaction as the letter, so two instances running the job at once cannot send it twice.</summary>
public sealed class SubscriptionDelivery
{
    public long Id { get; set; }
    public int SubscriptionId { get; set; }
    public ItemKind ItemKind { get; set; }
    public int ItemId { get; set; }
    public Instant SentAt { get; set; }
}

/// <summary>A private link mailed to a subscriber (manage, one-click unsubscribe): each letter carries a fresh token;
/// only its hash is stored, and links go with the subscription when it is deleted.</summary>
public sealed class SubscriptionLink
{
    public long Id { get; set; }
    public int SubscriptionId { get; set; }
    public required string TokenHash { get; set; }
    public NodaTime.Instant CreatedAt { get; set; }
}
