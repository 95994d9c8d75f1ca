using Haven.Core.Accounts;
using Haven.Core.Organizations;
using NodaTime;

namespace Haven.Core.Api;

/// <summary>A secret that lets another system (a CMS, a script) write to the API for one organization, as its
/// editors would. Only the SHA-256 of the secret is stored; the short prefix tells tokens apart in lists and logs.</summary>
public sealed class ApiToken
{
    public const int NameMaxLength = 100;
    /// <summary>Every secret starts with this, so a leaked one is easy to recognize (and to scan for).</summary>
    public const string SecretPrefix = "haven_";
    /// <summary>How much of the secret is kept in clear: "haven_" and six characters of the random part.</summary>
    public const int VisiblePrefixLength = 12;

    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public Organization? Organization { get; set; }
    public required string Name { get; set; }
    public required string SecretHash { get; set; }
    public required string Prefix { get; set; }
    public required string CreatedById { get; set; }
    public required string CreatedByName { get; set; }
    public Instant CreatedAt { get; set; }
    public Instant? LastUsedAt { get; set; }
    public Instant? ExpiresAt { get; set; }
    public Instant? RevokedAt { get; set; }
    public string? RevokedByName { get; set; }

    public bool IsUsableAt(Instant now) => RevokedAt is null && (ExpiresAt is not { } expires || now < expires);

    /// <summary>The one who writes with this token: an editor of its organization and nothing more (never an
    /// administrator, never an approver), named in revisions and the audit log as the token.</summary>
    public Actor ActorFor(string organizationName, string? ipAddress) => new()
    {
        Name = $"API token \u2018{Name}\u2019 of {organizationName}",
        Memberships = new Dictionary<int, MembershipRole> { [OrganizationId] = MembershipRole.Editor },
        IpAddress = ipAddress,
    };
}
