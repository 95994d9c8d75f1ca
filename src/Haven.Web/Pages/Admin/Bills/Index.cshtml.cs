using Haven.Core.Bills;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Haven.Web.Pages.Admin.Bills;

/// <summary>Bills for editors: every bill, with links to edit and state positions.</summary>
public sealed class IndexModel(BillLinks bills, Haven.Web.Accounts.CurrentActor currentActor) : PageModel
{
    public IReadOnlyList<Bill> Bills { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!(await currentActor.GetAsync(ct)).CanAddBills) return Forbid();
        Bills = await bills.ListAsync(new BillFilter(), ct);
        return Page();
    }
}
