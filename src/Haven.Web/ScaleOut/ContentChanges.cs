namespace Haven.Web.ScaleOut;

/// <summary>What changed in one committed unit of work, by entity kind (the entity's CLR type name: "Resource",
/// "Topic", "Registration", ...). <see cref="Everything"/> means "assume anything changed": a listener that lost its
/// connection to the database may have missed notices, so it says so once it is back.</summary>
public sealed record ContentChange(IReadOnlySet<string> Kinds, bool Everything)
{
    public static readonly ContentChange All = new(new HashSet<string>(StringComparer.Ordinal), true);

    public bool Touches(string kind) => Everything || Kinds.Contains(kind);

    public bool TouchesAny(params ReadOnlySpan<string> kinds)
    {
        if (Everything) return true;
        foreach (var kind in kinds)
            if (Kinds.Contains(kind)) return true;
        return false;
    }
}

/// <summary>The one seam for "content changed on some instance". Every instance raises <see cref="Changed"/> for
/// every commit made on any instance, once that commit is visible: on PostgreSQL through LISTEN/NOTIFY (the notice is
/// sent inside the writing transaction, so PostgreSQL delivers it only on commit and drops it on rollback), on SQLite
/// (one process) in process after the commit. In-process caches hang on it (<see cref="ContentChangeSubscribers"/>);
/// output-cache eviction can later do the same (evict by tag in a handler). Handlers run on the listener's thread:
/// keep them short and never block; start background work rather than wait for it.</summary>
public sealed class ContentChanges(ILogger<ContentChanges> logger)
{
    public event Action<ContentChange>? Changed;

    /// <summary>How many notices this instance has handled (tests and diagnostics).</summary>
    public long Received => Interlocked.Read(ref _received);

    private long _received;

    internal void Raise(ContentChange change)
    {
        Interlocked.Increment(ref _received);
        var handlers = Changed;
        if (handlers is null) return;
        foreach (var handler in handlers.GetInvocationList().Cast<Action<ContentChange>>())
        {
            try
            {
                handler(change);
            }
            catch (Exception e)
            {
                logger.LogError(e, "A content-change handler failed");
            }
        }
    }
}
