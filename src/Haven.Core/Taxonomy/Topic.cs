using Haven.Core.Shared;

namespace Haven.Core.Taxonomy;

/// <summary>A subject resources are filed under (ICE detainers, crimmigration, cite-and-release...).</summary>
public sealed class Topic : ILocalizedName
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public string NameEs { get; set; } = "";
    public string Description { get; set; } = "";
}
