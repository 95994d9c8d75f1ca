using Haven.Core.Data;
using Haven.Core.Taxonomy;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Haven.Core.Policies;

/// <summary>A jurisdiction's position on the map of one area on one date.</summary>
public sealed record MapPosition(string Fips, JurisdictionKind Kind, string PositionSlug, int Order, LocalDate EffectiveOn, bool IsDemo);

/// <summary>One line of the "what changed" list: a record, with the position it replaced (if any).</summary>
public sealed record PolicyChange(int RecordId, string JurisdictionName, string JurisdictionKey, string? StateCode,
    string AreaSlug, string AreaName, string PositionLabel, string? PreviousLabel, LocalDate EffectiveOn, LocalDate? EndsOn,
    PolicyBasis Basis, Instant UpdatedAt, bool IsDemo);

public sealed record PolicyChangesPage(IReadOnlyList<PolicyChange> Items, int Total, int Page, int PageSize)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>The reading side of the policy tracker: the map's as-of positions, the changes list and a place's history.</summary>
public sealed class PolicyQueries(HavenDbContext db)
{
    public const int ChangesPageSize = 50;

    /// <summary>The position of every state and county with a record in force on <paramref name="date"/>, in one query.</summary>
    public async Task<IReadOnlyList<MapPosition>> AsOfAsync(int areaId, LocalDate date, CancellationToken cancellationToken = default) =>
        await db.PolicyRecords.AsNoTracking()
            .Where(r => r.AreaId == areaId && r.EffectiveOn <= date && (r.EndsOn == null || r.EndsOn >= date)
                && r.Jurisdiction!.Fips != null
                && (r.Jurisdiction.Kind == JurisdictionKind.State || r.Jurisdiction.Kind == JurisdictionKind.County))
            .Select(r => new MapPosition(r.Jurisdiction!.Fips!, r.Jurisdiction.Kind, r.Position!.Slug, r.Position.Order, r.EffectiveOn, r.IsDemo))
            .ToListAsync(cancellationToken);

    /// <summary>Records newest first (by the day they took effect), filtered by area and state.</summary>
    public async Task<PolicyChangesPage> ChangesAsync(string? areaSlug, string? stateCode, int page, int pageSize = ChangesPageSize,
        CancellationToken cancellationToken = default)
    {
        page = Math.Max(1, page);
        var query = db.PolicyRecords.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(areaSlug)) query = query.Where(r => r.Area!.Slug == areaSlug);
        if (!string.IsNullOrWhiteSpace(stateCode))
        {
            var state = stateCode.Trim().ToUpperInvariant();
            query = query.Where(r => r.Jurisdiction!.StateCode == state);
        }
        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderByDescending(r => r.EffectiveOn).ThenByDescending(r => r.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(r => new
            {
                r.Id, r.JurisdictionId, r.AreaId, JurisdictionName = r.Jurisdiction!.Name, r.Jurisdiction.Fips, r.Jurisdiction.Slug,
                r.Jurisdiction.StateCode, AreaSlug = r.Area!.Slug, AreaName = r.Area.Name, r.Position!.Label, r.EffectiveOn, r.EndsOn,
                r.Basis, r.UpdatedAt, r.IsDemo,
            })
            .ToListAsync(cancellationToken);
        // The positions they replaced: the record of the same place and area that ended the day before.
        var jurisdictionIds = rows.Select(r => r.JurisdictionId).Distinct().ToList();
        var areaIds = rows.Select(r => r.AreaId).Distinct().ToList();
        var earlier = await db.PolicyRecords.AsNoTracking()
            .Where(r => jurisdictionIds.Contains(r.JurisdictionId) && areaIds.Contains(r.AreaId) && r.EndsOn != null)
            .Select(r => new { r.JurisdictionId, r.AreaId, r.EndsOn, r.Position!.Label })
            .ToListAsync(cancellationToken);
        var items = rows.Select(r => new PolicyChange(r.Id, r.JurisdictionName, r.Fips ?? r.Slug, r.StateCode, r.AreaSlug, r.AreaName, r.Label,
            earlier.FirstOrDefault(e => e.JurisdictionId == r.JurisdictionId && e.AreaId == r.AreaId && e.EndsOn == r.EffectiveOn.PlusDays(-1))?.Label,
            r.EffectiveOn, r.EndsOn, r.Basis, r.UpdatedAt, r.IsDemo)).ToList();
        return new PolicyChangesPage(items, total, page, pageSize);
    }

    /// <summary>Every record of a place with its area, position and sources: by area, each newest first.</summary>
    public async Task<IReadOnlyList<PolicyRecord>> HistoryAsync(int jurisdictionId, CancellationToken cancellationToken = default)
    {
        var records = await db.PolicyRecords.AsNoTracking()
            .Where(r => r.JurisdictionId == jurisdictionId)
            .Include(r => r.Area).Include(r => r.Position).Include(r => r.Sources)
            .ToListAsync(cancellationToken);
        return records.OrderBy(r => r.Area!.Position).ThenBy(r => r.Area!.Name)
            .ThenByDescending(r => r.EffectiveOn).ToList();
    }

    /// <summary>The areas in list order, with their positions in legend order.</summary>
    public async Task<IReadOnlyList<PolicyArea>> AreasAsync(CancellationToken cancellationToken = default)
    {
        var areas = await db.PolicyAreas.AsNoTracking().Include(a => a.Positions)
            .OrderBy(a => a.Position).ThenBy(a => a.Name).ToListAsync(cancellationToken);
        foreach (var area in areas) area.Positions = area.Positions.OrderBy(p => p.Order).ThenBy(p => p.Id).ToList();
        return areas;
    }
}
