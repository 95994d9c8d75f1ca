using Microsoft.AspNetCore.Authorization;

namespace Haven.Web.Accounts;

/// <summary>Authorization policies beyond the site-wide roles.</summary>
public static class Policies
{
    /// <summary>Anyone with a role: administrators, moderators, and editors or leads of an organization. The
    /// workspace (/admin) needs it; each page then narrows what the actor sees and may change.</summary>
    public const string Staff = "Staff";
}

public sealed class StaffRequirement : IAuthorizationRequirement;

/// <summary>Checks <see cref="StaffRequirement"/> against the request's <see cref="CurrentActor"/> (memberships come
/// from the database, so a removed editor loses access at their next request).</summary>
public sealed class StaffHandler(CurrentActor currentActor) : AuthorizationHandler<StaffRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, StaffRequirement requirement)
    {
        if ((await currentActor.GetAsync()).IsStaff) context.Succeed(requirement);
    }
}
