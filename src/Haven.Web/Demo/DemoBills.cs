using Haven.Core.Accounts;
using Haven.Core.Bills;
using Haven.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Haven.Web.Demo;

/// <summary>A few bills with positions for the demonstration site, marked <see cref="Bill.IsDemo"/>: the numbers
/// and sessions of the two vote recommendations in the demo library (linked to them), and two invented ones. The
/// positions and reasons are made up. Skipped when any bill exists or a place or organization it needs is missing.</summary>
public sealed class DemoBills(HavenDbContext db, SaveBill saveBill, StateBillPosition positions, LinkBills links)
{
    private sealed record DemoPosition(string? Organization, BillStance Stance, string TakenOn, string Reasons, string CallToAction = "", string ActionUrl = "");

    private sealed record DemoBill(string Jurisdiction, BillChamber Chamber, string Number, string Session, string Title, string Status,
        string? Resource, DemoPosition[] Positions);

    private static readonly DemoBill[] Bills =
    [
        new("california", BillChamber.Senate, "SB 54", "2017-2018", "California Values Act: limits on state and local cooperation with immigration enforcement",
            "Chaptered", "vote-recommendation-support-california-sb-54",
            [
                new(null, BillStance.Support, "2017-03-01", "Keeps local police and jails out of immigration enforcement, so people can report crimes and go to court without fear.\n\n*Demonstration position: invented for this demo site.*"),
                new("riverbend-immigrant-legal-center", BillStance.Support, "2017-02-15", "Ends most detainer holds and transfers to ICE from county jails.\n\n*Demonstration position.*"),
                new("comunidades-unidas-en-accion", BillStance.Support, "2017-02-20", "Protects families in our neighborhoods.\n\n*Demonstration position.*"),
            ]),
        new("oregon", BillChamber.House, "HB 4002", "2024 Regular Session", "Drug possession penalties and treatment access",
            "Signed by the governor", "vote-recommendation-oppose-oregon-hb-4002",
            [
                new("sensible-drug-policy-network", BillStance.OpposeUnlessAmended, "2024-02-05", "Recriminalizing possession without a diversion that avoids a conviction exposes noncitizens to deportation.\n\n*Demonstration position.*",
                    "Ask your representative to amend HB 4002 so that diversion never requires a guilty plea.", "https://example.org/demo/oregon-hb-4002-action"),
            ]),
        new("illinois", BillChamber.House, "HB 2290", "2025-2026", "Detainer Limits Act: no holds on immigration detainers without a judicial warrant",
            "In committee (demo)", null,
            [
                new(null, BillStance.Support, "2025-03-10", "Holding someone past their release on a detainer alone is a new arrest without a judge. This bill requires a judicial warrant.\n\n*Invented bill for the demo site.*",
                    "Call your state representative before the committee vote and ask them to support HB 2290.", "https://example.org/demo/il-hb-2290-action"),
                new("lakeshore-crimmigration-clinic", BillStance.SupportIfAmended, "2025-03-12", "Should also cover transfers from juvenile detention.\n\n*Invented bill for the demo site.*"),
            ]),
        new("united-states", BillChamber.House, "H.R. 4512", "119th Congress", "Homeland Security Appropriations Act, 2026 (detention funding rider)",
            "Reported by committee (demo)", null,
            [
                new(null, BillStance.Oppose, "2025-07-01", "A rider in this appropriations bill would require a minimum number of detention beds and penalize counties that decline detainers.\n\n*Invented bill for the demo site.*",
                    "Tell your members of Congress to strip the detention bed mandate from the homeland security appropriations bill."),
                new("border-counties-justice-project", BillStance.Watching, "2025-06-20", "Watching the county penalty provisions.\n\n*Invented bill for the demo site.*"),
            ]),
    ];

    public async Task<int> LoadAsync(CancellationToken cancellationToken = default)
    {
        if (await db.Bills.AnyAsync(cancellationToken)) return 0;
        var actor = Actor.System("demo content");
        var count = 0;
        foreach (var demo in Bills)
        {
            var jurisdictionId = await db.Jurisdictions.Where(j => j.Slug == demo.Jurisdiction).Select(j => (int?)j.Id).FirstOrDefaultAsync(cancellationToken);
            if (jurisdictionId is null) continue;
            var saved = await saveBill.RunAsync(new BillEdit
            {
                Actor = actor, IsDemo = true,
                Fields = new BillFields
                {
                    JurisdictionId = jurisdictionId.Value, Chamber = demo.Chamber, Number = demo.Number, Session = demo.Session, Title = demo.Title,
                    Status = demo.Status, OfficialUrl = "https://example.org/demo/bills/" + BillNumbers.Key(demo.Number).ToLowerInvariant(),
                },
            }, cancellationToken);
            if (!saved.Succeeded) continue;
            count++;
            var bill = saved.Value!;
            foreach (var p in demo.Positions)
            {
                int? organizationId = null;
                if (p.Organization is { } slug)
                {
                    organizationId = await db.Organizations.Where(o => o.Slug == slug).Select(o => (int?)o.Id).FirstOrDefaultAsync(cancellationToken);
                    if (organizationId is null) continue;
                }
                await positions.RunAsync(new BillPositionEdit
                {
                    Actor = actor, BillId = bill.Id,
                    Fields = new BillPositionFields
                    {
                        OrganizationId = organizationId, Stance = p.Stance, TakenOn = p.TakenOn, Reasons = p.Reasons,
                        IsActionAlert = p.CallToAction.Length > 0, CallToAction = p.CallToAction, ActionUrl = p.ActionUrl,
                    },
                }, cancellationToken);
            }
            if (demo.Resource is { } resourceSlug
                && await db.Resources.Where(r => r.Slug == resourceSlug).Select(r => (int?)r.Id).FirstOrDefaultAsync(cancellationToken) is { } resourceId)
                await links.ForResourceAsync(actor, resourceId, [bill.Id], cancellationToken);
        }
        return count;
    }
}
