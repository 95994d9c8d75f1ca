using Microsoft.AspNetCore.Identity;

namespace Haven.Core.Accounts;

/// <summary>A person who signs in to manage content.</summary>
public sealed class HavenUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
}

/// <summary>Site-wide roles (Identity roles). Organization roles are <see cref="OrganizationMembership"/>s.</summary>
public static class Roles
{
    public const string Administrator = "Administrator";
    public const string Moderator = "Moderator";
}
