using Haven.Core.Data;
using Haven.Core.Events;
using Haven.Core.People;
using Haven.Core.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Haven.TestSupport;

/// <summary>Events written straight through the DbContext (the editor is built elsewhere), owned by one test.</summary>
public static class TestEvents
{
    /// <summary>Creates an event: slug from the title and the test's token, an hour long, in New York unless
    /// <paramref name="with"/> changes it; hosts, topics, prerequisites and speakers (new people of these names) in order.</summary>
    public static async Task<Event> CreateEventAsync(this HavenFactory site, Some some, string title, Instant startsAt,
        Action<Event>? with = null, int[]? hostIds = null, int[]? topicIds = null, int[]? prerequisiteIds = null, string[]? speakers = null)
    {
        ArgumentNullException.ThrowIfNull(some);
        await using var scope = site.Scope();
        var db = scope.ServiceProvider.GetRequiredService<HavenDbContext>();
        var now = site.Clock.GetCurrentInstant();
        var e = new Event
        {
            Slug = some.Slug(Haven.Core.Shared.Slug.From(title.Replace(some.Token, "", StringComparison.Ordinal))),
            Title = title,
            TimeZoneId = "America/New_York",
            StartsAt = startsAt,
            DescriptionMarkdown = $"About {title}.",
            CreatedAt = now,
            UpdatedAt = now,
        };
        with?.Invoke(e);
        if (e.DescriptionHtml.Length == 0 && e.DescriptionMarkdown.Length > 0)
            e.DescriptionHtml = scope.ServiceProvider.GetRequiredService<MarkdownRenderer>().ToHtml(e.DescriptionMarkdown);
        var position = 0;
        foreach (var id in hostIds ?? []) e.Hosts.Add(new EventHost { OrganizationId = id, Position = position++ });
        if (topicIds is { Length: > 0 }) e.Topics.AddRange(await db.Topics.Where(t => topicIds.Contains(t.Id)).ToListAsync());
        if (prerequisiteIds is { Length: > 0 }) e.Prerequisites.AddRange(await db.Resources.Where(r => prerequisiteIds.Contains(r.Id)).ToListAsync());
        position = 0;
        foreach (var name in speakers ?? [])
        {
            var person = new Person { Slug = some.Slug(Haven.Core.Shared.Slug.From(name)), Name = name };
            e.Speakers.Add(new EventSpeaker { Person = person, Position = position++ });
        }
        db.Events.Add(e);
        await db.SaveChangesAsync();
        return e;
    }
}
