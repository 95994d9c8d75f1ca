namespace Haven.Core.Taxonomy;

public enum JurisdictionKind
{
    Nation = 0,
    State = 1,
    County = 2,
    City = 3,
}

/// <summary>A place whose law or practice a resource concerns; states and counties carry their Census FIPS code;
/// cities are added by hand (<see cref="SaveCity"/>).</summary>
public sealed class Jurisdiction
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public JurisdictionKind Kind { get; set; }
    /// <summary>Two digits for a state, five for a county, seven for a Census place (a city added by hand may have one);
    /// null for the nation and for cities without one.</summary>
    public string? Fips { get; set; }
    /// <summary>Two-letter postal code of the state the place is in (or is).</summary>
    public string? StateCode { get; set; }
}
