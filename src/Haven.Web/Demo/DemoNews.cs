using Haven.Core.Accounts;
using Haven.Core.Data;
using Haven.Core.News;
using Haven.Core.Shared;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Haven.Web.Demo;

/// <summary>A few made-up news posts and a press release from the demo organizations, dated from the load day (and
/// one post under embargo for two days, so the embargo can be seen), saved through <see cref="SavePost"/> like any
/// editor's. Loaded once, into a site without posts, after the demo library.</summary>
public sealed class DemoNews(HavenDbContext db, SavePost save, IClock clock, SiteSettings site)
{
    private sealed record Demo(PostKind Kind, string Title, string Organization, string? Author, string Byline, string[] Topics,
        int DaysAgo, string Summary, string Body, bool Embargoed = false, string Contact = "", string Dateline = "");

    private static readonly Demo[] Posts =
    [
        new(PostKind.PressRelease, "Coalition of 40 organizations calls on county to end ICE detainer holds", "riverbend-immigrant-legal-center",
            null, "", ["ice-detainers", "sanctuary-policies"], 2,
            "Legal service providers, defenders and faith groups ask the board of supervisors to stop holding people for immigration authorities past their release date.",
            """
            A coalition of forty organizations today delivered a letter to the county board of supervisors asking it to end
            the jail's practice of honoring ICE detainer requests.

            "Holding someone past their release date on a civil request is a new arrest without a warrant," said the
            coalition's coordinator. "Courts across the country have said so."

            The letter asks the board to:

            1. stop holding people on detainer requests alone;
            2. stop notifying ICE of release dates without a judicial warrant;
            3. publish quarterly figures on requests received.
            """, Contact: "Press office", Dateline: "Riverbend"),
        new(PostKind.NewsPost, "What the new cite-and-release ordinance means for immigrant residents", "defenders-for-equal-justice",
            "dwayne-achebe", "", ["cite-and-release", "immigration-consequences-of-convictions"], 9,
            "A citation instead of a custodial arrest keeps a person's fingerprints out of the jail booking system that shares data with ICE.",
            """
            The city council passed the cite-and-release ordinance last week. For most misdemeanors, officers will now issue
            a citation rather than booking the person into the county jail.

            **Why it matters for immigrants:** fingerprints taken at booking are shared with federal immigration databases.
            Fewer bookings mean fewer people flagged for removal over minor charges.

            Defenders should still advise clients on the immigration consequences of any plea.
            """),
        new(PostKind.NewsPost, "Guía: sus derechos si la policía le detiene", "comunidades-unidas-en-accion",
            null, "Equipo de Comunidades Unidas", ["know-your-rights"], 20,
            "Una guía corta, en lenguaje sencillo, sobre qué decir y qué no decir durante una parada policial.",
            """
            Tiene derecho a guardar silencio. Puede decir: "Quiero guardar silencio y quiero hablar con un abogado".

            No firme ningún documento que no entienda. Pida un intérprete si lo necesita.
            """),
        new(PostKind.NewsPost, "Report: pretrial detention and immigration holds in five counties", "border-counties-justice-project",
            null, "Research team", ["bail-and-pretrial", "detention"], 0,
            "Our report on how immigration holds lengthen pretrial detention, released under embargo to reporters first.",
            """
            People with an immigration hold spend on average three times longer in pretrial detention than others charged
            with the same offenses. The full report and county-by-county figures are linked below.
            """, Embargoed: true),
    ];

    /// <summary>Adds the demo posts to a site without posts; returns how many were added.</summary>
    public async Task<int> LoadAsync(CancellationToken cancellationToken = default)
    {
        if (await db.Posts.AnyAsync(cancellationToken)) return 0;
        var organizations = await db.Organizations.AsNoTracking().ToDictionaryAsync(o => o.Slug, o => o.Id, cancellationToken);
        var topics = await db.Topics.AsNoTracking().ToDictionaryAsync(t => t.Slug, t => t.Id, cancellationToken);
        var people = await db.People.AsNoTracking().ToDictionaryAsync(p => p.Slug, p => p.Id, cancellationToken);
        var now = clock.GetCurrentInstant();
        var today = now.InZone(site.Zone).Date;
        var count = 0;
        foreach (var demo in Posts)
        {
            if (!organizations.TryGetValue(demo.Organization, out var owner)) continue;
            var embargo = demo.Embargoed ? (now + Duration.FromDays(2)).InZone(site.Zone).LocalDateTime : (LocalDateTime?)null;
            var outcome = await save.RunAsync(new PostEdit
            {
                Actor = Actor.System("demo"),
                Fields = new PostFields
                {
                    Kind = demo.Kind,
                    Title = demo.Title,
                    Summary = demo.Summary,
                    Body = demo.Body,
                    OwnerOrganizationId = owner,
                    AuthorPersonId = demo.Author is { } slug && people.TryGetValue(slug, out var person) ? person : null,
                    Byline = demo.Byline,
                    TopicIds = demo.Topics.Where(topics.ContainsKey).Select(t => topics[t]).ToList(),
                    Language = demo.Title.StartsWith("Guía", StringComparison.Ordinal) ? Languages.Spanish : Languages.English,
                    PublishedOn = PostFields.DatePattern.Format(demo.Embargoed ? embargo!.Value.Date : today.PlusDays(-demo.DaysAgo)),
                    EmbargoUntil = embargo is { } e ? PostFields.LocalPattern.Format(e.With(TimeAdjusters.TruncateToMinute)) : "",
                    ContactName = demo.Contact,
                    ContactEmail = demo.Contact.Length > 0 ? "press@riverbend.example.org" : "",
                    ContactPhone = demo.Contact.Length > 0 ? "+1 555 0100" : "",
                    DatelineCity = demo.Dateline,
                },
            }, cancellationToken);
            if (outcome.Succeeded) count++;
        }
        return count;
    }
}
