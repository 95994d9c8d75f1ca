using Haven.Core.Accounts;
using Haven.Core.Data;
using Haven.Core.Organizations;
using Haven.Core.Resources;
using Haven.Core.Taxonomy;
using Haven.Web.Demo;
using Microsoft.Extensions.DependencyInjection;

namespace Haven.TestSupport;

/// <summary>Test data that belongs to one test: every name carries a fresh token, so tests sharing a site never see each other's rows.</summary>
public sealed class Some
{
    public Some() => Token = "t" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>A word no other test uses: put it in a text and search for it to see only this test's resources.</summary>
    public string Token { get; }

    public string Slug(string name) => $"{name}-{Token}";
}

/// <summary>Taxonomy created for one test.</summary>
public sealed record TestTaxonomy(
    Some Some,
    Organization Organization,
    Organization OtherOrganization,
    Topic Topic,
    Topic OtherTopic,
    Audience Audience,
    Jurisdiction Jurisdiction);

public static class HavenFactoryArrange
{
    public static async Task<TestTaxonomy> CreateTaxonomyAsync(this HavenFactory site)
    {
        var some = new Some();
        await using var scope = site.Scope();
        var db = scope.ServiceProvider.GetRequiredService<HavenDbContext>();
        var organization = new Organization { Slug = some.Slug("defenders"), Name = $"Defenders Collective {some.Token}", Website = "https://defenders.example.org" };
        var other = new Organization { Slug = some.Slug("immigrant-center"), Name = $"Immigrant Law Center {some.Token}" };
        var topic = new Topic { Slug = some.Slug("detainers"), Name = $"Detainers {some.Token}", NameEs = $"Retenciones {some.Token}" };
        var otherTopic = new Topic { Slug = some.Slug("diversion"), Name = $"Diversion {some.Token}", NameEs = $"Desvío {some.Token}" };
        var audience = new Audience { Slug = some.Slug("defenders"), Name = $"Public defenders {some.Token}", NameEs = $"Defensores {some.Token}" };
        var jurisdiction = new Jurisdiction { Slug = some.Slug("county"), Name = $"Test County {some.Token}", Kind = JurisdictionKind.County };
        db.AddRange(organization, other, topic, otherTopic, audience, jurisdiction);
        await db.SaveChangesAsync();
        return new TestTaxonomy(some, organization, other, topic, otherTopic, audience, jurisdiction);
    }

    /// <summary>Saves a resource through the editor's use case and returns it; throws if the use case refuses.</summary>
    public static async Task<Resource> SaveResourceAsync(this HavenFactory site, ResourceSnapshot fields, SaveAction action = SaveAction.Publish, int? id = null, int expectedRevision = 0)
    {
        await using var scope = site.Scope();
        var save = scope.ServiceProvider.GetRequiredService<SaveResource>();
        var outcome = await save.RunAsync(new ResourceEdit { ResourceId = id, ExpectedRevision = expectedRevision, Fields = fields, Action = action, Actor = Actor.System("test") });
        return outcome.Succeeded ? outcome.Value! : throw new InvalidOperationException("Save refused: " + string.Join("; ", outcome.Problems));
    }

    public static ResourceSnapshot Resource(this TestTaxonomy t, string title, string body = "", string language = "en",
        ResourceType type = ResourceType.PracticeAdvisory, string? publishedOn = "2024-05-01") => new()
    {
        Title = title,
        Body = body,
        Summary = $"Summary of {title}.",
        Type = type,
        Language = language,
        PublishedOn = publishedOn,
        AuthorIds = [t.Organization.Id],
        TopicIds = [t.Topic.Id],
        AudienceIds = [t.Audience.Id],
        JurisdictionIds = [t.Jurisdiction.Id],
    };

    public static async Task<ResourceAttachment> AttachPdfAsync(this HavenFactory site, int resourceId, string fileName, params string[] pages)
    {
        await using var scope = site.Scope();
        var attachments = scope.ServiceProvider.GetRequiredService<ManageAttachments>();
        using var pdf = new MemoryStream(DemoPdf.Render("Attachment", pages));
        var outcome = await attachments.AddAsync(Actor.System("test"), resourceId, fileName, pdf);
        return outcome.Succeeded ? outcome.Value! : throw new InvalidOperationException("Upload refused: " + string.Join("; ", outcome.Problems));
    }
}
