using Haven.Core.Accounts;
using Haven.Core.News;
using Haven.Core.Shared;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Haven.TestSupport;

/// <summary>Posts saved through <see cref="SavePost"/> as the system, owned by one test.</summary>
public static class TestNews
{
    /// <summary>Saves a published news post (unless <paramref name="with"/> changes its fields) of the organization;
    /// throws if the use case refuses.</summary>
    public static async Task<Post> CreatePostAsync(this HavenFactory site, int organizationId, string title,
        Func<PostFields, PostFields>? with = null)
    {
        await using var scope = site.Scope();
        var save = scope.ServiceProvider.GetRequiredService<SavePost>();
        var fields = new PostFields
        {
            Kind = PostKind.NewsPost, Title = title, Summary = $"Summary of {title}.", Body = $"About **{title}**.",
            OwnerOrganizationId = organizationId, Language = "en",
        };
        var outcome = await save.RunAsync(new PostEdit { Fields = with is null ? fields : with(fields), Actor = Actor.System("test") });
        return outcome.Succeeded ? outcome.Value! : throw new InvalidOperationException("Save refused: " + string.Join("; ", outcome.Problems));
    }

    /// <summary>An instant as the post editor's embargo field takes it: local date and time in the site's zone.</summary>
    public static string EmbargoField(this HavenFactory site, Instant instant) =>
        PostFields.LocalPattern.Format(instant.InZone(site.Services.GetRequiredService<SiteSettings>().Zone).LocalDateTime);
}
