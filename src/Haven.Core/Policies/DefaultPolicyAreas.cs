using Haven.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Haven.Core.Policies;

/// <summary>The areas a new site starts with, positions listed from the most to the least protective. Added at
/// start-up when the site has no area yet; administrators change and extend them afterwards.</summary>
public static class DefaultPolicyAreas
{
    public static readonly IReadOnlyList<(string Slug, string Name, string Description, (string Slug, string Label)[] Positions)> All =
    [
        ("ice-detainers", "ICE detainers", "Whether the jail holds people past their release for Immigration and Customs Enforcement.",
            [("declines", "Declines detainers"), ("judicial-warrant-only", "Honors only with a judicial warrant"), ("honors-all", "Honors all detainers")]),
        ("287g", "287(g) agreement", "Whether local officers are deputized to enforce federal immigration law, and under which model.",
            [("none", "No agreement"), ("warrant-service-officer", "Warrant service officer"), ("jail-enforcement", "Jail enforcement model"), ("task-force", "Task force model")]),
        ("cite-and-release", "Cite and release", "Whether officers issue a citation instead of arresting for minor offenses.",
            [("broad", "Broad cite and release"), ("partial", "Partial cite and release"), ("none", "No cite and release")]),
        ("marijuana-possession", "Marijuana possession", "How possession of small amounts of marijuana is treated.",
            [("legal", "Legal"), ("decriminalized", "Decriminalized (civil fine)"), ("low-priority", "Lowest enforcement priority"), ("criminal", "Criminal offense")]),
        ("drug-possession-felony-reform", "Drug-possession felony reform", "Whether simple drug possession has been reduced from a felony.",
            [("reclassified", "Reclassified as a misdemeanor or less"), ("partial", "Partly reformed (first offense or small amounts)"), ("felony", "Still a felony")]),
        ("pre-arrest-diversion", "Pre-arrest diversion", "Whether people can be sent to services instead of being arrested.",
            [("countywide", "Countywide program"), ("pilot", "Pilot or limited program"), ("none", "No program")]),
        ("detention-contract", "Detention contract", "Whether the jail rents beds to ICE for immigration detention.",
            [("none", "No contract"), ("ended", "Contract ended, winding down"), ("active", "Active contract")]),
        ("probation-cooperation", "Probation cooperation", "Whether probation officers share information with or refer people to ICE.",
            [("prohibited", "Cooperation prohibited"), ("limited", "Only when required by law"), ("routine", "Routine cooperation")]),
    ];

    /// <summary>Adds the default areas to a site that has none; returns how many were added.</summary>
    public static async Task<int> EnsureAsync(HavenDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (await db.PolicyAreas.AnyAsync(cancellationToken)) return 0;
        var position = 0;
        foreach (var (slug, name, description, positions) in All)
        {
            db.PolicyAreas.Add(new PolicyArea
            {
                Slug = slug, Name = name, Description = description, Position = position++,
                Positions = positions.Select((p, i) => new PolicyPosition { Slug = p.Slug, Label = p.Label, Order = i }).ToList(),
            });
        }
        await db.SaveChangesAsync(cancellationToken);
        return All.Count;
    }
}
