namespace Haven.Core.Bills;

/// <summary>A resource that concerns a bill (many to many): shown on both pages, edited in the resource editor.</summary>
public sealed class ResourceBill
{
    public int ResourceId { get; set; }
    public int BillId { get; set; }
    public Bill? Bill { get; set; }
}
