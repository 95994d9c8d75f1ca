using Haven.Core.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Haven.Web.Pages.Admin.Organizations;

/// <summary>Every organization, by name (a coalition has dozens, not thousands).</summary>
public sealed class IndexModel(HavenDbContext db) : PageModel
{
    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public sealed record Row(int Id, string Name, string ShortName, string Slug, bool HasLogo, bool RequiresReview);

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Rows = await db.Organizations.AsNoTracking().OrderBy(o => o.Name).ThenBy(o => o.Id)
            .Select(o => new Row(o.Id, o.Name, o.ShortName, o.Slug, o.LogoKey != null, o.RequiresReview))
            .ToListAsync(cancellationToken);
}
