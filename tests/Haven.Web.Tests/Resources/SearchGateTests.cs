using AwesomeAssertions;
using Haven.Web.Pages.Resources;

namespace Haven.Web.Tests.Resources;

public sealed class SearchGateTests
{
    [Fact]
    public async Task No_more_searches_than_the_concurrency_run_at_once()
    {
        using var gate = new SearchGate(2);
        var ct = TestContext.Current.CancellationToken;
        var running = 0;
        var mostAtOnce = 0;
        using var release = new SemaphoreSlim(0);

        int Search(int id)
        {
            InterlockedMax(ref mostAtOnce, Interlocked.Increment(ref running));
            // The first two hold their places until the test lets them go.
            if (id < 2) release.Wait(ct);
            Thread.Sleep(5);
            Interlocked.Decrement(ref running);
            return id;
        }

        var holders = Enumerable.Range(0, 2).Select(id => Task.Run(() => gate.RunAsync(() => Search(id), ct).AsTask(), ct)).ToList();
        await WaitUntil(() => Volatile.Read(ref running) == 2);
        var waiting = Enumerable.Range(2, 6).Select(id => Task.Run(() => gate.RunAsync(() => Search(id), ct).AsTask(), ct)).ToList();
        await Task.Delay(50, ct);
        waiting.Should().OnlyContain(t => !t.IsCompleted, "both places are taken");

        release.Release(2);
        (await Task.WhenAll(holders.Concat(waiting))).Should().BeEquivalentTo(Enumerable.Range(0, 8));
        mostAtOnce.Should().Be(2);
    }

    [Fact]
    public async Task Waiting_searches_run_in_the_order_they_came()
    {
        using var gate = new SearchGate(1);
        var ct = TestContext.Current.CancellationToken;
        var order = new List<int>();
        using var release = new SemaphoreSlim(0);
        using var started = new SemaphoreSlim(0);
        var holder = Task.Run(() => gate.RunAsync(() => { started.Release(); release.Wait(ct); return 0; }, ct).AsTask(), ct);
        await started.WaitAsync(ct);

        // Queued one after another from this thread, so their arrival order is known.
        var waiting = Enumerable.Range(1, 5).Select(id => gate.RunAsync(() => { lock (order) order.Add(id); return id; }, ct).AsTask()).ToList();
        release.Release();

        await holder;
        (await Task.WhenAll(waiting)).Should().Equal(1, 2, 3, 4, 5);
        order.Should().Equal(1, 2, 3, 4, 5);
    }

    [Fact]
    public async Task A_wait_ends_with_its_request_and_the_next_search_takes_the_place()
    {
        using var gate = new SearchGate(1);
        var ct = TestContext.Current.CancellationToken;
        using var release = new SemaphoreSlim(0);
        using var started = new SemaphoreSlim(0);
        var holder = Task.Run(() => gate.RunAsync(() => { started.Release(); release.Wait(ct); return "held"; }, ct).AsTask(), ct);
        await started.WaitAsync(ct);

        using var abandoned = new CancellationTokenSource();
        var ran = false;
        var gone = gate.RunAsync(() => ran = true, abandoned.Token).AsTask();
        var next = gate.RunAsync(() => "next", ct).AsTask();
        await abandoned.CancelAsync();

        await FluentActions.Awaiting(() => gone).Should().ThrowAsync<OperationCanceledException>();
        release.Release();
        (await holder).Should().Be("held");
        (await next).Should().Be("next");
        ran.Should().BeFalse();
    }

    [Fact]
    public void A_concurrency_below_one_is_refused_with_the_setting_named()
    {
        FluentActions.Invoking(() => new SearchGate(0)).Should().Throw<InvalidOperationException>().WithMessage("*Haven:Search:Concurrency*");
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++) await Task.Delay(10);
        condition().Should().BeTrue();
    }
}
