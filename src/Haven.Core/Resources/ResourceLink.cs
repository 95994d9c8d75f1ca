namespace Haven.Core.Resources;

/// <summary>A link from a resource to something elsewhere (a statute, a court decision, a form).</summary>
public sealed class ResourceLink
{
    public int Id { get; set; }
    public int ResourceId { get; set; }
    public required string Url { get; set; }
    public required string Title { get; set; }
    public int Position { get; set; }
}
