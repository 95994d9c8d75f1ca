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

    [Fact]
    public void A_question_needs_a_label_under_300_characters_and_a_choice_two_options()
    {
        var good = Valid() with
        {
            Questions =
            [
                new QuestionFields(null, QuestionKind.ShortText, " Your bar number ", "ignored for text", false),
                new QuestionFields(7, QuestionKind.Choice, "Which session?", "Morning\r\n\r\n Afternoon \nMorning", true),
                new QuestionFields(null, QuestionKind.Checkbox, "I will need interpretation", null, false),
            ],
        };
        good.Problems().Should().BeEmpty();
        var cleaned = good.Cleaned();
        cleaned.Questions[0].Label.Should().Be("Your bar number");
        cleaned.Questions[0].Options.Should().BeEmpty("only a choice has options");
        cleaned.Questions[1].Options.Should().Be("Morning\nAfternoon", "blank lines and repeats are left out");

        FieldsOf(Valid() with { Questions = [new QuestionFields(null, QuestionKind.Choice, "Which?", "Only one\n\nOnly one", false)] })
            .Should().Equal(nameof(EventFields.Questions));
        (Valid() with { Questions = [new QuestionFields(null, QuestionKind.Choice, "Which?", "Only one", false)] }).Problems()
            .Should().ContainSingle(p => p.Code == "too_few_options");
        FieldsOf(Valid() with { Questions = [new QuestionFields(null, QuestionKind.ShortText, "  ", null, false)] }).Should().Equal(nameof(EventFields.Questions));
        FieldsOf(Valid() with { Questions = [new QuestionFields(null, QuestionKind.ShortText, new string('q', 301), null, false)] }).Should().Equal(nameof(EventFields.Questions));
        (Valid() with { Questions = [new QuestionFields(null, QuestionKind.ShortText, new string('q', 300), null, false)] }).Problems().Should().BeEmpty();
        FieldsOf(Valid() with { Questions = [new QuestionFields(null, QuestionKind.Choice, "Which?", "a\n" + new string('o', 2000), false)] }).Should().Equal(nameof(EventFields.Questions));
        FieldsOf(Valid() with { Questions = [new QuestionFields(null, (QuestionKind)9, "Which?", null, false)] }).Should().Equal(nameof(EventFields.Questions));
        FieldsOf(Valid() with { Questions = [new QuestionFields(3, QuestionKind.ShortText, "A", null, false), new QuestionFields(3, QuestionKind.ShortText, "B", null, false)] })
            .Should().Equal(nameof(EventFields.Questions));
    }

    [Fact]
    public void Prerequisites_are_resource_addresses_or_links_one_a_line()
    {
        var f = Valid() with { Prerequisites = "know-your-rights\r\nhttps://haven.example.org/es/resources/detainer-basics\n/resources/know-your-rights\n\n" };
        f.Problems().Should().BeEmpty();
        f.PrerequisiteSlugs().Should().Equal("know-your-rights", "detainer-basics");
        var problem = (Valid() with { Prerequisites = "Not An Address" }).Problems().Should().ContainSingle().Subject;
        problem.Code.Should().Be("unknown_prerequisite");
        problem.Field.Should().Be(nameof(EventFields.Prerequisites));
        problem.Arguments.Should().Equal("Not An Address");
    }

    [Theory]
    [InlineData("1440,60", "1440,60")]
    [InlineData("60, 10080 ,60", "10080,60")]
    [InlineData("", "")]
    public void Reminder_leads_are_whole_minutes_within_four_weeks(string typed, string stored)
    {
        var f = Valid() with { ReminderMinutes = typed };
        f.Problems().Should().BeEmpty();
        f.Cleaned().ReminderMinutes.Should().Be(stored);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("an hour")]
    [InlineData("40321")]
    [InlineData("1,2,3,4,5,6")]
    [InlineData("-60")]
    public void A_bad_reminder_lead_is_a_problem(string typed) =>
        FieldsOf(Valid() with { ReminderMinutes = typed }).Should().Equal(nameof(EventFields.ReminderMinutes));
}
