using System.Collections.Concurrent;
using System.Diagnostics;

namespace Haven.Core.Events;

/// <summary>Events as registering needs them (the row and its questions, not tracked, never changed by anyone), kept
/// between posts of the registration form by slug, so a post reads nothing before its event's writer takes it. Emptied
/// whenever an event or its questions change on any instance (the web project hangs <see cref="Forget"/> on the
/// content-change notices) and in any case after <see cref="Lifetime"/>. A copy that is out of date for a moment does
/// no harm: the writer reads the event's revision under the event's lock and, when it moved, decides seats and writes
/// letters from the event as it now stands (see <see cref="RegisterForEvent"/>).</summary>
public sealed class RegistrationEventCache
{
    /// <summary>Changes made outside EF's SaveChanges (a site restored from an archive) send no notice: this bounds how
    /// long a copy can outlive them.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, Entry> _bySlug = new(StringComparer.Ordinal);
    private long _generation;

    /// <summary>The cached event for <paramref name="slug"/>, or what <paramref name="load"/> reads (kept when it is an
    /// event and nothing was forgotten while it was read).</summary>
    public async ValueTask<Event?> GetAsync(string slug, Func<CancellationToken, Task<Event?>> load, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(slug);
        ArgumentNullException.ThrowIfNull(load);
        if (_bySlug.TryGetValue(slug, out var entry) && Stopwatch.GetElapsedTime(entry.ReadAt) < Lifetime) return entry.Event;
        var generation = Interlocked.Read(ref _generation);
        var readAt = Stopwatch.GetTimestamp();
        var e = await load(cancellationToken);
        if (e is null) return null;
        // A change noticed while this was read may not be in it: then it is used once and not kept.
        if (Interlocked.Read(ref _generation) == generation) _bySlug[slug] = new Entry(e, readAt);
        return e;
    }

    /// <summary>Drops every cached event (an event or its questions changed somewhere).</summary>
    public void Forget()
    {
        Interlocked.Increment(ref _generation);
        _bySlug.Clear();
    }

    private sealed record Entry(Event Event, long ReadAt);
}
