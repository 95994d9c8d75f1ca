using Haven.Core.Data;
using Haven.Core.Shared;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Haven.Core.Campaigns;

/// <summary>The signer confirms their email by the mailed link: the signature now counts, public at once or waiting for
/// a lead (see <see cref="Campaign.Review"/>). Confirming twice changes nothing. A signature confirmed after the campaign
/// closed still counts: it was given while the campaign was open.</summary>
public sealed class ConfirmEndorsement(HavenDbContext db, IClock clock)
{
    /// <returns>The endorsement, and whether this call confirmed it; null when the link opens nothing.</returns>
    public async Task<(Endorsement Endorsement, bool Confirmed)?> RunAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (!EndorsementLink.IsWellFormed(token)) return null;
        var hash = SecretTokens.Hash(token!);
        var endorsement = await db.Endorsements.FirstOrDefaultAsync(e => e.Links.Any(l => l.TokenHash == hash), cancellationToken);
        if (endorsement is null) return null;
        var campaign = await db.Campaigns.AsNoTracking().FirstAsync(c => c.Id == endorsement.CampaignId, cancellationToken);
        var now = clock.GetCurrentInstant();
        // A released signature (unconfirmed too long, and replaced by another) cannot come back.
        if (endorsement.SignatureKey is null || !endorsement.Confirm(campaign.Review, now)) return (endorsement, false);
        await db.SaveChangesAsync(cancellationToken);
        return (endorsement, true);
    }
}
