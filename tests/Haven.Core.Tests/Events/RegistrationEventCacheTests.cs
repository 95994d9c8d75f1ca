using AwesomeAssertions;
using Haven.Core.Events;

namespace Haven.Core.Tests.Events;

/// <summary>The registration form's event cache: keeps what it read by slug, never keeps "no such event", and forgets
/// everything at once, including a read that was under way when it was told to forget.</summary>
public sealed class RegistrationEventCacheTests
{
    private static Event Some(string slug, int revision = 1) => new() { Id = 7, Slug = slug, Title = "Know your rights", TimeZoneId = "America/Chicago", Revision = revision };

    [Fact]
    public async Task An_event_read_once_is_kept_and_a_missing_one_is_read_each_time()
    {
        var cache = new RegistrationEventCache();
        var reads = 0;
        Task<Event?> Load(CancellationToken _)
        {
            reads++;
            return Task.FromResult<Event?>(Some("kyr"));
        }

        var first = await cache.GetAsync("kyr", Load, CancellationToken.None);
        var second = await cache.GetAsync("kyr", Load, CancellationToken.None);

        second.Should().BeSameAs(first);
        reads.Should().Be(1);

        var missing = 0;
        for (var i = 0; i < 2; i++)
            (await cache.GetAsync("gone", _ => { missing++; return Task.FromResult<Event?>(null); }, CancellationToken.None)).Should().BeNull();
        missing.Should().Be(2, "no event is never kept: it may be published a moment later");
    }

    [Fact]
    public async Task Forgetting_drops_every_event_and_the_next_post_reads_again()
    {
        var cache = new RegistrationEventCache();
        await cache.GetAsync("kyr", _ => Task.FromResult<Event?>(Some("kyr", revision: 1)), CancellationToken.None);

        cache.Forget();
        var again = await cache.GetAsync("kyr", _ => Task.FromResult<Event?>(Some("kyr", revision: 2)), CancellationToken.None);

        again!.Revision.Should().Be(2);
    }

    [Fact]
    public async Task A_read_under_way_when_the_cache_forgets_is_used_once_and_not_kept()
    {
        var cache = new RegistrationEventCache();
        var reading = new TaskCompletionSource<Event?>();
        var underWay = cache.GetAsync("kyr", _ => reading.Task, CancellationToken.None);

        cache.Forget();
        reading.SetResult(Some("kyr", revision: 1));
        (await underWay)!.Revision.Should().Be(1);

        var next = await cache.GetAsync("kyr", _ => Task.FromResult<Event?>(Some("kyr", revision: 2)), CancellationToken.None);
        next!.Revision.Should().Be(2, "what was read before the change may not hold it");
    }
}
