using System.Globalization;
using Haven.Core.Accounts;
using Haven.Core.Audit;
using Haven.Core.Data;
using Haven.Core.Shared;
using Haven.Core.Text;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;

namespace Haven.Core.Campaigns;

/// <summary>The campaign editor's fields as typed.</summary>
public sealed record CampaignFields
{
    public static readonly LocalDateTimePattern LocalPattern = LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mm");

    public string? Title { get; init; }
    /// <summary>Empty to derive the address from the title.</summary>
    public string? Slug { get; init; }
    public string? Summary { get; init; }
    public string? Body { get; init; }
    /// <summary>The address (slug) of the published resource the campaign presents; empty for none.</summary>
    public string? ResourceSlug { get; init; }
    /// <summary>Lead organizations in order.</summary>
    public IReadOnlyList<int> LeadIds { get; init; } = [];
    /// <summary>Local date and time in <see cref="TimeZoneId"/>, "yyyy-MM-ddTHH:mm".</summary>
    public string? OpensAt { get; init; }
    public string? ClosesAt { get; init; }
    public string? TimeZoneId { get; init; } = "America/New_York";
    public WhoMaySign WhoMaySign { get; init; } = WhoMaySign.Organizations;
    public EndorsementReview Review { get; init; } = EndorsementReview.Approval;
    public bool IsDraft { get; init; }
    public string? Language { get; init; } = Languages.English;

    public static CampaignFields From(Campaign c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(c.TimeZoneId) ?? DateTimeZone.Utc;
        return new CampaignFields
        {
            Title = c.Title, Slug = c.Slug, Summary = c.Summary, Body = c.Body, ResourceSlug = c.Resource?.Slug ?? "",
            LeadIds = c.Leads.OrderBy(l => l.Position).Select(l => l.OrganizationId).ToList(),
            OpensAt = LocalPattern.Format(c.OpensAt.InZone(zone).LocalDateTime),
            ClosesAt = LocalPattern.Format(c.ClosesAt.InZone(zone).LocalDateTime),
            TimeZoneId = c.TimeZoneId, WhoMaySign = c.WhoMaySign, Review = c.Review, IsDraft = c.IsDraft, Language = c.Language,
        };
    }
}

public sealed record CampaignEdit
{
    /// <summary>Null to create a campaign.</summary>
    public int? CampaignId { get; init; }
    public required CampaignFields Fields { get; init; }
    public required Actor Actor { get; init; }
}

/// <summary>Creates or updates a campaign from the editor: every field checked (all problems at once, nothing written on
/// any), text cleaned of markup, the campaign and its audit entry written together. Editors of a lead organization and
/// administrators edit a campaign; a new one must list one of the editor's own organizations among its leads.</summary>
public sealed class SaveCampaign(HavenDbContext db, IClock clock, AuditLog audit)
{
    public async Task<Outcome<Campaign>> RunAsync(CampaignEdit edit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(edit);
        var now = clock.GetCurrentInstant();
        var actor = edit.Actor;
        Campaign? c = null;
        object? before = null;
        if (edit.CampaignId is { } id)
        {
            c = await db.Campaigns.Include(x => x.Leads).Include(x => x.Resource).FirstOrDefaultAsync(x => x.Id == id, cancellationToken);
            if (c is null) return Outcome<Campaign>.Failure(new Problem("not_found", "This campaign no longer exists."));
            if (!actor.CanManage(c))
            {
                await audit.WriteNowAsync(actor, AuditActions.CampaignEditRefused, "campaign", Id(c.Id), c.Leads.OrderBy(l => l.Position).FirstOrDefault()?.OrganizationId,
                    $"Refused an edit of \u201c{c.Title}\u201d", cancellationToken: cancellationToken);
                return Outcome<Campaign>.Failure(new Problem("forbidden", "Only editors of a lead organization can change this campaign."));
            }
            before = AuditView(c);
        }

        var f = edit.Fields;
        var problems = new List<Problem>();
        var title = UserText.Line(f.Title, Campaign.TitleMaxLength + 1);
        var summary = UserText.Paragraphs(f.Summary, Campaign.SummaryMaxLength + 1);
        var body = (f.Body ?? "").Replace("\r\n", "\n").Trim();
        var resourceSlug = (f.ResourceSlug ?? "").Trim();
        var zoneId = (f.TimeZoneId ?? "").Trim();
        var language = (f.Language ?? "").Trim();
        if (title.Length == 0) problems.Add(new Problem("required", "Enter a title.", nameof(f.Title)));
        else if (title.Length > Campaign.TitleMaxLength) problems.Add(new Problem("too_long", "Keep this under {0} characters.", nameof(f.Title), Campaign.TitleMaxLength));
        if (summary.Length > Campaign.SummaryMaxLength) problems.Add(new Problem("too_long", "Keep this under {0} characters.", nameof(f.Summary), Campaign.SummaryMaxLength));
        if (body.Length > Campaign.BodyMaxLength) problems.Add(new Problem("too_long", "Keep this under {0} characters.", nameof(f.Body), Campaign.BodyMaxLength));
        if (body.Length == 0 && resourceSlug.Length == 0)
            problems.Add(new Problem("required", "Write the campaign's text or link the resource it presents.", nameof(f.Body)));
        Resources.Resource? resource = null;
        if (resourceSlug.Length > 0)
        {
            resource = await db.Resources.FirstOrDefaultAsync(r => r.Slug == resourceSlug, cancellationToken);
            if (resource is null || !resource.IsPublicAt(now))
                problems.Add(new Problem("unknown_resource", "No published resource has the address \"{0}\".", nameof(f.ResourceSlug), resourceSlug));
        }
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId);
        if (zone is null) problems.Add(new Problem("unknown_zone", "\"{0}\" is not a time zone. Use a name like America/Chicago.", nameof(f.TimeZoneId), zoneId));
        var opens = Parse(f.OpensAt, zone);
        var closes = Parse(f.ClosesAt, zone);
        if (opens is null) problems.Add(new Problem("invalid_datetime", "Enter the date and time signatures open, like 2026-07-15T09:00.", nameof(f.OpensAt)));
        if (closes is null) problems.Add(new Problem("invalid_datetime", "Enter the date and time signatures close, like 2026-08-15T17:00.", nameof(f.ClosesAt)));
        if (opens is { } o && closes is { } cl && cl <= o) problems.Add(new Problem("closes_before_opens", "Signatures must close after they open.", nameof(f.ClosesAt)));
        if (!Enum.IsDefined(f.WhoMaySign)) problems.Add(new Problem("unknown", "Choose who may sign.", nameof(f.WhoMaySign)));
        if (!Enum.IsDefined(f.Review)) problems.Add(new Problem("unknown", "Choose when signatures become public.", nameof(f.Review)));
        if (!Languages.IsContentLanguage(language)) problems.Add(new Problem("unknown", "Choose the campaign's language.", nameof(f.Language)));

