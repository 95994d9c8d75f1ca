using Haven.Core.News;
using Haven.Core.Shared;

namespace Haven.Web.News;

/// <summary>The narrowing of /news and /feeds/posts.atom: a topic (by slug) and a kind ("news", "press-release").
/// Unknown values are dropped, so a link never carries what the page did not understand.</summary>
public sealed record PostFilter(string? Topic, PostKind? Kind)
{
    public static PostFilter FromQuery(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var topic = query["topic"].ToString().Trim();
        return new PostFilter(Slug.IsValid(topic) ? topic : null, PostLabels.FromParameter(query["kind"].ToString().Trim()));
    }

    public bool IsEmpty => Topic is null && Kind is null;

    public IQueryable<Post> Apply(IQueryable<Post> posts)
    {
        ArgumentNullException.ThrowIfNull(posts);
        if (Kind is { } kind) posts = posts.Where(p => p.Kind == kind);
        if (Topic is { } topic) posts = posts.Where(p => p.Topics.Any(t => t.Slug == topic));
        return posts;
    }

    /// <summary>"?kind=...&amp;topic=..." (empty when there is no filter), in a fixed order.</summary>
    public string ToQueryString()
    {
        var parameters = new List<KeyValuePair<string, string?>>();
        if (Kind is { } kind) parameters.Add(new("kind", kind.Parameter()));
        if (Topic is { } topic) parameters.Add(new("topic", topic));
        return parameters.Count == 0 ? "" : QueryString.Create(parameters).ToUriComponent();
    }
}
