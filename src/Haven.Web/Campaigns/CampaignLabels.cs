using Haven.Core.Campaigns;

namespace Haven.Web.Campaigns;

/// <summary>English names of the campaigns' enums and statuses (localization keys, listed in DynamicKeys).</summary>
public static class CampaignLabels
{
    public static string DisplayName(this WhoMaySign who) => who switch
    {
        WhoMaySign.Organizations => "Organizations",
        WhoMaySign.Individuals => "Individuals",
        _ => "Organizations and individuals",
    };

    public static string DisplayName(this EndorsementReview review) => review switch
    {
        EndorsementReview.ConfirmationOnly => "As soon as the signer confirms their email",
        _ => "After a lead approves it",
    };

    public static string DisplayName(this EndorsementStatus status) => EndorsementsCsv.StatusName(status);

    /// <summary>What the moderation page says after an action.</summary>
    public static readonly IReadOnlyDictionary<string, string> Done = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["approve"] = "{0} signatures approved.",
        ["decline"] = "{0} signatures declined.",
    };

    public static IEnumerable<string> Keys =>
        Enum.GetValues<WhoMaySign>().Select(w => w.DisplayName())
            .Concat(Enum.GetValues<EndorsementReview>().Select(r => r.DisplayName()))
            .Concat(Enum.GetValues<EndorsementStatus>().Select(s => s.DisplayName()))
            .Concat(EndorsementsCsv.Words)
            .Concat(Done.Values);
}
