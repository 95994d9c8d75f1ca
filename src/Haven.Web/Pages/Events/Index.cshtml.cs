using Haven.Core.Data;
using Haven.Core.Events;
using Haven.Web.Events;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Haven.Web.Pages.Events;

/// <summary>Upcoming events, soonest first (cancelled and postponed ones included, labelled), or past ones, newest
/// first; narrowed by kind, topic, host organization and language.</summary>
public sealed class IndexModel(HavenDbContext db, IClock clock) : PageModel
{
    public const int PageSize = 20;

    public bool Past { get; private set; }
    public EventFilter Filter { get; private set; } = new(null, "", "", "");
    public EventKind? Kind { get; private set; }
    public string Topic { get; private set; } = "";
    public string Organization { get; private set; } = "";
    public string Language { get; private set; } = "";
    public int PageNumber { get; private set; } = 1;
    public int LastPage { get; private set; } = 1;
    public int Total { get; private set; }
    public IReadOnlyList<Event> Events { get; private set; } = [];
    public IReadOnlyList<(string Slug, string Name, string NameEs)> TopicOptions { get; private set; } = [];
    public IReadOnlyList<(string Slug, string Name)> OrganizationOptions { get; private set; } = [];
    public IReadOnlyList<string> LanguageOptions { get; private set; } = [];
    public bool HasFilters => Kind is not null || Topic.Length > 0 || Organization.Length > 0 || Language.Length > 0;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var query = Request.Query;
        Past = query["when"] == "past";
        Filter = EventFilter.FromQuery(query);
        (Kind, Topic, Organization, Language) = (Filter.Kind, Filter.Topic, Filter.Organization, Filter.Language);
        PageNumber = int.TryParse(query["page"], out var p) && p > 0 ? Math.Min(p, 100_000) : 1;

        var now = clock.GetCurrentInstant();
        // Drafts are their hosts' business until published.
        var events = Filter.Apply(db.Events.AsNoTracking().Where(e => !e.IsDraft));
        // The end is start plus duration, which the databases cannot compare portably: narrow by start (no event
        // lasts longer than MaxDuration), then decide on the end here, from the few columns needed to order and page.
        var earliestUnfinished = now - Event.MaxDuration;
        events = Past ? events.Where(e => e.StartsAt <= now) : events.Where(e => e.StartsAt > earliestUnfinished);
        var times = await events.Select(e => new { e.Id, e.StartsAt, e.DurationMinutes }).ToListAsync(cancellationToken);
        var matching = times.Where(t => (t.StartsAt + Duration.FromMinutes(t.DurationMinutes) <= now) == Past);
        var ordered = (Past ? matching.OrderByDescending(t => t.StartsAt) : matching.OrderBy(t => t.StartsAt)).ThenBy(t => t.Id).Select(t => t.Id).ToList();
        Total = ordered.Count;
        LastPage = Math.Max(1, (Total + PageSize - 1) / PageSize);
        var ids = ordered.Skip((Math.Min(PageNumber, LastPage) - 1) * PageSize).Take(PageSize).ToList();
        var loaded = await db.Events.AsNoTracking()
            .Include(e => e.Hosts.OrderBy(h => h.Position)).ThenInclude(h => h.Organization)
            .Where(e => ids.Contains(e.Id))
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        Events = ids.Select(id => loaded.First(e => e.Id == id)).ToList();

        TopicOptions = (await db.Events.AsNoTracking().Where(e => !e.IsDraft).SelectMany(e => e.Topics).Select(t => new { t.Slug, t.Name, t.NameEs }).Distinct()
            .ToListAsync(cancellationToken)).OrderBy(t => t.Name, StringComparer.CurrentCulture).Select(t => (t.Slug, t.Name, t.NameEs)).ToList();
        OrganizationOptions = (await db.Events.AsNoTracking().Where(e => !e.IsDraft).SelectMany(e => e.Hosts).Select(h => new { h.Organization.Slug, h.Organization.Name }).Distinct()
            .ToListAsync(cancellationToken)).OrderBy(o => o.Name, StringComparer.CurrentCulture).Select(o => (o.Slug, o.Name)).ToList();
        LanguageOptions = await db.Events.AsNoTracking().Where(e => !e.IsDraft).Select(e => e.Language).Distinct().OrderBy(l => l).ToListAsync(cancellationToken);
    }

    /// <summary>This list's address with some parameters changed (null removes one).</summary>
    public string Href(bool? past = null, int? page = null)
    {
        var parameters = new List<KeyValuePair<string, string?>>();
        if (past ?? Past) parameters.Add(new("when", "past"));
        parameters.AddRange(Filter.Parameters());
        if ((page ?? 1) > 1) parameters.Add(new("page", page!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return Url.Content("~/events") + Microsoft.AspNetCore.Http.QueryString.Create(parameters).ToUriComponent();
    }
}
