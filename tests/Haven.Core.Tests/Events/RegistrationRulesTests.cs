using AwesomeAssertions;
using Haven.Core.Events;
using NodaTime;

namespace Haven.Core.Tests.Events;

public sealed class RegistrationRulesTests
{
    private static readonly Instant Start = Instant.FromUtc(2026, 12, 1, 18, 0);
    private static readonly Instant Before = Start - Duration.FromDays(2);

    private static Event Open(int? capacity = null, RegistrationMode mode = RegistrationMode.Open) =>
        new() { Slug = "e", Title = "E", StartsAt = Start, TimeZoneId = "America/New_York", Capacity = capacity, RegistrationMode = mode };

    private static Registration Person(int id, RegistrationStatus status, int minutesAfterStart) => new()
    {
        Id = id,
        Email = $"p{id}@example.org",
        NormalizedEmail = $"p{id}@example.org",
        Name = $"P{id}",
        Status = status,
        CreatedAt = Before + Duration.FromMinutes(minutesAfterStart),
        QueuedAt = Before + Duration.FromMinutes(minutesAfterStart),
    };

    [Fact]
    public void An_open_scheduled_event_before_its_deadline_takes_registrations()
    {
        RegistrationRules.WhyClosed(Open(), Before).Should().BeNull();
    }

    [Theory]
    [InlineData(EventStatus.Cancelled, "event_cancelled")]
    [InlineData(EventStatus.Completed, "event_over")]
    public void Cancelled_or_completed_events_take_none(EventStatus status, string code)
    {
        var e = Open();
        e.Status = status;
        RegistrationRules.WhyClosed(e, Before)!.Code.Should().Be(code);
    }

    [Fact]
    public void A_postponed_event_still_takes_registrations()
    {
        var e = Open();
        e.Status = EventStatus.Postponed;
        RegistrationRules.WhyClosed(e, Before).Should().BeNull();
    }

    [Fact]
    public void Registration_closes_at_the_deadline_and_once_the_event_is_over()
    {
        var e = Open();
        e.RegistrationDeadline = Start - Duration.FromHours(1);
        RegistrationRules.WhyClosed(e, Start - Duration.FromHours(2)).Should().BeNull();
        RegistrationRules.WhyClosed(e, Start - Duration.FromHours(1))!.Code.Should().Be("registration_deadline");
        RegistrationRules.WhyClosed(Open(), Start + Duration.FromHours(2))!.Code.Should().Be("event_over");
        RegistrationRules.WhyClosed(Open(mode: RegistrationMode.None), Before)!.Code.Should().Be("registration_none");
    }

    [Fact]
    public void Seats_are_confirmed_until_capacity_then_the_waitlist_fills()
    {
        var e = Open(capacity: 2);
        RegistrationRules.StatusOfNew(e, 0).Should().Be(RegistrationStatus.Confirmed);
        RegistrationRules.StatusOfNew(e, 1).Should().Be(RegistrationStatus.Confirmed);
        RegistrationRules.StatusOfNew(e, 2).Should().Be(RegistrationStatus.Waitlisted);
        RegistrationRules.StatusOfNew(Open(), 10_000).Should().Be(RegistrationStatus.Confirmed, "no capacity means no limit");
    }

    [Fact]
    public void With_approval_everyone_waits_for_the_host_who_confirms_while_seats_remain()
    {
        var e = Open(capacity: 1, mode: RegistrationMode.Approval);
        RegistrationRules.StatusOfNew(e, 0).Should().Be(RegistrationStatus.PendingApproval);
        RegistrationRules.StatusOnApproval(e, 0).Should().Be(RegistrationStatus.Confirmed);
        RegistrationRules.StatusOnApproval(e, 1).Should().Be(RegistrationStatus.Waitlisted);
    }

    [Fact]
    public void The_invitation_code_is_compared_without_case_or_surrounding_spaces()
    {
        var e = Open(mode: RegistrationMode.InvitationCode);
        e.InvitationCodeHash = RegistrationRules.HashCode("Press-2026");
        RegistrationRules.CodeMatches(e, "  press-2026 ").Should().BeTrue();
        RegistrationRules.CodeMatches(e, "press-2025").Should().BeFalse();
        RegistrationRules.CodeMatches(e, null).Should().BeFalse();
        RegistrationRules.CodeMatches(Open(), null).Should().BeTrue("an open event needs no code");
    }

    [Fact]
    public void Freed_seats_go_to_the_earliest_waitlisted_first()
    {
        var e = Open(capacity: 3);
        var registrations = new[]
        {
            Person(1, RegistrationStatus.Confirmed, 0),
            Person(2, RegistrationStatus.Cancelled, 1),
            Person(3, RegistrationStatus.Waitlisted, 5),
            Person(4, RegistrationStatus.Waitlisted, 3),
            Person(5, RegistrationStatus.Waitlisted, 9),
        };

        RegistrationRules.ToPromote(e, registrations).Select(r => r.Id).Should().Equal(4, 3);
        RegistrationRules.ToPromote(Open(capacity: 1), registrations).Should().BeEmpty();
    }
}
