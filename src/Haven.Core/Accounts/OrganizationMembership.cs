namespace Haven.Core.Accounts;

/// <summary>An account's place in an organization: editors manage its content, the lead also invites and manages
/// its editors and sees its audit log.</summary>
public sealed class OrganizationMembership
{
    public required string UserId { get; set; }
    public int OrganizationId { get; set; }
    public MembershipRole Role { get; set; }
}

/// <summary>Stored values; never renumber.</summary>
public enum MembershipRole
{
    Editor = 0,
    Lead = 1,
}
