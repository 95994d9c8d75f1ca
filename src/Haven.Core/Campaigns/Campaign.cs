using Haven.Core.Organizations;
using Haven.Core.Resources;
using NodaTime;

namespace Haven.Core.Campaigns;

/// <summary>A report, letter or platform that organizations and people sign on to: its own text (Markdown) or a
/// published resource it links to, the organizations that lead it (in order), when it takes signatures, who may sign and
/// whether a lead approves each signature before it is public.</summary>
public sealed class Campaign
{
    public const int TitleMaxLength = 200;
    public const int SummaryMaxLength = 1000;
    public const int BodyMaxLength = 50_000;

    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Title { get; set; }
    public string Summary { get; set; } = "";
    /// <summary>The campaign's own text, in Markdown (rendered sanitized); empty when it presents a resource.</summary>
    public string Body { get; set; } = "";
    /// <summary>The published resource the campaign presents (a report, a letter), if any.</summary>
    public int? ResourceId { get; set; }
    public Resource? Resource { get; set; }
    public List<CampaignLead> Leads { get; set; } = [];
    public Instant OpensAt { get; set; }
    public Instant ClosesAt { get; set; }
    /// <summary>The zone the editor typed the dates in, and the one the page shows them in.</summary>
    public string TimeZoneId { get; set; } = "America/New_York";
    public WhoMaySign WhoMaySign { get; set; } = WhoMaySign.Organizations;
    public EndorsementReview Review { get; set; } = EndorsementReview.Approval;
    public bool IsDraft { get; set; }
    public string Language { get; set; } = "en";
    public Instant CreatedAt { get; set; }
    public Instant UpdatedAt { get; set; }

    public bool IsOpenAt(Instant now) => !IsDraft && OpensAt <= now && now < ClosesAt;

    public bool Accepts(EndorsementKind kind) => WhoMaySign switch
    {
        WhoMaySign.Organizations => kind == EndorsementKind.Organization,
        WhoMaySign.Individuals => kind == EndorsementKind.Individual,
        _ => true,
    };

    /// <summary>The organizations whose editors manage the campaign.</summary>
    public IReadOnlyList<int> LeadOrganizationIds => Leads.Select(l => l.OrganizationId).ToList();
}

/// <summary>An organization leading a campaign, in the order the page lists them.</summary>
public sealed class CampaignLead
{
    public int CampaignId { get; set; }
    public int OrganizationId { get; set; }
    public Organization Organization { get; set; } = null!;
    public int Position { get; set; }
}

/// <summary>Stored values; never renumber.</summary>
public enum WhoMaySign
{
    Organizations = 0,
    Individuals = 1,
    Both = 2,
}

/// <summary>When a signature becomes public. Stored values; never renumber.</summary>
public enum EndorsementReview
{
    /// <summary>After the signer confirms their email and a lead approves it.</summary>
    Approval = 0,
    /// <summary>As soon as the signer confirms their email.</summary>
    ConfirmationOnly = 1,
}
