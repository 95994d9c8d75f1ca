using Haven.Core.Campaigns;
using Haven.Core.Data;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Haven.Web.Demo;

/// <summary>Three made-up campaigns led by the demo organizations, dated from the load day: one open letter taking
/// organizations' signatures (with a few approved signers and one waiting), one open to individuals too, and one that
/// has closed. The signers are fictional and their addresses use example.org.</summary>
public sealed class DemoCampaigns(HavenDbContext db, IClock clock)
{
    public async Task<int> LoadAsync(CancellationToken cancellationToken = default)
    {
        if (await db.Campaigns.AnyAsync(cancellationToken)) return 0;
        var organizations = await db.Organizations.OrderBy(o => o.Id).Take(3).ToListAsync(cancellationToken);
        if (organizations.Count == 0) return 0;
        var now = clock.GetCurrentInstant();
        var campaigns = new[]
        {
            Make("end-287g-agreements", "Open letter: end 287(g) agreements in our state",
                "Organizations across the state call on sheriffs to end their 287(g) agreements with ICE.",
                "## To the sheriffs of our state\n\nWe, the undersigned organizations, ask you to end every 287(g) agreement with U.S. Immigration and Customs Enforcement.\n\nThese agreements turn local deputies into immigration agents, make victims and witnesses afraid to call for help, and cost counties money they need for schools and clinics.",
                now - Duration.FromDays(10), now + Duration.FromDays(45), WhoMaySign.Organizations, EndorsementReview.Approval, organizations.Take(2)),
            Make("pretrial-fairness-platform", "Pretrial fairness platform",
                "A shared platform for pretrial reform: no one jailed for being poor, and no immigration holds in county jails.",
                "1. End money bail.\n2. Refuse ICE detainer requests without a judicial warrant.\n3. Fund pretrial services, not jail beds.",
                now - Duration.FromDays(3), now + Duration.FromDays(90), WhoMaySign.Both, EndorsementReview.ConfirmationOnly, organizations.Skip(1).Take(1)),
            Make("detention-contract-letter", "Letter against the county detention contract",
                "The county renewed its detention contract; this letter asked it not to.",
                "We asked the county board to let the detention contract expire.",
                now - Duration.FromDays(60), now - Duration.FromDays(20), WhoMaySign.Organizations, EndorsementReview.Approval, organizations.Take(1)),
        };
        db.Campaigns.AddRange(campaigns);
        await db.SaveChangesAsync(cancellationToken);

        var signers = new (string Org, string City, string State, string Name, string Role, string Domain)[]
        {
            ("Valley Immigrant Rights Coalition", "Fresno", "CA", "Ana Ruiz", "Executive director", "valleyrights.example.org"),
            ("Southside Public Defenders Association", "Chicago", "IL", "Marcus Lee", "President", "southsidepd.example.org"),
            ("Faith Communities for Families", "Phoenix", "AZ", "Rev. Grace Kim", "Coordinator", "faithfamilies.example.org"),
            ("Border Legal Aid", "El Paso", "TX", "Luis Ortega", "Managing attorney", "borderlegal.example.org"),
        };
        foreach (var (campaign, index) in campaigns.Select((c, i) => (c, i)))
        {
            foreach (var (s, n) in signers.Select((s, n) => (s, n)))
            {
                if (index == 1 && n > 1) break;
                var email = $"{s.Name.Split(' ')[^1].ToLowerInvariant()}@{s.Domain}";
                var signedAt = campaign.OpensAt + Duration.FromHours(6 + 20 * n);
                var pending = index == 0 && n == signers.Length - 1;
                db.Endorsements.Add(new Endorsement
                {
                    CampaignId = campaign.Id, Kind = EndorsementKind.Organization, OrganizationName = s.Org, City = s.City, State = s.State,
                    SignerName = s.Name, SignerRole = s.Role, Email = email, NormalizedEmail = email, MaySignForOrganization = true,
                    Status = pending ? EndorsementStatus.Pending : EndorsementStatus.Approved,
                    SignatureKey = SignatureRules.SignatureKey(EndorsementKind.Organization, s.Org, email),
                    OrganizationDomain = SignatureRules.OrganizationDomain(email),
                    CreatedAt = signedAt, ConfirmedAt = signedAt + Duration.FromMinutes(5),
                    ApprovedAt = pending ? null : signedAt + Duration.FromHours(3), UpdatedAt = signedAt + Duration.FromHours(3),
                });
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        return campaigns.Length;

        Campaign Make(string slug, string title, string summary, string body, Instant opens, Instant closes, WhoMaySign who, EndorsementReview review,
            IEnumerable<Haven.Core.Organizations.Organization> leads) => new()
        {
            Slug = slug, Title = title, Summary = summary, Body = body, OpensAt = opens, ClosesAt = closes, WhoMaySign = who, Review = review,
            Language = "en", CreatedAt = now, UpdatedAt = now,
            Leads = leads.Select((o, i) => new CampaignLead { OrganizationId = o.Id, Position = i }).ToList(),
        };
    }
}
