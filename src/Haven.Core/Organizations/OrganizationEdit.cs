using Haven.Core.Accounts;

namespace Haven.Core.Organizations;

/// <summary>What the organization editor asks <see cref="SaveOrganization"/> to do.</summary>
public sealed record OrganizationEdit
{
    /// <summary>The organization to change; null to create one.</summary>
    public int? OrganizationId { get; init; }
    /// <summary>Who saves: only administrators manage organizations and people; named in the audit log.</summary>
    public required Actor Actor { get; init; }
    public required OrganizationFields Fields { get; init; }
    /// <summary>A new logo as uploaded, or null to keep the current one.</summary>
    public Stream? Logo { get; init; }
    /// <summary>Drop the current logo (ignored when a new one is uploaded).</summary>
    public bool RemoveLogo { get; init; }
}
