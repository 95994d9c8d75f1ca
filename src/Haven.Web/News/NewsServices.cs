using Haven.Core.News;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Haven.Web.News;

public static class NewsServices
{
    /// <summary>News posts and press releases: the editor's use case, the demo posts, and the editor's address for an
    /// existing post (/admin/news/{id}).</summary>
    public static IServiceCollection AddHavenNews(this IServiceCollection services)
    {
        services.AddScoped<SavePost>();
        services.AddScoped<Demo.DemoNews>();
        services.PostConfigure<RazorPagesOptions>(pages => pages.Conventions.AddPageRoute("/Admin/News/Edit", "admin/news/{id:int}"));
        return services;
    }
}

/// <summary>Names of post kinds on pages (localization keys) and in URLs.</summary>
public static class PostLabels
{
    public static string DisplayName(this PostKind kind) => kind switch
    {
        PostKind.PressRelease => "Press release",
        _ => "News post",
    };

    public static string Parameter(this PostKind kind) => kind switch
    {
        PostKind.PressRelease => "press-release",
        _ => "news",
    };

    public static PostKind? FromParameter(string? value) => value switch
    {
        "press-release" => PostKind.PressRelease,
        "news" => PostKind.NewsPost,
        _ => null,
    };
}
