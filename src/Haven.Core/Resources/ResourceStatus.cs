namespace Haven.Core.Resources;

/// <summary>Where a resource is in its life. Values are stored; never renumber them.</summary>
public enum ResourceStatus
{
    Draft = 0,
    Scheduled = 1,
    Published = 2,
    /// <summary>A draft an editor asked to publish, waiting for another editor of its organization.</summary>
    InReview = 3,
}

public static class ResourceStatusNames
{
    /// <summary>The English name, which is also the key of its translations.</summary>
    public static string DisplayName(this ResourceStatus status) => status switch
    {
        ResourceStatus.InReview => "In review",
        _ => status.ToString(),
    };
}
