using System.Threading.Channels;
using Haven.Core.Events;
using Haven.Core.Search;
using Haven.Web.Pages.Resources;

namespace Haven.Web.ScaleOut;

/// <summary>What this instance does when content changes on any instance: forgets the cached facet labels when a
/// topic, audience, jurisdiction or organization changed, forgets the events the registration form keeps
/// (<see cref="RegistrationEventCache"/>) when an event or its questions changed, and wakes the search index's follower when the search change
/// log grew, so the index catches up at once rather than at the next search or the half-minute poll. Wake-ups that
/// arrive while the follower runs are folded into one more run.</summary>
public sealed class ContentChangeSubscribers(ContentChanges changes, TaxonomyLabels labels, RegistrationEventCache events,
    SearchIndexFollower follower, ILogger<ContentChangeSubscribers> logger) : BackgroundService
{
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        changes.Changed += OnChanged;
        return base.StartAsync(cancellationToken);
    }

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        changes.Changed -= OnChanged;
        return base.StopAsync(cancellationToken);
    }

    private void OnChanged(ContentChange change)
    {
        if (change.TouchesAny("Topic", "Audience", "Jurisdiction", "Organization")) labels.Forget();
        if (change.TouchesAny(nameof(Event), nameof(EventQuestion))) events.Forget();
        if (change.TouchesAny(nameof(SearchIndexChange))) _wake.Writer.TryWrite(true);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var _ in _wake.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await follower.CatchUpAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "Catching the search index up after a change failed; the poll will retry");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
