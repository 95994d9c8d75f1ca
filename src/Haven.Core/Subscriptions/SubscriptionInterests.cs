using System.Globalization;
using Haven.Core.Events;

namespace Haven.Core.Subscriptions;

/// <summary>What a subscriber follows: which kinds of content (resources, events, posts) and at least one subject
/// (a topic, a jurisdiction, an organization, or an event kind). An item matches when its kind is followed and it
/// shares any one subject with the subscription.</summary>
public sealed record SubscriptionInterests(
    IReadOnlySet<ItemKind> Kinds,
    IReadOnlySet<string> Topics,
    IReadOnlySet<int> Jurisdictions,
    IReadOnlySet<int> Organizations,
    IReadOnlySet<EventKind> EventKinds)
{
    public bool HasSubject => Topics.Count > 0 || Jurisdictions.Count > 0 || Organizations.Count > 0 || EventKinds.Count > 0;

    public bool Matches(SubscriptionItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (!Kinds.Contains(item.Kind)) return false;
        return item.Topics.Any(Topics.Contains)
            || item.Jurisdictions.Any(Jurisdictions.Contains)
            || (item.OrganizationId is { } org && Organizations.Contains(org))
            || (item.EventKind is { } kind && EventKinds.Contains(kind));
    }

    public static SubscriptionInterests Parse(string kinds, string topics, string jurisdictions, string organizations, string eventKinds) => new(
        Words(kinds).Select(w => Enum.TryParse<ItemKind>(w, out var k) ? (ItemKind?)k : null).OfType<ItemKind>().ToHashSet(),
        Words(topics).ToHashSet(StringComparer.Ordinal),
        Numbers(jurisdictions),
        Numbers(organizations),
        Words(eventKinds).Select(w => Enum.TryParse<EventKind>(w, out var k) ? (EventKind?)k : null).OfType<EventKind>().ToHashSet());

    private static IEnumerable<string> Words(string value) => (value ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static HashSet<int> Numbers(string value) =>
        Words(value).Select(w => int.TryParse(w, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? (int?)n : null).OfType<int>().ToHashSet();
}

/// <summary>Something newly public that a subscription may match, with what it is about.</summary>
public sealed record SubscriptionItem(
    ItemKind Kind,
    int Id,
    string Title,
    string Slug,
    NodaTime.Instant PublicSince,
    IReadOnlyList<string> Topics,
    IReadOnlyList<int> Jurisdictions,
    int? OrganizationId,
    EventKind? EventKind = null);
