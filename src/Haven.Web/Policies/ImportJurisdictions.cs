using Haven.Core.Data;
using Haven.Core.Taxonomy;
using Microsoft.EntityFrameworkCore;

namespace Haven.Web.Policies;

/// <summary>What an import did: rows added, existing rows completed (a missing kind or postal code filled in),
/// and rows left as they were.</summary>
public sealed record JurisdictionImportResult(int Added, int Completed, int Unchanged);

/// <summary>Brings every state and county of the embedded atlas into the jurisdictions table, matched by FIPS code:
/// a missing one is added; an existing one (made by hand or by the demo) keeps its row, slug and name, and only
/// gains what it lacks. Running it again changes nothing. Runs at start-up while the database has fewer counties
/// than the atlas, and as `haven jurisdictions import`.</summary>
public sealed class ImportJurisdictions(HavenDbContext db, UsAtlas atlas)
{
    public async Task<JurisdictionImportResult> RunAsync(CancellationToken cancellationToken = default)
    {
        var existing = await db.Jurisdictions.ToListAsync(cancellationToken);
        var byFips = existing.Where(j => j.Fips is not null).ToDictionary(j => j.Fips!);
        var slugs = existing.Select(j => j.Slug).ToHashSet(StringComparer.Ordinal);
        int added = 0, completed = 0, unchanged = 0;
        foreach (var place in atlas.Places)
        {
            if (byFips.TryGetValue(place.Fips, out var row))
            {
                var changed = false;
                if (row.Kind != place.Kind) { row.Kind = place.Kind; changed = true; }
                if (string.IsNullOrEmpty(row.StateCode)) { row.StateCode = place.StateCode; changed = true; }
                if (string.IsNullOrWhiteSpace(row.Name)) { row.Name = place.Name; changed = true; }
                if (changed) completed++; else unchanged++;
                continue;
            }
            // A hand-made place may already hold the slug (a city named like a county): the FIPS code tells them apart.
            var slug = slugs.Contains(place.Slug) ? $"{place.Slug}-{place.Fips}" : place.Slug;
            slugs.Add(slug);
            db.Jurisdictions.Add(new Jurisdiction
            {
                Slug = slug, Name = place.Name, Kind = place.Kind, Fips = place.Fips, StateCode = place.StateCode,
            });
            added++;
        }
        await db.SaveChangesAsync(cancellationToken);
        return new JurisdictionImportResult(added, completed, unchanged);
    }

    /// <summary>True while the database has fewer counties with a FIPS code than the atlas (a new site).</summary>
    public async Task<bool> IsNeededAsync(CancellationToken cancellationToken = default)
    {
        var atlasCounties = atlas.Places.Count(p => p.Kind == JurisdictionKind.County);
        var counties = await db.Jurisdictions.CountAsync(j => j.Kind == JurisdictionKind.County && j.Fips != null, cancellationToken);
        return counties < atlasCounties;
    }
}
