using Haven.Core.Bills;

namespace Haven.Web.Bills;

/// <summary>English names (localization keys) and URL forms of bill stances and chambers.</summary>
public static class BillLabels
{
    public static string DisplayName(this BillStance stance) => stance switch
    {
        BillStance.Support => "Support",
        BillStance.Oppose => "Oppose",
        BillStance.SupportIfAmended => "Support if amended",
        BillStance.OpposeUnlessAmended => "Oppose unless amended",
        _ => "Watching",
    };

    public static string Parameter(this BillStance stance) => stance switch
    {
        BillStance.Support => "support",
        BillStance.Oppose => "oppose",
        BillStance.SupportIfAmended => "support-if-amended",
        BillStance.OpposeUnlessAmended => "oppose-unless-amended",
        _ => "watching",
    };

    /// <summary>A CSS class suffix for the stance's badge.</summary>
    public static string CssClass(this BillStance stance) => "stance-" + stance.Parameter();

    public static BillStance? StanceFrom(string? parameter) =>
        Enum.GetValues<BillStance>().Cast<BillStance?>().FirstOrDefault(s => s!.Value.Parameter() == parameter);

    public static string DisplayName(this BillChamber chamber) => chamber switch
    {
        BillChamber.House => "House",
        BillChamber.Senate => "Senate",
        BillChamber.Assembly => "Assembly",
        _ => "Legislature",
    };
}
