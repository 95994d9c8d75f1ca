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

    /// <summary>What the moderation page says after an action, for one signature and for any other count.</summary>
    public static readonly IReadOnlyDictionary<string, (string One, string Other)> Done = new Dictionary<string, (string, string)>(StringComparer.Ordinal)
    {
        ["approve"] = ("1 signature approved.", "{0} signatures approved."),
        ["decline"] = ("1 signature declined.", "{0} signatures declined."),
    };

    public static IEnumerable<string> Keys =>
        Enum.GetValues<WhoMaySign>().Select(w => w.DisplayName())
            .Concat(Enum.GetValues<EndorsementReview>().Select(r => r.DisplayName()))
            .Concat(Enum.GetValues<EndorsementStatus>().Select(s => s.DisplayName()))
            .Concat(EndorsementsCsv.Words)
            .Concat(Done.Values.SelectMany(d => new[] { d.One, d.Other }));
}
