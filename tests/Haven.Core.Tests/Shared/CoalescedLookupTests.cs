using AwesomeAssertions;
using Haven.Core.Shared;

namespace Haven.Core.Tests.Shared;

public sealed class CoalescedLookupTests
{
    /// <summary>A lookup whose runs are numbered and each held until the test lets it finish.</summary>
    private sealed class HeldLookup
    {
        private readonly List<TaskCompletionSource> _releases = [];
        private int _started;

        public int Started => Volatile.Read(ref _started);

        public async Task<int> RunAsync(CancellationToken _)
        {
            var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            int number;
            lock (_releases)
            {
                _releases.Add(release);
                number = ++_started;
            }

            await release.Task;
            return number == 2 && FailSecond ? throw new InvalidOperationException("run 2 failed") : number;
        }

        public bool FailSecond { get; init; }

        public void Release(int run)
        {
            lock (_releases) _releases[run - 1].SetResult();
        }
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task UntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++) await Task.Delay(10, Ct);
        condition().Should().BeTrue();
    }

    [Fact]
    public async Task Callers_that_ask_during_a_run_share_the_next_run_and_never_get_the_one_in_flight()
    {
        var held = new HeldLookup();
        var lookup = new CoalescedLookup<int>(held.RunAsync);

        var first = lookup.NextAsync(Ct);
        held.Started.Should().Be(1, "with nothing in flight a run starts at once");
        var second = lookup.NextAsync(Ct);
        var third = lookup.NextAsync(Ct);
        held.Started.Should().Be(1, "the others wait for a run that starts after theirs asked");

        held.Release(1);
        (await first).Should().Be(1);
        await UntilAsync(() => held.Started == 2);
        second.IsCompleted.Should().BeFalse("run 1 began before it asked");

        var fourth = lookup.NextAsync(Ct);
        held.Release(2);
        (await second).Should().Be(2);
        (await third).Should().Be(2);
        await UntilAsync(() => held.Started == 3);
        held.Release(3);
        (await fourth).Should().Be(3, "it asked while run 2 was in flight");
        held.Started.Should().Be(3);
    }

    [Fact]
    public async Task A_failed_run_fails_its_own_callers_and_the_next_run_starts_afresh()
    {
        var held = new HeldLookup { FailSecond = true };
        var lookup = new CoalescedLookup<int>(held.RunAsync);
        var first = lookup.NextAsync(Ct);
        var second = lookup.NextAsync(Ct);

        held.Release(1);
        (await first).Should().Be(1);
        await UntilAsync(() => held.Started == 2);
        var third = lookup.NextAsync(Ct);
        held.Release(2);
        await FluentActions.Awaiting(() => second).Should().ThrowAsync<InvalidOperationException>().WithMessage("run 2 failed");

        await UntilAsync(() => held.Started == 3);
        held.Release(3);
        (await third).Should().Be(3);
    }

    [Fact]
    public async Task A_caller_that_gives_up_stops_waiting_without_cancelling_the_run_others_wait_for()
    {
        var held = new HeldLookup();
        var lookup = new CoalescedLookup<int>(held.RunAsync);
        using var giveUp = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var impatient = lookup.NextAsync(giveUp.Token);
        var patient = lookup.NextAsync(Ct);

        await giveUp.CancelAsync();
        await FluentActions.Awaiting(() => impatient).Should().ThrowAsync<OperationCanceledException>();
        held.Release(1);
        await UntilAsync(() => held.Started == 2);
        held.Release(2);
        (await patient).Should().Be(2);
    }

    [Fact]
    public async Task Many_callers_at_once_cause_few_runs_and_each_gets_a_run_that_started_after_it_asked()
    {
        var started = 0;
        var lookup = new CoalescedLookup<int>(async _ =>
        {
            var number = Interlocked.Increment(ref started);
            await Task.Delay(2, Ct);
            return number;
        });

        var calls = Enumerable.Range(0, 200).Select(_ => Task.Run(async () =>
        {
            var before = Volatile.Read(ref started);
            var got = await lookup.NextAsync(Ct);
            return (Before: before, Got: got);
        }, Ct)).ToList();
        var results = await Task.WhenAll(calls);

        results.Should().OnlyContain(r => r.Got > r.Before, "a run in flight when the caller asked was numbered at most Before");
        started.Should().BeLessThan(200);
    }
}
