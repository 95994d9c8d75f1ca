namespace Haven.Core.Organizations;

/// <summary>A member organization that authors resources (and later hosts events and leads campaigns).</summary>
public sealed class Organization
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public string ShortName { get; set; } = "";
    public string Website { get; set; } = "";
    public string Description { get; set; } = "";
}
