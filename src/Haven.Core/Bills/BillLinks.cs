using Haven.Core.Accounts;
using Haven.Core.Audit;
using Haven.Core.Data;
using Haven.Core.Resources;
using Haven.Core.Shared;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Haven.Core.Bills;

/// <summary>What the bills list shows: a jurisdiction, a session, a stance, action alerts only (each optional).</summary>
public sealed record BillFilter
{
    public string? Jurisdiction { get; init; }
    public string? Session { get; init; }
    public BillStance? Stance { get; init; }
    public bool AlertsOnly { get; init; }
}

/// <summary>Reading bills with what goes with them (jurisdiction, positions and their organizations), for the bills
/// pages and for anything that links bills: resources and campaigns (a link table and one method each).</summary>
public sealed class BillLinks(HavenDbContext db)
{
    private IQueryable<Bill> WithPositions() => db.Bills.AsNoTracking()
        .Include(b => b.Jurisdiction)
        .Include(b => b.Positions).ThenInclude(p => p.Organization)
        .AsSplitQuery();

    /// <summary>Every bill the filter lets through: by jurisdiction, then newest session, then number.</summary>
    public async Task<IReadOnlyList<Bill>> ListAsync(BillFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var query = WithPositions();
        if (!string.IsNullOrWhiteSpace(filter.Jurisdiction)) query = query.Where(b => b.Jurisdiction!.Slug == filter.Jurisdiction);
        if (!string.IsNullOrWhiteSpace(filter.Session))
        {
            var key = BillNumbers.SessionKey(filter.Session);
            query = query.Where(b => b.SessionKey == key);
        }
        if (filter.Stance is { } stance) query = query.Where(b => b.Positions.Any(p => p.Stance == stance));
        if (filter.AlertsOnly) query = query.Where(b => b.Positions.Any(p => p.IsActionAlert));
        var bills = await query.ToListAsync(cancellationToken);
        return Order(bills);
    }

    public Task<Bill?> BySlugAsync(string slug, CancellationToken cancellationToken = default) =>
        WithPositions().FirstOrDefaultAsync(b => b.Slug == slug, cancellationToken);

    /// <summary>The bills a resource concerns.</summary>
    public async Task<IReadOnlyList<Bill>> OfResourceAsync(int resourceId, CancellationToken cancellationToken = default) =>
        Order(await WithPositions().Where(b => db.ResourceBills.Any(l => l.ResourceId == resourceId && l.BillId == b.Id)).ToListAsync(cancellationToken));

    /// <summary>The bills a campaign concerns.</summary>
    public async Task<IReadOnlyList<Bill>> OfCampaignAsync(int campaignId, CancellationToken cancellationToken = default) =>
        Order(await WithPositions().Where(b => db.CampaignBills.Any(l => l.CampaignId == campaignId && l.BillId == b.Id)).ToListAsync(cancellationToken));

    /// <summary>The campaigns linked to a bill that readers may see (not drafts), newest first.</summary>
    public async Task<IReadOnlyList<Campaigns.Campaign>> CampaignsOfAsync(int billId, CancellationToken cancellationToken = default) =>
        await db.Campaigns.AsNoTracking()
            .Where(c => !c.IsDraft && db.CampaignBills.Any(l => l.BillId == billId && l.CampaignId == c.Id))
            .OrderByDescending(c => c.OpensAt).ThenBy(c => c.Id)
            .ToListAsync(cancellationToken);

    /// <summary>The resources linked to a bill that readers may see at <paramref name="now"/>.</summary>
    public async Task<IReadOnlyList<Resource>> ResourcesOfAsync(int billId, Instant now, CancellationToken cancellationToken = default)
    {
        var resources = await db.Resources.AsNoTracking()
            .Where(r => db.ResourceBills.Any(l => l.BillId == billId && l.ResourceId == r.Id))
            .ToListAsync(cancellationToken);
        return resources.Where(r => r.IsPublicAt(now)).OrderBy(r => r.Title, StringComparer.CurrentCulture).ToList();
    }

    /// <summary>Every bill, for a select ("SB 54 (2025-2026), California: title").</summary>
    public async Task<IReadOnlyList<Bill>> ChoicesAsync(CancellationToken cancellationToken = default) =>
        Order(await db.Bills.AsNoTracking().Include(b => b.Jurisdiction).ToListAsync(cancellationToken));

    /// <summary>The sessions in use, newest first, for the list's filter.</summary>
    public async Task<IReadOnlyList<string>> SessionsAsync(CancellationToken cancellationToken = default)
    {
        var sessions = await db.Bills.AsNoTracking().Select(b => new { b.SessionKey, b.Session }).ToListAsync(cancellationToken);
        return sessions.GroupBy(s => s.SessionKey).Select(g => g.First().Session).OrderByDescending(s => s, StringComparer.Ordinal).ToList();
    }

