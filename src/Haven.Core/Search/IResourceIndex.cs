namespace Haven.Core.Search;

/// <summary>The writable side of the search engine. Each instance keeps its own index and follows the database's
/// change log (<see cref="SearchIndexChange"/>); the index remembers the last change it applied.</summary>
public interface IResourceIndex
{
    /// <summary>The id of the last change-log entry applied, or 0 for an empty or new index.</summary>
    long AppliedThrough { get; }

    /// <summary>Adds or replaces documents, removes others, and records <paramref name="throughChange"/> as applied,
    /// atomically; searches see the result as soon as this returns.</summary>
    void Apply(IReadOnlyCollection<ResourceSearchDocument> upserts, IReadOnlyCollection<int> deletions, long throughChange);

    /// <summary>Empties the index (before a full rebuild).</summary>
    void Clear();

    /// <summary>Rewrites the index into as few parts as it can (after a full rebuild): searches then pay their
    /// per-part costs once.</summary>
    void Compact();

    /// <summary>Builds caches and runs a few searches, so the first readers after start-up do not pay for them.</summary>
    void Warm();
}