        var leadIds = f.LeadIds.Distinct().ToList();
        var organizations = await db.Organizations.Where(x => leadIds.Contains(x.Id)).Select(x => x.Id).ToListAsync(cancellationToken);
        if (leadIds.Count == 0) problems.Add(new Problem("required", "Choose the organizations that lead the campaign.", nameof(f.LeadIds)));
        else if (organizations.Count != leadIds.Count) problems.Add(new Problem("unknown", "One of the chosen organizations does not exist.", nameof(f.LeadIds)));
        else if (!actor.IsAdministrator && !leadIds.Any(actor.EditsFor))
            problems.Add(new Problem("not_your_organization", "List your own organization among the leads.", nameof(f.LeadIds)));

        string? slug = null;
        if (title.Length > 0)
        {
            var selfId = c?.Id ?? 0;
            slug = await UniqueSlug.ChooseAsync(f.Slug, title, "campaign", db.Campaigns.Where(x => x.Id != selfId).Select(x => x.Slug),
                new Problem("slug_taken", "Another campaign already uses this address.", nameof(f.Slug)), problems, cancellationToken);
        }
        if (problems.Count > 0) return Outcome<Campaign>.Failure(problems);

        var isNew = c is null;
        c ??= new Campaign { Slug = slug!, Title = title, CreatedAt = now };
        c.Slug = slug!;
        c.Title = title;
        c.Summary = summary;
        c.Body = body;
        c.ResourceId = resource?.Id;
        c.Resource = resource;
        c.OpensAt = opens!.Value;
        c.ClosesAt = closes!.Value;
        c.TimeZoneId = zoneId;
        c.WhoMaySign = f.WhoMaySign;
        c.Review = f.Review;
        c.IsDraft = f.IsDraft;
        c.Language = language;
        c.UpdatedAt = now;
        c.Leads.RemoveAll(l => !leadIds.Contains(l.OrganizationId));
        for (var i = 0; i < leadIds.Count; i++)
        {
            var lead = c.Leads.FirstOrDefault(l => l.OrganizationId == leadIds[i]);
            if (lead is null) c.Leads.Add(lead = new CampaignLead { OrganizationId = leadIds[i] });
            lead.Position = i;
        }
        if (isNew) db.Campaigns.Add(c);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        audit.Add(actor, isNew ? AuditActions.CampaignCreated : AuditActions.CampaignSaved, "campaign", Id(c.Id), leadIds[0],
            $"{(isNew ? "Created" : "Saved")} campaign \u201c{c.Title}\u201d", before, AuditView(c));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Outcome<Campaign>.Success(c);
    }

    private static Instant? Parse(string? text, DateTimeZone? zone)
    {
        if (zone is null) return null;
        var parsed = CampaignFields.LocalPattern.Parse((text ?? "").Trim());
        return parsed.Success ? parsed.Value.InZoneLeniently(zone).ToInstant() : null;
    }

    private static object AuditView(Campaign c) => new
    {
        c.Slug, c.Title, c.ResourceId, Leads = c.Leads.OrderBy(l => l.Position).Select(l => l.OrganizationId).ToList(),
        OpensAt = c.OpensAt.ToString(), ClosesAt = c.ClosesAt.ToString(), WhoMaySign = c.WhoMaySign.ToString(), Review = c.Review.ToString(), c.IsDraft,
    };

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}
