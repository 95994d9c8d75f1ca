namespace Haven.Core.Bills;

/// <summary>A campaign that concerns a bill (many to many): a campaign's page lists its bills with their positions, a
/// bill's page its campaigns; edited in the campaign editor.</summary>
public sealed class CampaignBill
{
    public int CampaignId { get; set; }
    public int BillId { get; set; }
    public Bill? Bill { get; set; }
}
