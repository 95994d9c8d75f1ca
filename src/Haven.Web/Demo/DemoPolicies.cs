using Haven.Core.Data;
using Haven.Core.Policies;
using Haven.Core.Shared;
using Haven.Core.Taxonomy;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Haven.Web.Demo;

/// <summary>Made-up policy histories for thirty counties and eight states, so the tracker has something to show. Every
/// record is marked <see cref="PolicyRecord.IsDemo"/>, and pages showing one carry a "demo data" banner. Counties that
/// are not in the database yet are added by FIPS code (the full Census import upserts by FIPS later).</summary>
public sealed class DemoPolicies(HavenDbContext db, IClock clock)
{
    private static readonly Dictionary<string, string> States = new()
    {
        ["AZ"] = "Arizona", ["CA"] = "California", ["FL"] = "Florida", ["IL"] = "Illinois",
        ["NY"] = "New York", ["OR"] = "Oregon", ["TX"] = "Texas", ["WA"] = "Washington",
    };

    /// <summary>States whose counties in the demo tend to move towards protection (the others away from it).</summary>
    private static readonly HashSet<string> Protective = ["CA", "IL", "NY", "OR", "WA"];

    private static readonly (string Fips, string Name, string State)[] Counties =
    [
        ("06037", "Los Angeles County", "CA"), ("06073", "San Diego County", "CA"), ("06075", "San Francisco County", "CA"),
        ("06001", "Alameda County", "CA"), ("06085", "Santa Clara County", "CA"), ("06059", "Orange County", "CA"),
        ("06067", "Sacramento County", "CA"), ("17031", "Cook County", "IL"), ("17043", "DuPage County", "IL"),
        ("36061", "New York County", "NY"), ("36047", "Kings County", "NY"), ("36081", "Queens County", "NY"),
        ("36029", "Erie County", "NY"), ("48201", "Harris County", "TX"), ("48113", "Dallas County", "TX"),
        ("48453", "Travis County", "TX"), ("48029", "Bexar County", "TX"), ("48141", "El Paso County", "TX"),
        ("12086", "Miami-Dade County", "FL"), ("12011", "Broward County", "FL"), ("12057", "Hillsborough County", "FL"),
        ("12095", "Orange County", "FL"), ("04013", "Maricopa County", "AZ"), ("04019", "Pima County", "AZ"),
        ("53033", "King County", "WA"), ("53053", "Pierce County", "WA"), ("53061", "Snohomish County", "WA"),
        ("41051", "Multnomah County", "OR"), ("41067", "Washington County", "OR"), ("41039", "Lane County", "OR"),
    ];

    private static readonly string[] CountyAreas = ["ice-detainers", "287g", "cite-and-release", "detention-contract", "pre-arrest-diversion", "probation-cooperation"];

