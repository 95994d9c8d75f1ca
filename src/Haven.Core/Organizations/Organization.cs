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
    public string ContactEmail { get; set; } = "";
    /// <summary>Where the logo is in the file store, and its checked type (PNG, JPEG or WebP).</summary>
    public string? LogoKey { get; set; }
    public string? LogoContentType { get; set; }
    /// <summary>An editor's publication waits for another editor of the organization to approve it.</summary>
    public bool RequiresReview { get; set; }
}
