using Haven.Core.Shared;

namespace Haven.Core.Taxonomy;

/// <summary>Who a resource is written for (defenders, immigration attorneys, community members...).</summary>
public sealed class Audience : ILocalizedName
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public string NameEs { get; set; } = "";
}
