using NodaTime;

namespace Haven.Core.Search;

/// <summary>A row of the change log search indexes follow: written in the same transaction as the change to the
/// resource, so every instance's index can catch up with exactly what was committed.</summary>
public sealed class SearchIndexChange
{
    public long Id { get; set; }
    public int ResourceId { get; set; }
    public Instant At { get; set; }
}