    private static List<Bill> Order(IEnumerable<Bill> bills) => bills
        .OrderBy(b => b.Jurisdiction?.Kind == Taxonomy.JurisdictionKind.Nation ? 0 : 1)
        .ThenBy(b => b.Jurisdiction?.Name, StringComparer.Ordinal)
        .ThenByDescending(b => b.Session, StringComparer.Ordinal)
        .ThenBy(b => b.NumberKey.Length).ThenBy(b => b.NumberKey, StringComparer.Ordinal)
        .ToList();
}

/// <summary>Sets the bills a resource or a campaign concerns (its editors only), replacing the list; audited in the
/// same save.</summary>
public sealed class LinkBills(HavenDbContext db, AuditLog audit)
{
    public const int MaxBills = 50;

    public async Task<Outcome<IReadOnlyList<int>>> ForResourceAsync(Actor actor, int resourceId, IReadOnlyCollection<int> billIds,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(billIds);
        var resource = await db.Resources.FirstOrDefaultAsync(r => r.Id == resourceId, cancellationToken);
        if (resource is null) return Outcome<IReadOnlyList<int>>.Failure(new Problem("not_found", "This resource no longer exists."));
        if (!actor.CanEdit(resource))
            return Outcome<IReadOnlyList<int>>.Failure(new Problem("forbidden", "Only editors of the organization this resource belongs to can change it."));
        if (await CheckAsync(billIds, "A resource can be linked to at most {0} bills.", cancellationToken) is { } problem)
            return Outcome<IReadOnlyList<int>>.Failure(problem);

        var current = await db.ResourceBills.Where(l => l.ResourceId == resourceId).ToListAsync(cancellationToken);
        var (before, after) = Replace(db.ResourceBills, current, l => l.BillId, billIds, id => new ResourceBill { ResourceId = resourceId, BillId = id });
        if (!before.SequenceEqual(after))
            audit.Add(actor, AuditActions.ResourceBillsLinked, "resource", SaveBill.Id(resourceId), resource.OwnerOrganizationId,
                $"Bills of \"{resource.Title}\" set", new { Bills = before }, new { Bills = after });
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<IReadOnlyList<int>>.Success(after);
    }

    public async Task<Outcome<IReadOnlyList<int>>> ForCampaignAsync(Actor actor, int campaignId, IReadOnlyCollection<int> billIds,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(billIds);
        var campaign = await db.Campaigns.Include(c => c.Leads).FirstOrDefaultAsync(c => c.Id == campaignId, cancellationToken);
        if (campaign is null) return Outcome<IReadOnlyList<int>>.Failure(new Problem("not_found", "This campaign no longer exists."));
        if (!actor.CanManage(campaign))
            return Outcome<IReadOnlyList<int>>.Failure(new Problem("forbidden", "Only editors of a lead organization can change this campaign."));
        if (await CheckAsync(billIds, "A campaign can be linked to at most {0} bills.", cancellationToken) is { } problem)
            return Outcome<IReadOnlyList<int>>.Failure(problem);

        var current = await db.CampaignBills.Where(l => l.CampaignId == campaignId).ToListAsync(cancellationToken);
        var (before, after) = Replace(db.CampaignBills, current, l => l.BillId, billIds, id => new CampaignBill { CampaignId = campaignId, BillId = id });
        if (!before.SequenceEqual(after))
            audit.Add(actor, AuditActions.CampaignBillsLinked, "campaign", SaveBill.Id(campaignId), campaign.Leads.OrderBy(l => l.Position).FirstOrDefault()?.OrganizationId,
                $"Bills of \"{campaign.Title}\" set", new { Bills = before }, new { Bills = after });
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<IReadOnlyList<int>>.Success(after);
    }

    private async Task<Problem?> CheckAsync(IReadOnlyCollection<int> billIds, string tooMany, CancellationToken cancellationToken)
    {
        var wanted = billIds.Distinct().ToList();
        if (wanted.Count > MaxBills) return new Problem("too_many_bills", tooMany, "BillIds", MaxBills);
        var known = await db.Bills.CountAsync(b => wanted.Contains(b.Id), cancellationToken);
        return known != wanted.Count ? new Problem("unknown_bill", "One of the chosen bills no longer exists.", "BillIds") : null;
    }

    /// <summary>Makes the link rows <paramref name="current"/> into exactly <paramref name="billIds"/>, returning the bill
    /// ids before and after, each in order.</summary>
    private static (List<int> Before, List<int> After) Replace<TLink>(DbSet<TLink> links, List<TLink> current, Func<TLink, int> billOf,
        IReadOnlyCollection<int> billIds, Func<int, TLink> link) where TLink : class
    {
        var wanted = billIds.Distinct().ToList();
        var before = current.Select(billOf).Order().ToList();
        links.RemoveRange(current.Where(l => !wanted.Contains(billOf(l))));
        links.AddRange(wanted.Where(id => !before.Contains(id)).Select(link));
        return (before, wanted.Order().ToList());
    }
}
