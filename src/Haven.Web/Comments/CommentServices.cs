using System.Globalization;
using Haven.Core.Comments;

namespace Haven.Web.Comments;

public static class CommentServices
{
    /// <summary>Moderated comments: the use cases, the subjects comments hang under (resources; posts add theirs), the
    /// moderators' mail, and the limits from <c>Haven:Comments</c> (<c>MaxLinks</c>, default 2;
    /// <c>PerAddressPerHour</c>, default 10).</summary>
    public static IServiceCollection AddHavenComments(this IServiceCollection services, IConfiguration configuration)
    {
        var options = new CommentOptions();
        if (int.TryParse(configuration["Haven:Comments:MaxLinks"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var links) && links >= 0)
            options.MaxLinks = links;
        if (int.TryParse(configuration["Haven:Comments:PerAddressPerHour"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var perHour) && perHour > 0)
            options.PerAddressPerHour = perHour;
        services.AddSingleton(options);
        services.AddScoped<ICommentSubjectSource, ResourceCommentSubjects>();
        services.AddScoped<ICommentSubjectSource, PostCommentSubjects>();
        services.AddScoped<CommentSubjects>();
        services.AddScoped<CommentThreads>();
        services.AddScoped<CommentMail>();
        services.AddScoped<ICommentLetters, CommentLetterWriter>();
        services.AddScoped<PostComment>();
        services.AddScoped<ModerateComments>();
        services.AddScoped<CommentSections>();
        return services;
    }
}
