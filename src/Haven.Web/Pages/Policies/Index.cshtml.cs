using Haven.Core.Policies;
using Haven.Core.Shared;
using Haven.Core.Taxonomy;
using Haven.Web.Policies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using NodaTime;

namespace Haven.Web.Pages.Policies;

/// <summary>The policy map: one area's positions across states or counties on a date (today unless the reader picks
/// another), drawn on the server as SVG, with the same data as a table beside it. Everything is in the query string,
/// so every map is a link.</summary>
public sealed class IndexModel(PolicyQueries queries, PolicyMap map, UsAtlas atlas, IClock clock, SiteSettings site,
    IStringLocalizer<Localization.SharedResource> localizer) : PageModel
{
    [FromQuery(Name = "area")] public string? Area { get; set; }
    [FromQuery(Name = "date")] public string? Date { get; set; }
    [FromQuery(Name = "level")] public string? Level { get; set; }
    [FromQuery(Name = "state")] public string? State { get; set; }

    public IReadOnlyList<PolicyArea> Areas { get; private set; } = [];
    public PolicyArea? Chosen { get; private set; }
    public LocalDate AsOf { get; private set; }
    public bool DateInvalid { get; private set; }
    public MapLevel MapLevel { get; private set; }
    /// <summary>The zoomed state's postal code, or null for the whole country.</summary>
    public string? StateCode { get; private set; }
    public IReadOnlyList<(string Code, string Name)> States { get; private set; } = [];
    /// <summary>The map, written straight to the response when the page writes it.</summary>
    public PolicyMap.MapDrawing? Map { get; private set; }
    public IReadOnlyList<MapRow> Rows { get; private set; } = [];
    public bool HasDemoData { get; private set; }

    public sealed record MapRow(string Fips, string Name, string StateCode, string Position, LocalDate Since);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Areas = await queries.AreasAsync(cancellationToken);
        States = atlas.StatePlaces.Select(p => (p.StateCode, p.Name)).ToList();
        if (Areas.Count == 0) return Page();
        Chosen = string.IsNullOrWhiteSpace(Area) ? Areas[0] : Areas.FirstOrDefault(a => a.Slug == Area);
        if (Chosen is null) return NotFound();

        var today = clock.GetCurrentInstant().InZone(site.Zone).Date;
        AsOf = today;
        if (!string.IsNullOrWhiteSpace(Date))
        {
            if (PolicyPeriods.TryParse(Date, out var date) && date is { } d) AsOf = d;
            else DateInvalid = true;
        }
        MapLevel = Level == "states" ? MapLevel.States : MapLevel.Counties;
        var state = string.IsNullOrWhiteSpace(State) ? null
            : atlas.StatePlaces.FirstOrDefault(p => string.Equals(p.StateCode, State.Trim(), StringComparison.OrdinalIgnoreCase));
        StateCode = state?.StateCode;

        var positions = Chosen.Positions.OrderBy(p => p.Order).ToList();
        var classBySlug = positions.Select((p, i) => (p.Slug, i)).ToDictionary(x => x.Slug, x => x.i);
        var kind = MapLevel == MapLevel.States ? JurisdictionKind.State : JurisdictionKind.County;
        var inForce = (await queries.AsOfAsync(Chosen.Id, AsOf, cancellationToken))
            .Where(p => p.Kind == kind && (state is null || p.Fips.StartsWith(state.Fips, StringComparison.Ordinal)))
            .ToList();
        HasDemoData = inForce.Any(p => p.IsDemo);

        var shading = new MapShading(
            positions.Take(PolicyMap.MaxClasses).Select(p => p.Label).ToList(),
            inForce.Where(p => classBySlug.GetValueOrDefault(p.PositionSlug, PolicyMap.MaxClasses) < PolicyMap.MaxClasses)
                .ToDictionary(p => p.Fips, p => classBySlug[p.PositionSlug]),
            localizer["No record"].Value);
        var title = state is null
            ? localizer["{0} on {1}", Chosen.Name, PolicyPeriods.Iso(AsOf)].Value
            : localizer["{0} in {1} on {2}", Chosen.Name, state.Name, PolicyPeriods.Iso(AsOf)].Value;
        Map = map.Draw(new MapRequest(MapLevel, shading, title) { StateFips = state?.Fips, PathBase = Request.PathBase.Value ?? "" });

        var places = atlas.PlacesByFips;
        var labels = positions.ToDictionary(p => p.Slug, p => p.Label);
        Rows = inForce.Where(p => places.ContainsKey(p.Fips))
            .Select(p => new MapRow(p.Fips, places[p.Fips].Name, places[p.Fips].StateCode, labels.GetValueOrDefault(p.PositionSlug, p.PositionSlug), p.EffectiveOn))
            .OrderBy(r => r.StateCode, StringComparer.Ordinal).ThenBy(r => r.Name, StringComparer.Ordinal).ToList();
        return Page();
    }

    /// <summary>This map's query string with one parameter changed.</summary>
    public string With(string key, string? value)
    {
        var query = new Dictionary<string, string?>
        {
            ["area"] = Chosen?.Slug, ["date"] = PolicyPeriods.Iso(AsOf), ["level"] = MapLevel == MapLevel.States ? "states" : null, ["state"] = StateCode,
        };
        query[key] = value;
        return "?" + string.Join("&", query.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value!)}"));
    }
}
