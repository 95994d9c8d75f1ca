using AwesomeAssertions;
using Haven.Core.Policies;
using NodaTime;

namespace Haven.Core.Tests.Policies;

public sealed class PolicyPeriodsTests
{
    private static LocalDate D(int year, int month, int day) => new(year, month, day);

    [Fact]
    public void A_new_record_closes_the_current_one_the_day_before_it_takes_effect()
    {
        var current = new PolicyPeriod(1, D(2017, 3, 1), null);
        var plan = PolicyPeriods.Place([current], new PolicyPeriod(0, D(2021, 7, 1), null));

        plan.Succeeded.Should().BeTrue();
        plan.Closures.Should().Equal(new PolicyPeriod(1, D(2017, 3, 1), D(2021, 6, 30)));
    }

    [Fact]
    public void Only_the_current_record_is_closed_never_an_earlier_closed_one()
    {
        var old = new PolicyPeriod(1, D(2010, 1, 1), D(2016, 12, 31));
        var current = new PolicyPeriod(2, D(2017, 1, 1), null);
        var plan = PolicyPeriods.Place([old, current], new PolicyPeriod(0, D(2020, 1, 1), null));

        plan.Closures.Should().Equal(new PolicyPeriod(2, D(2017, 1, 1), D(2019, 12, 31)));
    }

    [Fact]
    public void A_back_dated_record_that_overlaps_a_closed_one_is_refused()
    {
        var closed = new PolicyPeriod(1, D(2015, 1, 1), D(2018, 12, 31));
        var current = new PolicyPeriod(2, D(2019, 1, 1), null);
        var plan = PolicyPeriods.Place([closed, current], new PolicyPeriod(0, D(2016, 6, 1), D(2017, 5, 31)));

        plan.Succeeded.Should().BeFalse();
        plan.Problems.Should().ContainSingle().Which.Code.Should().Be("period_overlap");
        plan.Problems[0].Arguments.Should().Equal("2015-01-01", "2018-12-31");
        plan.Closures.Should().BeEmpty();
        plan.Conflicts.Should().Equal(closed);
    }

    [Fact]
    public void A_back_dated_record_starting_before_the_current_one_and_running_on_is_refused()
    {
        var current = new PolicyPeriod(2, D(2019, 1, 1), null);
        var plan = PolicyPeriods.Place([current], new PolicyPeriod(0, D(2018, 1, 1), null));

        plan.Problems.Should().ContainSingle().Which.Code.Should().Be("period_overlap_current");
    }

    [Fact]
    public void A_back_dated_record_in_a_gap_fits()
    {
        var early = new PolicyPeriod(1, D(2010, 1, 1), D(2012, 12, 31));
        var current = new PolicyPeriod(2, D(2016, 1, 1), null);
        var plan = PolicyPeriods.Place([early, current], new PolicyPeriod(0, D(2013, 1, 1), D(2015, 12, 31)));

        plan.Succeeded.Should().BeTrue();
        plan.Closures.Should().BeEmpty();
    }

    [Fact]
    public void The_same_start_as_the_current_record_is_an_overlap_not_a_succession()
    {
        var current = new PolicyPeriod(1, D(2019, 1, 1), null);
        PolicyPeriods.Place([current], new PolicyPeriod(0, D(2019, 1, 1), null)).Succeeded.Should().BeFalse();
    }

    [Fact]
    public void An_edited_record_is_not_compared_with_itself()
    {
        var record = new PolicyPeriod(5, D(2019, 1, 1), null);
        PolicyPeriods.Place([record], record with { Start = D(2019, 2, 1) }).Succeeded.Should().BeTrue();
    }

    [Fact]
    public void The_end_comes_on_or_after_the_start()
    {
        PolicyPeriods.Place([], new PolicyPeriod(0, D(2020, 5, 1), D(2020, 4, 30))).Problems
            .Should().ContainSingle().Which.Code.Should().Be("end_before_start");
        PolicyPeriods.Place([], new PolicyPeriod(0, D(2020, 5, 1), D(2020, 5, 1))).Succeeded.Should().BeTrue();
    }

    [Fact]
    public void A_period_ending_the_day_before_another_starts_does_not_overlap_it()
    {
        new PolicyPeriod(1, D(2015, 1, 1), D(2018, 12, 31)).Overlaps(new PolicyPeriod(2, D(2019, 1, 1), null)).Should().BeFalse();
        new PolicyPeriod(1, D(2015, 1, 1), D(2019, 1, 1)).Overlaps(new PolicyPeriod(2, D(2019, 1, 1), null)).Should().BeTrue();
    }

    [Fact]
    public void As_of_picks_the_record_in_force_on_the_date()
    {
        var records = new List<PolicyRecord>
        {
            new() { Id = 1, EffectiveOn = D(2012, 1, 1), EndsOn = D(2016, 12, 31) },
            new() { Id = 2, EffectiveOn = D(2017, 1, 1), EndsOn = D(2020, 6, 30) },
            new() { Id = 3, EffectiveOn = D(2020, 7, 1), EndsOn = null },
        };

        PolicyPeriods.AsOf(records, D(2011, 12, 31)).Should().BeNull();
        PolicyPeriods.AsOf(records, D(2012, 1, 1))!.Id.Should().Be(1);
        PolicyPeriods.AsOf(records, D(2016, 12, 31))!.Id.Should().Be(1);
        PolicyPeriods.AsOf(records, D(2017, 1, 1))!.Id.Should().Be(2);
        PolicyPeriods.AsOf(records, D(2020, 6, 30))!.Id.Should().Be(2);
        PolicyPeriods.AsOf(records, D(2020, 7, 1))!.Id.Should().Be(3);
        PolicyPeriods.AsOf(records, D(2040, 1, 1))!.Id.Should().Be(3);
    }

    [Fact]
    public void A_gap_has_no_record_in_force()
    {
        var records = new List<PolicyRecord>
        {
            new() { Id = 1, EffectiveOn = D(2012, 1, 1), EndsOn = D(2013, 12, 31) },
            new() { Id = 2, EffectiveOn = D(2015, 1, 1), EndsOn = null },
        };
        PolicyPeriods.AsOf(records, D(2014, 6, 1)).Should().BeNull();
    }

    [Theory]
    [InlineData("2020-02-29", true)]
    [InlineData("2021-02-29", false)]
    [InlineData("02/03/2020", false)]
    [InlineData("", true)]
    public void Dates_are_read_as_iso(string text, bool ok) =>
        PolicyPeriods.TryParse(text, out _).Should().Be(ok);
}
