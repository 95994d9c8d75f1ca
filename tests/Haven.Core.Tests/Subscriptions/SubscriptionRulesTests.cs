using AwesomeAssertions;
using Haven.Core.Events;
using Haven.Core.Subscriptions;
using NodaTime;

namespace Haven.Core.Tests.Subscriptions;

public sealed class SubscriptionRulesTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 3, 4, 15, 0);

    private static SubscriptionItem Item(ItemKind kind, string[] topics, int[]? places = null, int? org = null, EventKind? eventKind = null) =>
        new(kind, 1, "Title", "title", Now, topics, places ?? [], org, eventKind);

    private static SubscriptionInterests Interests(ItemKind[] kinds, string[]? topics = null, int[]? places = null, int[]? orgs = null, EventKind[]? eventKinds = null) =>
        new(kinds.ToHashSet(), (topics ?? []).ToHashSet(), (places ?? []).ToHashSet(), (orgs ?? []).ToHashSet(), (eventKinds ?? []).ToHashSet());

    [Fact]
    public void An_item_matches_when_its_kind_is_followed_and_it_shares_any_subject()
    {
        var interests = Interests([ItemKind.Resource, ItemKind.Event], topics: ["detainers"], places: [7], orgs: [3], eventKinds: [EventKind.Training]);
        interests.Matches(Item(ItemKind.Resource, ["detainers", "bail"])).Should().BeTrue();
        interests.Matches(Item(ItemKind.Resource, ["bail"], places: [7])).Should().BeTrue();
        interests.Matches(Item(ItemKind.Resource, ["bail"], org: 3)).Should().BeTrue();
        interests.Matches(Item(ItemKind.Event, [], eventKind: EventKind.Training)).Should().BeTrue();
        interests.Matches(Item(ItemKind.Event, [], eventKind: EventKind.Webinar)).Should().BeFalse();
        interests.Matches(Item(ItemKind.Resource, ["bail"], places: [8], org: 4)).Should().BeFalse();
        interests.Matches(Item(ItemKind.Post, ["detainers"])).Should().BeFalse("news is not followed");
    }

    [Fact]
    public void Interests_round_trip_through_the_stored_columns()
    {
        var subscription = new Subscription { Email = "a@example.org" };
        var interests = Interests([ItemKind.Post, ItemKind.Resource], topics: ["b", "a"], places: [2, 1], orgs: [5], eventKinds: [EventKind.PressCall]);
        subscription.Interests = interests;
        subscription.ContentKinds.Should().Be("Resource Post");
        subscription.Topics.Should().Be("a b");
        var back = subscription.Interests;
        back.Kinds.Should().BeEquivalentTo(interests.Kinds);
        back.Topics.Should().BeEquivalentTo(interests.Topics);
        back.Jurisdictions.Should().BeEquivalentTo(interests.Jurisdictions);
        back.Organizations.Should().BeEquivalentTo(interests.Organizations);
        back.EventKinds.Should().BeEquivalentTo(interests.EventKinds);
    }

    [Fact]
    public void Choices_need_a_kind_of_content_and_a_subject()
    {
        var problems = new SubscriptionChoices(Interests([]), SubscriptionFrequency.Daily, "fr").Problems();
        problems.Select(p => p.Code).Should().BeEquivalentTo(["no-content", "no-interest", "bad-language"]);
        new SubscriptionChoices(Interests([ItemKind.Event], eventKinds: [EventKind.Webinar]), SubscriptionFrequency.Weekly, "es").Problems().Should().BeEmpty();
    }

    [Fact]
    public void Daily_digests_go_at_the_hour_in_the_site_zone_and_weekly_ones_on_mondays()
    {
        var zone = DateTimeZoneProviders.Tzdb["America/New_York"];
        var schedule = new DigestSchedule(zone);
        // Wednesday 4 March 2026, 10:00 in New York (EST, UTC-5).
        var wednesdayMorning = Instant.FromUtc(2026, 3, 4, 15, 0);
        schedule.NextAfter(SubscriptionFrequency.Daily, wednesdayMorning).Should().Be(Instant.FromUtc(2026, 3, 5, 13, 0));
        schedule.NextAfter(SubscriptionFrequency.Daily, Instant.FromUtc(2026, 3, 4, 12, 0)).Should().Be(Instant.FromUtc(2026, 3, 4, 13, 0), "07:00 is before the hour");
        schedule.NextAfter(SubscriptionFrequency.Weekly, wednesdayMorning).Should().Be(Instant.FromUtc(2026, 3, 9, 12, 0), "Monday 9 March, 08:00 EDT after the clocks change");
        schedule.IsDue(SubscriptionFrequency.Daily, wednesdayMorning, Instant.FromUtc(2026, 3, 5, 12, 59)).Should().BeFalse();
        schedule.IsDue(SubscriptionFrequency.Daily, wednesdayMorning, Instant.FromUtc(2026, 3, 5, 13, 0)).Should().BeTrue();
        schedule.IsDue(SubscriptionFrequency.Weekly, wednesdayMorning, Instant.FromUtc(2026, 3, 8, 13, 0)).Should().BeFalse();
        schedule.IsDue(SubscriptionFrequency.Immediate, wednesdayMorning, wednesdayMorning).Should().BeTrue();
    }
}
