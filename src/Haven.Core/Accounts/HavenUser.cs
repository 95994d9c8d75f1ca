using Microsoft.AspNetCore.Identity;

namespace Haven.Core.Accounts;

/// <summary>A person who signs in to manage content.</summary>
public sealed class HavenUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
}

/// <summary>Role names. Editors, moderators and organization scoping come with the accounts issue.</summary>
public static class Roles
{
    public const string Administrator = "Administrator";
}
