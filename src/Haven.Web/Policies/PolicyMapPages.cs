using Haven.Core.Policies;
using Haven.Core.Taxonomy;
using Haven.Web.ScaleOut;

namespace Haven.Web.Policies;

/// <summary>The map page (<c>/policies</c>, and <c>/es/policies</c>) in the page cache: the dearest page of the site
/// to draw (3,142 counties, 1.2 MB of HTML to write and compress), and one that shows only the policy tracker's
/// tables and the places. Its stored copies carry their own tag, emptied when those tables change (or when anything
/// may have), and are kept while the rest of the site changes (registrations, comments, resources), which
/// empties the other pages' tag many times a minute on a busy site. The page cache's lifetime bounds them too.</summary>
public static class PolicyMapPages
{
    /// <summary>The tag of stored map pages (instead of the other pages' tag).</summary>
    public const string Tag = "policy-map";

    /// <summary>The entity kinds the map page shows (its layout shows configuration only).</summary>
    private static readonly string[] Kinds =
        [nameof(PolicyArea), nameof(PolicyPosition), nameof(PolicyRecord), nameof(PolicySource), nameof(Jurisdiction)];

    public static bool IsMapPage(PathString path) =>
        string.Equals(path.Value, "/policies", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether a change can show on the map page.</summary>
    public static bool ShowsOnMap(ContentChange change) => change.TouchesAny(Kinds);
}
