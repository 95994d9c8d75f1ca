using Haven.Core.Bills;
using Haven.Core.Resources;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;

namespace Haven.Web.Pages.Bills;

/// <summary>One bill: its details, every position with its reasons and action alerts, and the resources about it.</summary>
public sealed class ShowModel(BillLinks bills, IClock clock, Haven.Web.Accounts.CurrentActor currentActor) : PageModel
{
    public Bill Bill { get; private set; } = null!;
    public IReadOnlyList<Resource> Resources { get; private set; } = [];
    public IReadOnlyList<Haven.Core.Campaigns.Campaign> Campaigns { get; private set; } = [];
    public bool CanManage { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        var bill = await bills.BySlugAsync(slug, ct);
        if (bill is null) return NotFound();
        Bill = bill;
        Resources = await bills.ResourcesOfAsync(bill.Id, clock.GetCurrentInstant(), ct);
        Campaigns = await bills.CampaignsOfAsync(bill.Id, ct);
        CanManage = User.Identity?.IsAuthenticated == true && (await currentActor.GetAsync(ct)).CanAddBills;
        return Page();
    }
}
