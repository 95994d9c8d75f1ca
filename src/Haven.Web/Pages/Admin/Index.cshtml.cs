using Haven.Core.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Haven.Web.Pages.Admin;

public sealed class IndexModel(HavenDbContext db) : PageModel
{
    public int ResourceCount { get; private set; }
    public int OrganizationCount { get; private set; }
    public int PersonCount { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        ResourceCount = await db.Resources.CountAsync(cancellationToken);
        OrganizationCount = await db.Organizations.CountAsync(cancellationToken);
        PersonCount = await db.People.CountAsync(cancellationToken);
    }
}
