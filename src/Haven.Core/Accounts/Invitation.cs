using NodaTime;

namespace Haven.Core.Accounts;

/// <summary>An emailed, single-use invitation to open an account with a role. Only a hash of its secret token is
/// stored, so a copy of the database cannot be used to accept invitations.</summary>
public sealed class Invitation
{
    public static readonly Duration Lifetime = Duration.FromDays(7);

    public int Id { get; set; }
    public required string TokenHash { get; set; }
    public required string Email { get; set; }
    public InvitedRole Role { get; set; }
    /// <summary>For <see cref="InvitedRole.Editor"/> and <see cref="InvitedRole.Lead"/>.</summary>
    public int? OrganizationId { get; set; }
    public required string InvitedById { get; set; }
    public Instant CreatedAt { get; set; }
    public Instant ExpiresAt { get; set; }
    public Instant? AcceptedAt { get; set; }
    public string? AcceptedById { get; set; }
    public Instant? RevokedAt { get; set; }
}

/// <summary>Stored values; never renumber.</summary>
public enum InvitedRole
{
    Editor = 0,
    Lead = 1,
    Moderator = 2,
    Administrator = 3,
}
