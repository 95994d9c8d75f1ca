using AwesomeAssertions;
using Haven.Core.Events;
using NodaTime;

namespace Haven.Core.Tests.Events;

public sealed class EventRemindersTests
{
    private static readonly Instant Start = Instant.FromUtc(2026, 3, 8, 19, 0);

    private static Event At(string reminders) => new() { Slug = "e", Title = "E", TimeZoneId = "America/Chicago", StartsAt = Start, ReminderMinutes = reminders };

    [Theory]
    [InlineData("1440,60", new[] { 1440, 60 })]
    [InlineData(" 60 ; 1440, 60 ", new[] { 1440, 60 })]
    [InlineData("", new int[0])]
    [InlineData("15 10080", new[] { 10080, 15 })]
    public void Leads_are_whole_minutes_longest_first_without_repeats(string text, int[] expected) =>
        Event.ParseReminderMinutes(text).Should().Equal(expected);

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("1.5")]
    [InlineData("an hour")]
    [InlineData("40321")]
    [InlineData("1,2,3,4,5,6")]
    public void Leads_outside_four_weeks_or_not_whole_minutes_or_too_many_are_refused(string text) =>
        Event.ParseReminderMinutes(text).Should().BeNull();

    [Fact]
    public void No_reminder_is_due_before_the_first_lead_nor_once_the_event_has_started()
    {
        var e = At("1440,60");
        e.DueReminderLead(Start - Duration.FromMinutes(1441)).Should().BeNull();
        e.DueReminderLead(Start).Should().BeNull();
        e.DueReminderLead(Start + Duration.FromMinutes(5)).Should().BeNull();
    }

    [Fact]
    public void The_due_reminder_is_the_shortest_lead_whose_moment_has_come()
    {
        var e = At("1440,60");
        e.DueReminderLead(Start - Duration.FromMinutes(1440)).Should().Be(1440);
        e.DueReminderLead(Start - Duration.FromMinutes(61)).Should().Be(1440, "the day-before reminder stays due until the hour-before one is");
        e.DueReminderLead(Start - Duration.FromMinutes(60)).Should().Be(60);
        e.DueReminderLead(Start - Duration.FromMinutes(1)).Should().Be(60);
    }

    [Fact]
    public void A_day_before_is_24_hours_before_even_across_a_daylight_saving_change()
    {
        // 8 March 2026 is the spring-forward day in Chicago: 24 hours before 13:00 CDT is 12:00 CST the day before.
        var e = At("1440");
        e.DueReminderLead(Instant.FromUtc(2026, 3, 7, 19, 0)).Should().Be(1440);
        e.DueReminderLead(Instant.FromUtc(2026, 3, 7, 18, 59)).Should().BeNull();
    }

    [Fact]
    public void No_reminders_are_ever_due_when_the_host_chose_none() =>
        At("").DueReminderLead(Start - Duration.FromMinutes(30)).Should().BeNull();
}
