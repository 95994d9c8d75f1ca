using Haven.Core.Organizations;

namespace Haven.Core.Resources;

/// <summary>An organization credited on a resource, in the order the credits are shown (position 0 is the lead author).</summary>
public sealed class ResourceAuthor
{
    public int ResourceId { get; set; }
    public int OrganizationId { get; set; }
    public Organization Organization { get; set; } = null!;
    public int Position { get; set; }
}
