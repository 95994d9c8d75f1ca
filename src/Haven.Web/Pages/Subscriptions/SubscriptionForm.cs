using Haven.Core.Data;
using Haven.Core.Events;
using Haven.Core.Organizations;
using Haven.Core.Shared;
using Haven.Core.Subscriptions;
using Haven.Core.Taxonomy;
using Microsoft.EntityFrameworkCore;

namespace Haven.Web.Pages.Subscriptions;

/// <summary>The subscription form's fields as posted (Form.Topics, Form.Kinds...), on /subscribe and the manage page.</summary>
public sealed class SubscriptionForm
{
    public string? Email { get; set; }
    public List<ItemKind> Kinds { get; set; } = [];
    public List<string> Topics { get; set; } = [];
    public List<int> Jurisdictions { get; set; } = [];
    public List<int> Organizations { get; set; } = [];
    public List<EventKind> EventKinds { get; set; } = [];
    public SubscriptionFrequency Frequency { get; set; }
    public string? Language { get; set; }

    public SubscriptionChoices Choices(string interfaceLanguage) => new(
        new SubscriptionInterests(
            Kinds.Where(Enum.IsDefined).ToHashSet(),
            Topics.Select(t => Haven.Core.Text.UserText.Line(t, 200).Trim()).Where(t => t.Length > 0).ToHashSet(StringComparer.Ordinal),
            Jurisdictions.ToHashSet(),
            Organizations.ToHashSet(),
            EventKinds.Where(Enum.IsDefined).ToHashSet()),
        Frequency,
        Language is { } l && Languages.Interface.Contains(l) ? l : interfaceLanguage);

    public static SubscriptionForm From(Subscription subscription)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        var interests = subscription.Interests;
        return new SubscriptionForm
        {
            Kinds = [.. interests.Kinds],
            Topics = [.. interests.Topics],
            Jurisdictions = [.. interests.Jurisdictions],
            Organizations = [.. interests.Organizations],
            EventKinds = [.. interests.EventKinds],
            Frequency = subscription.Frequency,
            Language = subscription.Language,
        };
    }
}

/// <summary>What the form offers: every topic, the organizations, the states and any place already chosen.</summary>
public sealed record SubscriptionOptions(IReadOnlyList<Topic> Topics, IReadOnlyList<Organization> Organizations, IReadOnlyList<Jurisdiction> Places)
{
    public static async Task<SubscriptionOptions> LoadAsync(HavenDbContext db, IReadOnlyCollection<int> chosenPlaces, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var topics = await db.Topics.AsNoTracking().OrderBy(t => t.Name).ToListAsync(cancellationToken);
        var organizations = await db.Organizations.AsNoTracking().OrderBy(o => o.Name).ToListAsync(cancellationToken);
        var ids = chosenPlaces.ToList();
        var places = await db.Jurisdictions.AsNoTracking()
            .Where(j => j.Kind == JurisdictionKind.State || j.Kind == JurisdictionKind.Nation || ids.Contains(j.Id))
            .OrderBy(j => j.Kind).ThenBy(j => j.Name).ToListAsync(cancellationToken);
        return new SubscriptionOptions(topics, organizations, places);
    }
}

/// <summary>The fields partial's model.</summary>
public sealed record SubscriptionFieldsModel(SubscriptionForm Form, SubscriptionOptions Options, IReadOnlyList<Problem> Problems, bool AskEmail);
