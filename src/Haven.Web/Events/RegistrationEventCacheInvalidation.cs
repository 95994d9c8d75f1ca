using Haven.Core.Events;
using Haven.Web.ScaleOut;

namespace Haven.Web.Events;

/// <summary>Empties the <see cref="RegistrationEventCache"/> when an event or its questions change on any instance (the
/// content-change seam: at once after this instance's own commit, and through PostgreSQL's notices after another's).</summary>
public sealed class RegistrationEventCacheInvalidation(ContentChanges changes, RegistrationEventCache cache) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        changes.Changed += OnChanged;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        changes.Changed -= OnChanged;
        return Task.CompletedTask;
    }

    private void OnChanged(ContentChange change)
    {
        if (change.TouchesAny(nameof(Event), nameof(EventQuestion))) cache.Forget();
    }
}