    /// <summary>Adds the demo records to a site without policy records; returns how many were added.</summary>
    public async Task<int> LoadAsync(CancellationToken cancellationToken = default)
    {
        if (await db.PolicyRecords.AnyAsync(cancellationToken)) return 0;
        await DefaultPolicyAreas.EnsureAsync(db, cancellationToken);
        var areas = await db.PolicyAreas.Include(a => a.Positions).ToDictionaryAsync(a => a.Slug, cancellationToken);
        if (CountyAreas.Any(a => !areas.ContainsKey(a)) || !areas.ContainsKey("marijuana-possession")) return 0;

        var places = new List<(Jurisdiction Place, string State)>();
        foreach (var (code, name) in States)
            places.Add((await EnsureAsync(StateFips(code), name, JurisdictionKind.State, code, cancellationToken), code));
        foreach (var (fips, name, state) in Counties)
            places.Add((await EnsureAsync(fips, $"{name}, {States[state]}", JurisdictionKind.County, state, cancellationToken), state));
        await db.SaveChangesAsync(cancellationToken);

        var now = clock.GetCurrentInstant();
        var random = new Random(20261124);
        var count = 0;
        foreach (var (place, state) in places)
        {
            var areaSlugs = place.Kind == JurisdictionKind.State ? ["marijuana-possession", "drug-possession-felony-reform"] : CountyAreas;
            foreach (var slug in areaSlugs)
            {
                var area = areas[slug];
                var positions = area.Positions.OrderBy(p => p.Order).ToList();
                var last = positions.Count - 1;
                // Start somewhere in the middle, then move one or two steps, towards protection or away from it.
                var index = Protective.Contains(state) ? last : random.Next(1, positions.Count);
                var start = new LocalDate(2010 + random.Next(0, 4), 1 + random.Next(0, 12), 1);
                var steps = 1 + random.Next(0, 3);
                var periods = new List<(PolicyPosition Position, LocalDate Start)> { (positions[index], start) };
                for (var s = 1; s < steps; s++)
                {
                    index = Protective.Contains(state) ? Math.Max(0, index - 1 - random.Next(0, 2)) : Math.Min(last, index + 1);
                    start = start.PlusMonths(18 + random.Next(0, 48));
                    if (start.Year > 2025 || periods[^1].Position == positions[index]) break;
                    periods.Add((positions[index], start));
                }
                for (var p = 0; p < periods.Count; p++)
                {
                    var record = new PolicyRecord
                    {
                        JurisdictionId = place.Id, AreaId = area.Id, PositionId = periods[p].Position.Id, EffectiveOn = periods[p].Start,
                        EndsOn = p + 1 < periods.Count ? periods[p + 1].Start.PlusDays(-1) : null,
                        Basis = random.Next(0, 4) == 0 ? PolicyBasis.ObservedPractice : PolicyBasis.WrittenPolicy,
                        Excerpt = p == periods.Count - 1 && slug == "ice-detainers" && periods[p].Position.Slug != "honors-all"
                            ? "The Sheriff shall not hold any person beyond their scheduled release solely on the basis of an immigration detainer unless it is accompanied by a warrant signed by a judge."
                            : "",
                        Notes = "Demonstration record: invented for this demo site, not a statement about this place.",
                        VerifiedOn = p == periods.Count - 1 ? new LocalDate(2025, 1 + random.Next(0, 12), 1 + random.Next(0, 28)) : null,
                        VerifiedByName = p == periods.Count - 1 ? "Demo content" : "",
                        IsDemo = true, CreatedAt = now, UpdatedAt = now,
                        Sources = [new PolicySource { Url = $"https://example.org/demo/{place.Fips}/{slug}/{PolicyPeriods.Iso(periods[p].Start)}", Title = "Demonstration source (not a real document)" }],
                    };
                    db.PolicyRecords.Add(record);
                    count++;
                }
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        return count;
    }

    private async Task<Jurisdiction> EnsureAsync(string fips, string name, JurisdictionKind kind, string state, CancellationToken cancellationToken)
    {
        var existing = await db.Jurisdictions.FirstOrDefaultAsync(j => j.Fips == fips, cancellationToken)
            ?? db.Jurisdictions.Local.FirstOrDefault(j => j.Fips == fips);
        if (existing is not null) return existing;
        var baseSlug = Slug.From(kind == JurisdictionKind.State ? name : $"{name.Split(',')[0]} {state}");
        var slug = await db.Jurisdictions.AnyAsync(j => j.Slug == baseSlug, cancellationToken) ? $"{baseSlug}-{fips}" : baseSlug;
        var created = new Jurisdiction { Slug = slug, Name = name, Kind = kind, Fips = fips, StateCode = state };
        db.Jurisdictions.Add(created);
        await db.SaveChangesAsync(cancellationToken);
        return created;
    }

    private static string StateFips(string code) => code switch
    {
        "AZ" => "04", "CA" => "06", "FL" => "12", "IL" => "17", "NY" => "36", "OR" => "41", "TX" => "48", "WA" => "53",
        _ => throw new ArgumentOutOfRangeException(nameof(code)),
    };
}
