using AwesomeAssertions;
using Haven.Core.Events;
using Ical.Net;
using NodaTime;
using NodaTime.Text;
using EventStatus = Haven.Core.Events.EventStatus;

namespace Haven.Core.Tests.Events;

/// <summary>iCalendar for one event or a feed: what calendars need to file, update and cancel the same entry.</summary>
public sealed class EventCalendarTests
{
    private static readonly Instant Now = InstantPattern.General.Parse("2026-02-01T12:00:00Z").Value;
    private const string Origin = "https://haven.example.org";

    private static Event Some(int id = 7, EventStatus status = EventStatus.Scheduled) => new()
    {
        Id = id,
        Slug = "know-your-rights-" + id,
        Title = "Know your rights, " + id,
        TimeZoneId = "America/New_York",
        StartsAt = InstantPattern.General.Parse("2026-03-08T07:30:00Z").Value,
        DurationMinutes = 90,
        DescriptionMarkdown = "A **training** for [defenders](https://example.org).",
        ContactEmail = "events@haven.example.org",
        CalendarSequence = 2,
        Status = status,
        JoinUrl = "https://meet.example.org/secret",
        DialIn = "+1 555 0100 PIN 4242",
    };

    [Fact]
    public void An_invitation_is_a_request_to_the_attendee_from_the_organizer()
    {
        var text = EventCalendar.Serialize(EventCalendar.Single(Some(), Origin, Now, CalendarMethods.Request, new CalendarAttendee("ana@example.org", "Ana")));
        var calendar = Calendar.Load(text)!;

        calendar.Method.Should().Be("REQUEST");
        var entry = calendar.Events.Single();
        entry.Uid.Should().Be("event-7@haven.example.org");
        entry.Sequence.Should().Be(2);
        entry.Status.Should().Be("CONFIRMED");
        entry.Organizer!.Value!.ToString().Should().Be("mailto:events@haven.example.org");
        entry.Attendees.Single().Value!.ToString().Should().Be("mailto:ana@example.org");
        entry.DtStart!.TzId.Should().Be("America/New_York");
        entry.DtStart.Value.Should().Be(new DateTime(2026, 3, 8, 3, 30, 0));
        entry.DtEnd!.AsUtc.Should().Be(new DateTime(2026, 3, 8, 9, 0, 0, DateTimeKind.Utc));
        entry.Description.Should().Contain("A training for defenders").And.EndWith("https://haven.example.org/events/know-your-rights-7");
        text.Should().Contain("BEGIN:VTIMEZONE").And.NotContain("secret").And.NotContain("4242");
    }

    [Fact]
    public void A_cancellation_keeps_the_uid_and_marks_the_entry_cancelled()
    {
        var entry = Calendar.Load(EventCalendar.Serialize(EventCalendar.Single(Some(), Origin, Now, CalendarMethods.Cancel)))!;
        entry.Method.Should().Be("CANCEL");
        entry.Events.Single().Uid.Should().Be("event-7@haven.example.org");
        entry.Events.Single().Status.Should().Be("CANCELLED");
    }

    [Fact]
    public void A_feed_publishes_each_event_with_its_status_and_one_zone_definition()
    {
        var calendar = Calendar.Load(EventCalendar.Serialize(EventCalendar.Feed([Some(1), Some(2, EventStatus.Postponed), Some(3, EventStatus.Cancelled)], Origin, Now)))!;
        calendar.Method.Should().Be("PUBLISH");
        calendar.TimeZones.Should().ContainSingle();
        calendar.Events.Select(e => e.Status).Should().Equal("CONFIRMED", "TENTATIVE", "CANCELLED");
    }

    [Fact]
    public void An_event_in_an_unknown_zone_is_written_in_UTC()
    {
        var e = Some();
        e.TimeZoneId = "Mars/Olympus_Mons";
        var entry = Calendar.Load(EventCalendar.Serialize(EventCalendar.Single(e, Origin, Now, CalendarMethods.Publish)))!.Events.Single();
        entry.DtStart!.IsUtc.Should().BeTrue();
        entry.DtStart.AsUtc.Should().Be(new DateTime(2026, 3, 8, 7, 30, 0, DateTimeKind.Utc));
    }

    [Fact]
    public void Only_publish_request_and_cancel_are_offered()
    {
        var act = () => EventCalendar.Single(Some(), Origin, Now, CalendarMethods.Reply);
        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Theory]
    [InlineData("2031-07-15T14:00:00Z", 10)] // summer time in New York, years ahead
    [InlineData("2031-01-15T15:00:00Z", 10)] // winter time
    [InlineData("2019-03-10T15:00:00Z", 11)] // a past event keeps working too
    public void An_event_years_away_gets_a_zone_definition_instead_of_a_crash(string startsAt, int localHour)
    {
        // Regression: Ical.Net built the VTIMEZONE from the zone's transitions between a year before the event and the
        // machine's clock, and threw when the event was more than a year ahead.
        var e = Some();
        e.StartsAt = InstantPattern.General.Parse(startsAt).Value;
        var text = EventCalendar.Serialize(EventCalendar.Single(e, Origin, Now, CalendarMethods.Request, new CalendarAttendee("ana@example.org", "Ana")));

        var calendar = Calendar.Load(text)!;
        var zone = calendar.TimeZones.Should().ContainSingle().Subject;
        zone.TzId.Should().Be("America/New_York");
        zone.TimeZoneInfos.Select(i => i.Name).Should().BeEquivalentTo(["STANDARD", "DAYLIGHT"], "New York still changes clocks twice a year");
        var entry = calendar.Events.Single();
        entry.DtStart!.TzId.Should().Be("America/New_York");
        entry.DtStart.Value.Hour.Should().Be(localHour);
        entry.DtStart.AsUtc.Should().Be(e.StartsAt.ToDateTimeUtc());
    }
}
