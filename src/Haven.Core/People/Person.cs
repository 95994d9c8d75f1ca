using Haven.Core.Organizations;

namespace Haven.Core.People;

/// <summary>A speaker or contact: shown on events and resources, not an account.</summary>
public sealed class Person
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public string Title { get; set; } = "";
    /// <summary>Free text, for people from outside the coalition; <see cref="OrganizationId"/> when a member.</summary>
    public string Affiliation { get; set; } = "";
    public int? OrganizationId { get; set; }
    public Organization? Organization { get; set; }
    public string Bio { get; set; } = "";
    public string ContactEmail { get; set; } = "";
    public string? PhotoKey { get; set; }
    public string? PhotoContentType { get; set; }
}
