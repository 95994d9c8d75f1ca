using System.Globalization;
using Haven.Core.Accounts;
using Haven.Core.Audit;
using Haven.Core.Data;
using Haven.Core.Shared;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Haven.Core.Campaigns;

/// <summary>The export's file name, bytes and how many signatures it carries.</summary>
public sealed record EndorsementsExport(string FileName, byte[] Content, int Count);

/// <summary>The campaign's moderation queue, for editors of its lead organizations, moderators and administrators:
/// approve or decline signatures (one or many at once; each change audited, approvals mailed to the signer in the
/// same transaction), and the CSV export (audited with its count). A signature whose email is not confirmed cannot be
/// approved: it does not count yet.</summary>
public sealed class ModerateEndorsements(HavenDbContext db, IClock clock, AuditLog audit, EndorsementMail mail)
{
    public static readonly Problem NotFound = new("not_found", "This campaign does not exist.");
    public static readonly Problem Forbidden = new("forbidden", "Only the campaign's leads and moderators can moderate its signatures.");

    /// <returns>How many signatures were approved.</returns>
    public Task<Outcome<int>> ApproveAsync(Actor actor, int campaignId, IReadOnlyCollection<int> endorsementIds, CancellationToken cancellationToken = default) =>
        ChangeAsync(actor, campaignId, endorsementIds, "approve", (e, now) => e.Approve(now), AuditActions.EndorsementApproved, cancellationToken);

    /// <returns>How many signatures were declined.</returns>
    public Task<Outcome<int>> DeclineAsync(Actor actor, int campaignId, IReadOnlyCollection<int> endorsementIds, CancellationToken cancellationToken = default) =>
        ChangeAsync(actor, campaignId, endorsementIds, "decline", (e, now) => e.Decline(now), AuditActions.EndorsementDeclined, cancellationToken);

    public async Task<Outcome<EndorsementsExport>> ExportAsync(Actor actor, int campaignId, Func<string, string>? translate = null, CancellationToken cancellationToken = default)
    {
        var (campaign, refusal) = await CheckAsync(actor, campaignId, "export signatures", cancellationToken);
        if (refusal is not null) return Outcome<EndorsementsExport>.Failure(refusal);
        var rows = await db.Endorsements.AsNoTracking().Where(e => e.CampaignId == campaignId)
            .OrderBy(e => e.CreatedAt).ThenBy(e => e.Id).ToListAsync(cancellationToken);
        var content = EndorsementsCsv.Write(rows, translate);
        await audit.WriteNowAsync(actor, AuditActions.EndorsementsExported, "campaign", Id(campaignId), FirstLead(campaign!),
            $"Exported {rows.Count} signatures of \u201c{campaign!.Title}\u201d", null, new { rows.Count }, cancellationToken);
        return Outcome<EndorsementsExport>.Success(new EndorsementsExport(EndorsementsCsv.FileName(campaign), content, rows.Count));
    }

    private async Task<Outcome<int>> ChangeAsync(Actor actor, int campaignId, IReadOnlyCollection<int> ids, string what,
        Func<Endorsement, Instant, bool> change, string action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var (campaign, refusal) = await CheckAsync(actor, campaignId, what, cancellationToken);
        if (refusal is not null) return Outcome<int>.Failure(refusal);
        if (ids.Count == 0) return Outcome<int>.Failure(new Problem("none_chosen", "Choose at least one signature.", "Ids"));
        var wanted = ids.Distinct().ToList();
        var rows = await db.Endorsements.Where(e => e.CampaignId == campaignId && wanted.Contains(e.Id)).ToListAsync(cancellationToken);
        if (rows.Count != wanted.Count)
            return Outcome<int>.Failure(new Problem("unknown", "One of the chosen signatures is not this campaign's: reload the page and try again.", "Ids"));
        var now = clock.GetCurrentInstant();
        var changed = 0;
        foreach (var e in rows.OrderBy(e => e.Id))
        {
            var before = e.Status;
            // Unconfirmed and withdrawn signatures stay as they are; a double click changes nothing twice.
            if (!change(e, now)) continue;
            changed++;
            audit.Add(actor, action, "endorsement", Id(e.Id), FirstLead(campaign!),
                $"{(action == AuditActions.EndorsementApproved ? "Approved" : "Declined")} the signature of {e.DisplayName} on \u201c{campaign!.Title}\u201d",
                new { Status = before.ToString() }, new { Status = e.Status.ToString() });
            if (e.Status == EndorsementStatus.Approved) mail.Send(campaign!, e, EndorsementLetterKind.NowPublic);
        }
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<int>.Success(changed);
    }

    private async Task<(Campaign? Campaign, Problem? Refusal)> CheckAsync(Actor actor, int campaignId, string what, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var campaign = await db.Campaigns.AsNoTracking().Include(c => c.Leads).FirstOrDefaultAsync(c => c.Id == campaignId, cancellationToken);
        if (campaign is null) return (null, NotFound);
        if (actor.CanModerateSignatures(campaign)) return (campaign, null);
        await audit.WriteNowAsync(actor, AuditActions.EndorsementModerationRefused, "campaign", Id(campaign.Id), FirstLead(campaign),
            $"Refused to {what} for \u201c{campaign.Title}\u201d", cancellationToken: cancellationToken);
        return (campaign, Forbidden);
    }

    private static int? FirstLead(Campaign c) => c.Leads.OrderBy(l => l.Position).Select(l => (int?)l.OrganizationId).FirstOrDefault();

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}
