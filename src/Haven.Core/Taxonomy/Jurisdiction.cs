namespace Haven.Core.Taxonomy;

public enum JurisdictionKind
{
    Nation = 0,
    State = 1,
    County = 2,
    City = 3,
}

/// <summary>A place whose law or practice a resource concerns; states and counties carry their Census FIPS code.</summary>
public sealed class Jurisdiction
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public JurisdictionKind Kind { get; set; }
    /// <summary>Two digits for a state, five for a county; null for the nation and for cities added by hand.</summary>
    public string? Fips { get; set; }
    /// <summary>Two-letter postal code of the state the place is in (or is).</summary>
    public string? StateCode { get; set; }
}
