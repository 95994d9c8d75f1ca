using AwesomeAssertions;
using Haven.Core.Events;
using NodaTime;

namespace Haven.Core.Tests.Events;

public sealed class EventFieldsTests
{
    private static EventFields Valid() => new()
    {
        Title = "Detainers after the new rule",
        Kind = EventKind.Webinar,
        Status = EventStatus.Scheduled,
        StartsAt = "2026-07-15T14:00",
        TimeZoneId = "America/Chicago",
        DurationMinutes = "90",
        Language = "en",
        HostIds = [1],
        RegistrationMode = RegistrationMode.Open,
    };

    private static IEnumerable<string?> FieldsOf(EventFields f) => f.Problems().Select(p => p.Field);

    [Fact]
    public void Valid_fields_have_no_problems_and_the_start_is_read_in_the_events_zone()
    {
        var f = Valid() with { Capacity = "100", RegistrationDeadline = "2026-07-15T12:00", ContactEmail = "events@example.org", JoinUrl = "https://meet.example.org/x", ListedZoneIds = "America/New_York, Europe/Madrid" };
        f.Problems().Should().BeEmpty();
        // 2 pm in Chicago in July is CDT (UTC-5).
        f.Start().Should().Be(Instant.FromUtc(2026, 7, 15, 19, 0));
        f.Deadline().Should().Be(Instant.FromUtc(2026, 7, 15, 17, 0));
        f.Seats().Should().Be(100);
    }

    [Fact]
    public void An_unknown_zone_is_named_in_the_problem()
    {
        var problem = (Valid() with { TimeZoneId = "America/Gotham" }).Problems().Should().ContainSingle().Subject;
        problem.Field.Should().Be(nameof(EventFields.TimeZoneId));
        problem.Arguments.Should().Equal("America/Gotham");
        FieldsOf(Valid() with { ListedZoneIds = "America/New_York, Mars/Olympus" }).Should().Equal(nameof(EventFields.ListedZoneIds));
    }

    [Fact]
    public void A_time_clocks_skip_is_a_problem_and_a_time_that_happens_twice_is_read_as_the_first()
    {
        // 8 March 2026, 2:30 am does not exist in Chicago; 1 November 2026, 1:30 am happens twice.
        (Valid() with { StartsAt = "2026-03-08T02:30" }).Problems().Should().ContainSingle(p => p.Code == "time_in_gap");
        var overlap = Valid() with { StartsAt = "2026-11-01T01:30" };
        overlap.Problems().Should().BeEmpty();
        overlap.Start().Should().Be(Instant.FromUtc(2026, 11, 1, 6, 30));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("")]
    [InlineData("10081")]
    [InlineData("an hour")]
    public void The_length_is_one_minute_to_seven_days(string minutes) =>
        FieldsOf(Valid() with { DurationMinutes = minutes }).Should().Equal(nameof(EventFields.DurationMinutes));

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("many")]
    public void Seats_are_a_positive_number_or_nothing(string seats)
    {
        FieldsOf(Valid() with { Capacity = seats }).Should().Equal(nameof(EventFields.Capacity));
        (Valid() with { Capacity = "" }).Problems().Should().BeEmpty();
    }

    [Fact]
    public void Registration_closes_before_the_end()
    {
        // Starts 2 pm, 90 minutes: ends 3:30 pm.
        FieldsOf(Valid() with { RegistrationDeadline = "2026-07-15T15:30" }).Should().Equal(nameof(EventFields.RegistrationDeadline));
        (Valid() with { RegistrationDeadline = "2026-07-15T15:29" }).Problems().Should().BeEmpty();
        FieldsOf(Valid() with { RegistrationDeadline = "tomorrow" }).Should().Equal(nameof(EventFields.RegistrationDeadline));
    }

    [Fact]
    public void Addresses_and_links_must_be_well_formed()
    {
        FieldsOf(Valid() with { ContactEmail = "not an address" }).Should().Equal(nameof(EventFields.ContactEmail));
        FieldsOf(Valid() with { JoinUrl = "javascript:alert(1)" }).Should().Equal(nameof(EventFields.JoinUrl));
        FieldsOf(Valid() with { RecordingUrl = "/recordings/1" }).Should().Equal(nameof(EventFields.RecordingUrl));
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var f = new EventFields { Kind = (EventKind)99, Status = (EventStatus)99, RegistrationMode = (RegistrationMode)99, Slug = "Not A Slug" };
        FieldsOf(f).Should().Contain([nameof(EventFields.Title), "Slug", nameof(EventFields.Kind), nameof(EventFields.Status), nameof(EventFields.StartsAt),
            nameof(EventFields.TimeZoneId), nameof(EventFields.DurationMinutes), nameof(EventFields.Language), nameof(EventFields.HostIds), nameof(EventFields.RegistrationMode)]);
    }

    [Fact]
    public void A_speaker_is_listed_once_with_a_known_role()
    {
        FieldsOf(Valid() with { Speakers = [new SpeakerFields(1, SpeakerRole.Panelist, "", ""), new SpeakerFields(1, SpeakerRole.Host, "", "")] })
            .Should().Equal(nameof(EventFields.Speakers));
        FieldsOf(Valid() with { Speakers = [new SpeakerFields(1, (SpeakerRole)42, "", "")] }).Should().Equal(nameof(EventFields.Speakers));
    }
}
