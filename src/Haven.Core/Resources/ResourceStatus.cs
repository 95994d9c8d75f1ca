namespace Haven.Core.Resources;

/// <summary>Where a resource is in its life. Values are stored; never renumber them.</summary>
public enum ResourceStatus
{
    Draft = 0,
    Scheduled = 1,
    Published = 2,
}
