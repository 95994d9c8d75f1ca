using Haven.Core.Campaigns;
using Haven.Core.Shared;

namespace Haven.Web.Pages.Campaigns;

/// <summary>The sign-on form's fields as posted (Form.OrganizationName...).</summary>
public sealed class SignOnForm
{
    public EndorsementKind Kind { get; set; } = EndorsementKind.Organization;
    public string? OrganizationName { get; set; }
    public string? City { get; set; }
    public string? State { get; set; }
    public string? SignerName { get; set; }
    public string? SignerRole { get; set; }
    public string? Email { get; set; }
    public bool MaySignForOrganization { get; set; }
    public string? Language { get; set; }

    public SignOnRequest ToRequest(int campaignId, string interfaceLanguage) => new()
    {
        CampaignId = campaignId,
        Kind = Kind,
        OrganizationName = OrganizationName,
        City = City,
        State = State,
        SignerName = SignerName,
        SignerRole = SignerRole,
        Email = Email,
        MaySignForOrganization = MaySignForOrganization,
        Language = Language is { } l && Languages.Interface.Contains(l) ? l : interfaceLanguage,
    };
}
