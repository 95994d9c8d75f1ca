using Haven.Core.Data;
using Haven.Core.People;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Haven.Web.Pages.Admin.People;

/// <summary>Speakers and contacts, by name, each shown as the public will see them.</summary>
public sealed class IndexModel(HavenDbContext db) : PageModel
{
    private const int PageSize = 50;

    public IReadOnlyList<Person> People { get; private set; } = [];
    public int PageNumber { get; private set; }
    public bool HasMore { get; private set; }

    public async Task OnGetAsync(int? page, CancellationToken cancellationToken)
    {
        PageNumber = Math.Clamp(page ?? 1, 1, 10_000);
        var people = await db.People.AsNoTracking().Include(p => p.Organization)
            .OrderBy(p => p.Name).ThenBy(p => p.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize + 1)
            .ToListAsync(cancellationToken);
        HasMore = people.Count > PageSize;
        People = people.Take(PageSize).ToList();
    }
}
