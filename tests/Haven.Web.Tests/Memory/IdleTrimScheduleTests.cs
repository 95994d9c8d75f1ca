using AwesomeAssertions;
using Haven.Web.Memory;

namespace Haven.Web.Tests.Memory;

/// <summary>When the idle trim gives memory back: once per quiet spell that follows a busy one, never while busy.</summary>
public sealed class IdleTrimScheduleTests
{
    [Fact]
    public void Start_up_counts_as_busy_so_the_first_quiet_period_trims()
    {
        var schedule = new IdleTrimSchedule(youngCollections: 40);
        schedule.Tick(40).Should().BeTrue();
    }

    [Fact]
    public void A_busy_site_is_never_trimmed()
    {
        var schedule = new IdleTrimSchedule(youngCollections: 0);
        for (var count = 1; count <= 20; count++)
            schedule.Tick(count * 7).Should().BeFalse();
    }

    [Fact]
    public void A_quiet_spell_after_a_busy_one_trims_once_then_waits_for_the_next_busy_spell()
    {
        var schedule = new IdleTrimSchedule(youngCollections: 0);
        schedule.Tick(5).Should().BeFalse();      // busy
        schedule.Tick(5).Should().BeTrue();       // quiet: trim
        schedule.Trimmed(6);                      // the full collection counted as a young one
        schedule.Tick(6).Should().BeFalse();      // still quiet: nothing more to give back
        schedule.Tick(6).Should().BeFalse();
        schedule.Tick(9).Should().BeFalse();      // busy again
        schedule.Tick(9).Should().BeTrue();       // quiet again: trim again
    }

    [Fact]
    public void The_collection_the_trim_itself_causes_does_not_count_as_traffic()
    {
        var schedule = new IdleTrimSchedule(youngCollections: 3);
        schedule.Tick(3).Should().BeTrue();
        schedule.Trimmed(4);
        schedule.Tick(4).Should().BeFalse();
    }

    [Fact]
    public void Giving_native_memory_back_works_or_does_nothing_on_this_platform()
    {
        var act = NativeHeap.Trim;
        act.Should().NotThrow();
    }
}
