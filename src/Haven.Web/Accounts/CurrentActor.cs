using System.Security.Claims;
using Haven.Core.Accounts;
using Haven.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Haven.Web.Accounts;

/// <summary>The <see cref="Actor"/> of the current request: roles from the sign-in cookie, organization memberships
/// read from the database once per request (so a membership granted or taken away counts at the next request).</summary>
public sealed class CurrentActor(IHttpContextAccessor http, HavenDbContext db)
{
    private Actor? _actor;

    public async Task<Actor> GetAsync(CancellationToken cancellationToken = default)
    {
        if (_actor is not null) return _actor;
        var context = http.HttpContext;
        var ip = context?.Connection.RemoteIpAddress?.ToString();
        var user = context?.User;
        var userId = user?.FindFirstValue(ClaimTypes.NameIdentifier);
        if (user?.Identity?.IsAuthenticated != true || userId is null)
            return _actor = Actor.Anonymous(ip);

        var memberships = await db.Memberships.AsNoTracking()
            .Where(m => m.UserId == userId)
            .ToDictionaryAsync(m => m.OrganizationId, m => m.Role, cancellationToken);
        return _actor = new Actor
        {
            UserId = userId,
            Name = user.Identity.Name ?? userId,
            IsAdministrator = user.IsInRole(Roles.Administrator),
            IsModerator = user.IsInRole(Roles.Moderator),
            Memberships = memberships,
            IpAddress = ip,
        };
    }
}
