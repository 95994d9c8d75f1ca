using Haven.Core.Audit;
using Haven.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Haven.Core.Accounts;

/// <summary>Taking roles away: an organization's lead (or an administrator) removes an editor or lead from the
/// organization; an administrator removes a site-wide role. Audited; the account's security stamp changes so any
/// session re-reads what it may do.</summary>
public sealed class Memberships(HavenDbContext db, UserManager<HavenUser> users, AuditLog audit)
{
    public async Task<bool> RemoveAsync(Actor actor, string userId, int organizationId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var membership = await db.Memberships.FirstOrDefaultAsync(m => m.UserId == userId && m.OrganizationId == organizationId, cancellationToken);
        if (membership is null) return false;
        if (!actor.Leads(organizationId))
        {
            await audit.WriteNowAsync(actor, AuditActions.RoleRevoked, "account", userId, organizationId, "Refused removing a member (not a lead of the organization)", cancellationToken: cancellationToken);
            return false;
        }
        var user = await users.FindByIdAsync(userId);
        db.Memberships.Remove(membership);
        audit.Add(actor, AuditActions.RoleRevoked, "account", userId, organizationId, $"{user?.Email ?? userId} is no longer {membership.Role} of the organization",
            before: new { Role = membership.Role.ToString(), membership.OrganizationId });
        await db.SaveChangesAsync(cancellationToken);
        if (user is not null) await users.UpdateSecurityStampAsync(user);
        return true;
    }

    /// <summary>Removes Administrator or Moderator; an administrator cannot remove their own administrator role (the
    /// site would risk having none).</summary>
    public async Task<bool> RemoveSiteRoleAsync(Actor actor, string userId, string role, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsAdministrator || role is not (Roles.Administrator or Roles.Moderator)) return false;
        if (role == Roles.Administrator && userId == actor.UserId) return false;
        var user = await users.FindByIdAsync(userId);
        if (user is null || !await users.IsInRoleAsync(user, role)) return false;
        await users.RemoveFromRoleAsync(user, role);
        await users.UpdateSecurityStampAsync(user);
        await audit.WriteNowAsync(actor, AuditActions.RoleRevoked, "account", userId, null, $"{user.Email} is no longer {role}",
            before: new { Role = role }, cancellationToken: cancellationToken);
        return true;
    }
}
