using Haven.Core.Events;
using Haven.Web.Accounts;
using Haven.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Haven.Web.Pages.Admin.Events;

/// <summary>An event's registrations as a CSV download for its hosts, in the reader's language; each download is
/// audited with its count.</summary>
public sealed class ExportModel(ManageRegistrations manage, CurrentActor currentActor, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var outcome = await manage.ExportAsync(await currentActor.GetAsync(ct), id, s => localizer[s].Value, ct);
        if (outcome.Problems.Any(p => p.Code == "forbidden")) return Forbid();
        if (!outcome.Succeeded) return NotFound();
        // Personal data: never kept by a shared cache or the browser's.
        Response.Headers.CacheControl = "no-store";
        return File(outcome.Value!.Content, RegistrationsCsv.ContentType, outcome.Value.FileName);
    }
}
