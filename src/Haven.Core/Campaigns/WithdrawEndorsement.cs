using Haven.Core.Accounts;
using Haven.Core.Audit;
using Haven.Core.Data;
using Haven.Core.Shared;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Haven.Core.Campaigns;

/// <summary>The signer withdraws by their private link: the signature leaves the public list and the count, the
/// organization may sign again, and the withdrawal is audited (under the first lead organization).</summary>
public sealed class WithdrawEndorsement(HavenDbContext db, IClock clock, AuditLog audit)
{
    /// <returns>The withdrawn endorsement; null when the link opens nothing or it was already withdrawn.</returns>
    public async Task<Endorsement?> RunAsync(string? token, string? ipAddress = null, CancellationToken cancellationToken = default)
    {
        if (!EndorsementLink.IsWellFormed(token)) return null;
        var hash = SecretTokens.Hash(token!);
        var endorsement = await db.Endorsements.FirstOrDefaultAsync(e => e.Links.Any(l => l.TokenHash == hash), cancellationToken);
        if (endorsement is null) return null;
        var before = endorsement.Status;
        if (!endorsement.Withdraw(clock.GetCurrentInstant())) return null;
        var campaign = await db.Campaigns.AsNoTracking().Include(c => c.Leads).FirstAsync(c => c.Id == endorsement.CampaignId, cancellationToken);
        var lead = campaign.Leads.OrderBy(l => l.Position).Select(l => (int?)l.OrganizationId).FirstOrDefault();
        audit.Add(new Actor { Name = $"signer: {endorsement.SignerName}", IpAddress = ipAddress }, AuditActions.EndorsementWithdrawn, "endorsement",
            endorsement.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), lead,
            $"{endorsement.DisplayName} withdrew from \u201c{campaign.Title}\u201d", new { Status = before.ToString() }, new { Status = endorsement.Status.ToString() });
        await db.SaveChangesAsync(cancellationToken);
        return endorsement;
    }
}
