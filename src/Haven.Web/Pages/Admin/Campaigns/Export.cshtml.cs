using Haven.Core.Campaigns;
using Haven.Web.Accounts;
using Haven.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Haven.Web.Pages.Admin.Campaigns;

/// <summary>A campaign's signatures as a CSV download for its moderators, in the reader's language; each download is
/// audited with its count.</summary>
public sealed class ExportModel(ModerateEndorsements moderate, CurrentActor currentActor, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var outcome = await moderate.ExportAsync(await currentActor.GetAsync(ct), id, s => localizer[s].Value, ct);
        if (outcome.Problems.Any(p => p.Code == "forbidden")) return Forbid();
        if (!outcome.Succeeded) return NotFound();
        Response.Headers.CacheControl = "no-store";
        return File(outcome.Value!.Content, EndorsementsCsv.ContentType, outcome.Value.FileName);
    }
}
