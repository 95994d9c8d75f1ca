namespace Haven.Core.Policies;

/// <summary>A subject on which jurisdictions take a position (ICE detainers, 287(g)...), defined as data an
/// administrator can extend, with the positions its map legend shows.</summary>
public sealed class PolicyArea
{
    /// <summary>As many positions as the map has colours (Web's PolicyMap.MaxClasses).</summary>
    public const int MaxPositions = 7;

    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public string Description { get; set; } = "";
    /// <summary>Place in lists and menus (lower first).</summary>
    public int Position { get; set; }
    public List<PolicyPosition> Positions { get; set; } = [];

    public const int SlugMaxLength = 80;
    public const int NameMaxLength = 200;
    public const int DescriptionMaxLength = 4000;
}

/// <summary>One possible answer of an area ("declines detainers"), in the legend's order: by default from the most
/// to the least protective.</summary>
public sealed class PolicyPosition
{
    public int Id { get; set; }
    public int AreaId { get; set; }
    public required string Slug { get; set; }
    public required string Label { get; set; }
    public int Order { get; set; }

    public const int LabelMaxLength = 200;
}
