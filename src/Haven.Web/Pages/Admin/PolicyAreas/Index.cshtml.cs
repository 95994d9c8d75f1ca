using Haven.Core.Policies;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Haven.Web.Pages.Admin.PolicyAreas;

/// <summary>The policy areas in list order, with their positions.</summary>
public sealed class IndexModel(PolicyQueries queries) : PageModel
{
    public IReadOnlyList<PolicyArea> Areas { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Areas = await queries.AreasAsync(cancellationToken);
}
