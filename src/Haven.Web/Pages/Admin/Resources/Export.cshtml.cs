using Haven.Core.Data;
using Haven.Core.Resources;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Net.Http.Headers;
using NodaTime;
using NodaTime.Text;

namespace Haven.Web.Pages.Admin.Resources;

/// <summary>The resources the signed-in editor may see, as CSV in the import's columns (drafts included, marked in
/// the status column), so an export imports back unchanged.</summary>
public sealed class ExportModel(HavenDbContext db, IClock clock, Haven.Web.Accounts.CurrentActor currentActor) : PageModel
{
    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var actor = await currentActor.GetAsync(ct);
        if (!actor.CanImportResources) return Forbid();
        var day = LocalDatePattern.Iso.Format(clock.GetCurrentInstant().InUtc().Date);
        using var buffer = new MemoryStream();
        await ResourceCsv.WriteAsync(db, actor, buffer, ct);
        Response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
        Response.Headers[HeaderNames.CacheControl] = "no-store";
        return File(buffer.ToArray(), "text/csv; charset=utf-8", $"haven-resources-{day}.csv");
    }
}
