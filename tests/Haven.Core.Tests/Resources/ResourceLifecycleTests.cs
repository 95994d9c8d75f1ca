using AwesomeAssertions;
using Haven.Core.Resources;
using NodaTime;

namespace Haven.Core.Tests.Resources;

public sealed class ResourceLifecycleTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 24, 15, 0);
    private static readonly DateTimeZone Eastern = DateTimeZoneProviders.Tzdb["America/New_York"];

    private static Resource NewResource() => new() { Slug = "a", Title = "A" };

    [Fact]
    public void A_new_resource_is_a_draft_that_nobody_can_see()
    {
        var resource = NewResource();
        resource.Status.Should().Be(ResourceStatus.Draft);
        resource.IsPublicAt(Now).Should().BeFalse();
    }

    [Fact]
    public void Publishing_makes_it_public_and_dates_it_in_the_site_zone()
    {
        var resource = NewResource();
        // 02:00 UTC on the 25th is still the 24th in New York.
        resource.Publish(Instant.FromUtc(2026, 11, 25, 2, 0), Eastern);
        resource.IsPublicAt(Now + Duration.FromDays(1)).Should().BeTrue();
        resource.PublishedOn.Should().Be(new LocalDate(2026, 11, 24));
    }

    [Fact]
    public void Publishing_keeps_a_publication_date_the_editor_set()
    {
        var resource = NewResource();
        resource.PublishedOn = new LocalDate(2019, 3, 1);
        resource.Publish(Now, Eastern);
        resource.PublishedOn.Should().Be(new LocalDate(2019, 3, 1));
    }

    [Fact]
    public void A_scheduled_resource_becomes_public_when_its_time_comes()
    {
        var resource = NewResource();
        var at = Now + Duration.FromHours(2);
        resource.Schedule(at, Now, Eastern).Should().BeNull();
        resource.IsPublicAt(Now).Should().BeFalse();
        resource.IsPublicAt(at).Should().BeTrue();
        resource.PublishIfDue(Now).Should().BeFalse();
        resource.PublishIfDue(at).Should().BeTrue();
        resource.Status.Should().Be(ResourceStatus.Published);
    }

    [Fact]
    public void Scheduling_in_the_past_is_refused_and_changes_nothing()
    {
        var resource = NewResource();
        var problem = resource.Schedule(Now - Duration.FromMinutes(1), Now, Eastern);
        problem!.Code.Should().Be("schedule_in_past");
        resource.Status.Should().Be(ResourceStatus.Draft);
        resource.PublishAt.Should().BeNull();
    }

    [Fact]
    public void Unpublishing_returns_it_to_draft()
    {
        var resource = NewResource();
        resource.Publish(Now, Eastern);
        resource.Unpublish();
        resource.Status.Should().Be(ResourceStatus.Draft);
        resource.IsPublicAt(Now + Duration.FromDays(1)).Should().BeFalse();
    }

    [Fact]
    public void Republishing_keeps_the_original_publication_instant()
    {
        var resource = NewResource();
        resource.Publish(Now, Eastern);
        resource.Publish(Now + Duration.FromDays(3), Eastern);
        resource.PublishAt.Should().Be(Now);
    }

    [Theory]
    [InlineData(ResourceType.PracticeAdvisory, "2024-11-23", true)]
    [InlineData(ResourceType.PracticeAdvisory, "2024-11-25", false)]
    [InlineData(ResourceType.Report, "2022-01-01", false)]
    [InlineData(ResourceType.Report, "2021-11-01", true)]
    public void A_resource_older_than_its_types_review_age_may_be_out_of_date(ResourceType type, string currentAsOf, bool stale)
    {
        var resource = NewResource();
        resource.Type = type;
        resource.CurrentAsOf = NodaTime.Text.LocalDatePattern.Iso.Parse(currentAsOf).Value;
        resource.IsPastReviewAge(new LocalDate(2026, 11, 24)).Should().Be(stale);
    }

    [Fact]
    public void Review_age_counts_from_publication_when_there_is_no_current_as_of_date()
    {
        var resource = NewResource();
        resource.PublishedOn = new LocalDate(2020, 1, 1);
        resource.IsPastReviewAge(new LocalDate(2026, 11, 24)).Should().BeTrue();
        resource.PublishedOn = null;
        resource.IsPastReviewAge(new LocalDate(2026, 11, 24)).Should().BeFalse();
    }

    [Fact]
    public void Every_type_has_a_distinct_slug_that_parses_back()
    {
        var slugs = Enum.GetValues<ResourceType>().Select(t => t.Slug()).ToList();
        slugs.Should().OnlyHaveUniqueItems();
        foreach (var type in Enum.GetValues<ResourceType>())
        {
            ResourceTypes.TryParseSlug(type.Slug(), out var parsed).Should().BeTrue();
            parsed.Should().Be(type);
        }
        ResourceTypes.TryParseSlug("no-such-type", out _).Should().BeFalse();
    }
}
