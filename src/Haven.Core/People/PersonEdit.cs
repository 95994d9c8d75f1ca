using Haven.Core.Accounts;

namespace Haven.Core.People;

/// <summary>What the people editor asks <see cref="SavePerson"/> to do.</summary>
public sealed record PersonEdit
{
    /// <summary>The person to change; null to create one.</summary>
    public int? PersonId { get; init; }
    /// <summary>Who saves: only administrators manage organizations and people; named in the audit log.</summary>
    public required Actor Actor { get; init; }
    public required PersonFields Fields { get; init; }
    /// <summary>A new photo as uploaded, or null to keep the current one.</summary>
    public Stream? Photo { get; init; }
    /// <summary>Drop the current photo (ignored when a new one is uploaded).</summary>
    public bool RemovePhoto { get; init; }
}
