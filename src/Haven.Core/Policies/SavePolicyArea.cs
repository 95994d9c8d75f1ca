using System.Globalization;
using Haven.Core.Accounts;
using Haven.Core.Audit;
using Haven.Core.Data;
using Haven.Core.Shared;
using Microsoft.EntityFrameworkCore;

namespace Haven.Core.Policies;

public sealed class PolicyPositionFields
{
    /// <summary>The saved position this row edits; null for a new one.</summary>
    public int? Id { get; set; }
    public string Label { get; set; } = "";
    public string Slug { get; set; } = "";
    public int Order { get; set; }
}

public sealed class PolicyAreaFields
{
    public string Name { get; set; } = "";
    public string Slug { get; set; } = "";
    public string Description { get; set; } = "";
    public int Position { get; set; }
    /// <summary>One row a position; a saved position whose label is emptied is removed (if no record uses it), an
    /// empty new row is ignored.</summary>
    public List<PolicyPositionFields> Positions { get; set; } = [];
}

/// <summary>Administrators define the policy areas and their positions.</summary>
public sealed class SavePolicyArea(HavenDbContext db, AuditLog audit)
{
    public async Task<Outcome<PolicyArea>> RunAsync(Actor actor, int? areaId, PolicyAreaFields fields, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(fields);
        if (!actor.IsAdministrator)
            return Outcome<PolicyArea>.Failure(new Problem("forbidden", "Only administrators define policy areas."));
        PolicyArea? area = null;
        if (areaId is { } id)
        {
            area = await db.PolicyAreas.Include(a => a.Positions).FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
            if (area is null) return Outcome<PolicyArea>.Failure(new Problem("not_found", "This policy area no longer exists."));
        }
        var before = area is null ? null : AuditView(area);
        var problems = new List<Problem>();
        var name = (fields.Name ?? "").Trim();
        if (name.Length == 0) problems.Add(new Problem("name_required", "Give the area a name.", "Name"));
        if (name.Length > PolicyArea.NameMaxLength) problems.Add(new Problem("name_too_long", "The name can have at most {0} characters.", "Name", PolicyArea.NameMaxLength));
        var description = (fields.Description ?? "").Trim();
        if (description.Length > PolicyArea.DescriptionMaxLength)
            problems.Add(new Problem("description_too_long", "The description can have at most {0} characters.", "Description", PolicyArea.DescriptionMaxLength));
        var selfId = area?.Id ?? 0;
        var slug = name.Length == 0 ? null : await UniqueSlug.ChooseAsync(fields.Slug, name, "area",
            db.PolicyAreas.Where(a => a.Id != selfId).Select(a => a.Slug),
            new Problem("slug_taken", "Another area already uses this address.", "Slug"), problems, cancellationToken);

        var rows = fields.Positions ?? [];
        var kept = new List<(PolicyPositionFields Row, string Slug)>();
        var removed = new List<PolicyPosition>();
        foreach (var row in rows)
        {
            var label = (row.Label ?? "").Trim();
            var existing = row.Id is { } pid ? area?.Positions.FirstOrDefault(p => p.Id == pid) : null;
            if (label.Length == 0)
            {
                if (existing is not null) removed.Add(existing);
                continue;
            }
            if (label.Length > PolicyPosition.LabelMaxLength)
                problems.Add(new Problem("label_too_long", "A position's label can have at most {0} characters.", "Positions", PolicyPosition.LabelMaxLength));
            var positionSlug = string.IsNullOrWhiteSpace(row.Slug) ? (existing?.Slug ?? Shared.Slug.From(label)) : Shared.Slug.From(row.Slug);
            if (positionSlug.Length == 0) positionSlug = "position";
            kept.Add((row, positionSlug));
        }
        if (kept.Count == 0) problems.Add(new Problem("positions_required", "Give the area at least one position.", "Positions"));
        // The map tells positions apart by colour, and more than seven shades of one scale cannot be told apart.
        if (kept.Count > PolicyArea.MaxPositions)
            problems.Add(new Problem("too_many_positions", "An area can have at most {0} positions: the map cannot show more colours apart.", "Positions", PolicyArea.MaxPositions));
        foreach (var duplicate in kept.GroupBy(k => k.Slug).Where(g => g.Count() > 1))
            problems.Add(new Problem("position_slug_taken", "Two positions have the same short name: {0}", "Positions", duplicate.Key));
        foreach (var gone in removed)
        {
            if (await db.PolicyRecords.AnyAsync(r => r.PositionId == gone.Id, cancellationToken))
                problems.Add(new Problem("position_in_use", "Records use the position “{0}”: it cannot be removed.", "Positions", gone.Label));
        }
        if (problems.Count > 0) return Outcome<PolicyArea>.Failure(problems);

        if (area is null)
        {
            area = new PolicyArea { Slug = slug!, Name = name };
            db.PolicyAreas.Add(area);
        }
        area.Slug = slug!;
        area.Name = name;
        area.Description = description;
        area.Position = fields.Position;
        foreach (var gone in removed) area.Positions.Remove(gone);
        foreach (var (row, positionSlug) in kept)
        {
            var position = row.Id is { } pid ? area.Positions.FirstOrDefault(p => p.Id == pid) : null;
            if (position is null)
            {
                position = new PolicyPosition { Slug = positionSlug, Label = row.Label.Trim() };
                area.Positions.Add(position);
            }
            position.Slug = positionSlug;
            position.Label = row.Label.Trim();
            position.Order = row.Order;
        }
        await db.SaveChangesAsync(cancellationToken);
        audit.Add(actor, AuditActions.PolicyAreaSaved, "policy_area", area.Id.ToString(CultureInfo.InvariantCulture), null,
            $"Saved the policy area \u201c{area.Name}\u201d", before, AuditView(area));
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<PolicyArea>.Success(area);
    }

    private static object AuditView(PolicyArea a) => new
    {
        a.Slug, a.Name, a.Description, a.Position,
        Positions = a.Positions.OrderBy(p => p.Order).Select(p => new { p.Slug, p.Label, p.Order }).ToList(),
    };
}
