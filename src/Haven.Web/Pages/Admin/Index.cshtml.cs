using Haven.Core.Accounts;
using Haven.Core.Data;
using Haven.Web.Accounts;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Haven.Web.Pages.Admin;

/// <summary>The workspace's home: what this actor can manage.</summary>
public sealed class IndexModel(HavenDbContext db, CurrentActor currentActor) : PageModel
{
    public Actor Actor { get; private set; } = Actor.Anonymous();
    public int ResourceCount { get; private set; }
    public int OrganizationCount { get; private set; }
    public int PersonCount { get; private set; }
    /// <summary>Organizations this actor leads (all of them for administrators is not listed: they see everything).</summary>
    public IReadOnlyList<(int Id, string Name)> Led { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Actor = await currentActor.GetAsync(cancellationToken);
        var mine = Actor.Memberships.Keys.ToList();
        ResourceCount = Actor.IsAdministrator
            ? await db.Resources.CountAsync(cancellationToken)
            : await db.Resources.CountAsync(r => (r.OwnerOrganizationId != null && mine.Contains(r.OwnerOrganizationId.Value)) || r.Authors.Any(a => mine.Contains(a.OrganizationId)), cancellationToken);
        if (Actor.IsAdministrator)
        {
            OrganizationCount = await db.Organizations.CountAsync(cancellationToken);
            PersonCount = await db.People.CountAsync(cancellationToken);
        }
        var led = Actor.LedOrganizationIds;
        Led = (await db.Organizations.AsNoTracking().Where(o => led.Contains(o.Id)).OrderBy(o => o.Name).Select(o => new { o.Id, o.Name }).ToListAsync(cancellationToken))
            .Select(o => (o.Id, o.Name)).ToList();
    }
}
