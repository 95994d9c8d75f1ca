using NodaTime;

namespace Haven.Core.Resources;

/// <summary>A saved state of a resource, kept so editors can see what changed and bring an old version back.</summary>
public sealed class ResourceRevision
{
    public long Id { get; set; }
    public int ResourceId { get; set; }
    public int Number { get; set; }
    public Instant At { get; set; }
    public required string By { get; set; }
    /// <summary>What the save did ("Saved draft", "Published"...), in English; shown through localization.</summary>
    public required string Action { get; set; }
    /// <summary>The editable fields as JSON (<see cref="ResourceSnapshot"/>).</summary>
    public required string Snapshot { get; set; }
}
