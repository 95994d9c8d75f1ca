using AwesomeAssertions;
using Haven.Core.Events;
using NodaTime;

namespace Haven.Core.Tests.Events;

public sealed class EventTimesTests
{
    private static Event At(Instant start, int minutes = 60, string zone = "America/Chicago", string listed = "") =>
        new() { Slug = "e", Title = "E", StartsAt = start, DurationMinutes = minutes, TimeZoneId = zone, ListedZoneIds = listed };

    private static string Local(ZonedDateTime time) => time.LocalDateTime.ToString("yyyy-MM-dd HH:mm", null);

    [Fact]
    public void The_event_zone_comes_first_then_the_four_mainland_zones()
    {
        var times = EventTimes.Of(At(Instant.FromUtc(2026, 7, 15, 18, 0)));
        times.Select(t => t.ZoneId).Should().Equal("America/Chicago", "America/New_York", "America/Denver", "America/Los_Angeles");
        times.Select(t => $"{Local(t.Start)} {t.StartAbbreviation}").Should().Equal(
            "2026-07-15 13:00 CDT", "2026-07-15 14:00 EDT", "2026-07-15 12:00 MDT", "2026-07-15 11:00 PDT");
    }

    [Fact]
    public void The_same_wall_clock_in_winter_has_standard_time_abbreviations()
    {
        var times = EventTimes.Of(At(Instant.FromUtc(2026, 1, 15, 19, 0)));
        times.Select(t => $"{Local(t.Start)} {t.StartAbbreviation}").Should().Equal(
            "2026-01-15 13:00 CST", "2026-01-15 14:00 EST", "2026-01-15 12:00 MST", "2026-01-15 11:00 PST");
    }

    [Fact]
    public void On_the_night_clocks_spring_forward_each_zone_reads_its_own_side_of_the_change()
    {
        // 2026-03-08 07:30 UTC: New York has already moved to daylight time (at 07:00 UTC), Chicago has not (08:00 UTC).
        var times = EventTimes.Of(At(Instant.FromUtc(2026, 3, 8, 7, 30), minutes: 120)).ToDictionary(t => t.ZoneId);

        $"{Local(times["America/New_York"].Start)} {times["America/New_York"].StartAbbreviation}".Should().Be("2026-03-08 03:30 EDT");
        $"{Local(times["America/Chicago"].Start)} {times["America/Chicago"].StartAbbreviation}".Should().Be("2026-03-08 01:30 CST");
        // Two hours long, but Chicago's clocks jump an hour during it: it ends at 04:30 daylight time.
        $"{Local(times["America/Chicago"].End)} {times["America/Chicago"].EndAbbreviation}".Should().Be("2026-03-08 04:30 CDT");
        // In Los Angeles it starts the evening before.
        times["America/Los_Angeles"].Start.Date.Should().Be(new LocalDate(2026, 3, 7));
        times["America/Los_Angeles"].EndsOnAnotherDay.Should().BeTrue();
    }

    [Fact]
    public void Listed_zones_replace_the_defaults_and_unknown_or_repeated_ones_are_left_out()
    {
        var times = EventTimes.Of(At(Instant.FromUtc(2026, 7, 15, 18, 0), listed: "America/Phoenix, Not/AZone, America/Chicago, Pacific/Honolulu"));
        times.Select(t => t.ZoneId).Should().Equal("America/Chicago", "America/Phoenix", "Pacific/Honolulu");
        times[1].StartAbbreviation.Should().Be("MST", "Arizona keeps standard time all summer");
        EventTimes.AreKnownZones("America/Phoenix, Pacific/Honolulu").Should().BeTrue();
        EventTimes.AreKnownZones("America/Phoenix, Not/AZone").Should().BeFalse();
    }
}
