using Haven.Core.Accounts;
using Haven.Core.Audit;
using Haven.Core.Data;
using Haven.Core.Shared;
using Haven.Web.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;

namespace Haven.Web.Pages.Admin.Audit;

/// <summary>The audit log, newest first, with filters. Administrators read every entry; an organization's lead reads
/// the entries of the organizations they lead, and nothing else.</summary>
public sealed class IndexModel(HavenDbContext db, CurrentActor currentActor, SiteSettings site) : PageModel
{
    public const int PageSize = 50;

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];
    public IReadOnlyList<(int Id, string Name)> Organizations { get; private set; } = [];
    public string Action { get; private set; } = "";
    public string ActorText { get; private set; } = "";
    public int? Organization { get; private set; }
    public string From { get; private set; } = "";
    public string To { get; private set; } = "";
    public long? Before { get; private set; }
    public long? NextBefore { get; private set; }
    public bool IsAdministrator { get; private set; }
    public DateTimeZone Zone => site.Zone;

    public async Task<IActionResult> OnGetAsync(string? action, string? actor, int? organization, string? from, string? to, long? before, CancellationToken ct)
    {
        var me = await currentActor.GetAsync(ct);
        IsAdministrator = me.IsAdministrator;
        var led = me.LedOrganizationIds;
        if (!me.IsAdministrator && led.Count == 0) return Forbid();
        if (organization is { } wanted && !me.CanReadAuditLogOf(wanted)) return Forbid();

        Action = (action ?? "").Trim();
        ActorText = (actor ?? "").Trim();
        Organization = organization;
        From = (from ?? "").Trim();
        To = (to ?? "").Trim();
        Before = before;

        var query = db.AuditLog.AsNoTracking();
        if (!me.IsAdministrator)
            query = query.Where(a => a.OrganizationId != null && led.Contains(a.OrganizationId.Value));
        if (Organization is { } id) query = query.Where(a => a.OrganizationId == id);
        if (Action.Length > 0) query = query.Where(a => a.Action.StartsWith(Action));
        if (ActorText.Length > 0) query = query.Where(a => a.ActorName.ToLower().Contains(ActorText.ToLower()));
        // Dates are the site's calendar days; an unreadable date is ignored rather than refused.
        if (ParseDay(From) is { } fromDay) { var start = fromDay.AtStartOfDayInZone(site.Zone).ToInstant(); query = query.Where(a => a.At >= start); }
        if (ParseDay(To) is { } toDay) { var end = toDay.PlusDays(1).AtStartOfDayInZone(site.Zone).ToInstant(); query = query.Where(a => a.At < end); }
        if (Before is { } b) query = query.Where(a => a.Id < b);

        var entries = await query.OrderByDescending(a => a.Id).Take(PageSize + 1).ToListAsync(ct);
        NextBefore = entries.Count > PageSize ? entries[PageSize - 1].Id : null;
        Entries = entries.Take(PageSize).ToList();

        var visible = me.IsAdministrator ? null : led;
        Organizations = (await db.Organizations.AsNoTracking()
                .Where(o => visible == null || visible.Contains(o.Id))
                .OrderBy(o => o.Name).Select(o => new { o.Id, o.Name }).ToListAsync(ct))
            .Select(o => (o.Id, o.Name)).ToList();
        return Page();
    }

    public string When(Instant at) => at.InZone(site.Zone).ToString("uuuu-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);

    public string? OrganizationName(int? id) => id is { } i ? Organizations.FirstOrDefault(o => o.Id == i).Name : null;

    private static LocalDate? ParseDay(string text) =>
        text.Length > 0 && LocalDatePattern.Iso.Parse(text) is { Success: true } result ? result.Value : null;
}
