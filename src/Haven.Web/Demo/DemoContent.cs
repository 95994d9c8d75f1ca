using System.Text.Json;
using Haven.Core.Accounts;
using Haven.Core.Data;
using Haven.Core.Events;
using Haven.Core.Organizations;
using Haven.Core.People;
using Haven.Core.Resources;
using Haven.Core.Search;
using Haven.Core.Shared;
using Haven.Core.Taxonomy;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Haven.Web.Demo;

/// <summary>Loads the demo library (Demo/demo-content.json, written for this project) through the same use cases
/// editors use, so the demo exercises revisions, sanitizing and indexing like real content. Also makes synthetic
/// resources in bulk for benchmarks.</summary>
public sealed class DemoContent(HavenDbContext db, SaveResource save, ManageAttachments attachments, SaveEvent saveEvent, IClock clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<int> LoadAsync(CancellationToken cancellationToken = default)
    {
        await using var stream = typeof(DemoContent).Assembly.GetManifestResourceStream("Haven.Web.Demo.demo-content.json")
            ?? throw new InvalidOperationException("The demo content is missing from the build.");
        var demo = await JsonSerializer.DeserializeAsync<DemoFile>(stream, Json, cancellationToken)
            ?? throw new InvalidOperationException("The demo content is empty.");

        db.Organizations.AddRange(demo.Organizations.Select(o => new Organization { Slug = o.Slug, Name = o.Name, ShortName = o.ShortName ?? "", Website = o.Website ?? "", Description = o.Description ?? "" }));
        db.Topics.AddRange(demo.Topics.Select(t => new Topic { Slug = t.Slug, Name = t.Name, NameEs = t.NameEs ?? "", Description = t.Description ?? "" }));
        db.Audiences.AddRange(demo.Audiences.Select(a => new Audience { Slug = a.Slug, Name = a.Name, NameEs = a.NameEs ?? "" }));
        // States and counties may be there already (imported from the atlas): those keep their rows.
        var known = await db.Jurisdictions.ToListAsync(cancellationToken);
        db.Jurisdictions.AddRange(demo.Jurisdictions
            .Where(j => !known.Any(k => k.Slug == j.Slug || (j.Fips is not null && k.Fips == j.Fips)))
            .Select(j => new Jurisdiction
            {
                Slug = j.Slug, Name = j.Name, Fips = j.Fips, StateCode = j.StateCode,
                Kind = Enum.Parse<JurisdictionKind>(j.Kind, ignoreCase: true),
            }));
        await db.SaveChangesAsync(cancellationToken);

        var organizations = await db.Organizations.ToDictionaryAsync(o => o.Slug, o => o.Id, cancellationToken);
        var topics = await db.Topics.ToDictionaryAsync(t => t.Slug, t => t.Id, cancellationToken);
        var audiences = await db.Audiences.ToDictionaryAsync(a => a.Slug, a => a.Id, cancellationToken);
        var rows = await db.Jurisdictions.ToListAsync(cancellationToken);
        var jurisdictions = demo.Jurisdictions.ToDictionary(j => j.Slug,
            j => rows.First(r => r.Slug == j.Slug || (j.Fips is not null && r.Fips == j.Fips)).Id);
        var ids = new Dictionary<string, int>();
        var works = new Dictionary<string, int>();

        foreach (var r in demo.Resources)
        {
            if (!ResourceTypes.TryParseSlug(r.Type, out var type))
                throw new InvalidOperationException($"Demo resource {r.Slug} has an unknown type {r.Type}.");
            var fields = new ResourceSnapshot
            {
                Type = type,
                Title = r.Title,
                Slug = r.Slug,
                Summary = r.Summary,
                Body = r.Body,
                Language = r.Language,
                PublishedOn = r.PublishedOn,
                CurrentAsOf = r.CurrentAsOf,
                AuthorIds = r.Authors.Select(a => organizations[a]).ToList(),
                TopicIds = (r.Topics ?? []).Select(t => topics[t]).ToList(),
                AudienceIds = (r.Audiences ?? []).Select(a => audiences[a]).ToList(),
                JurisdictionIds = (r.Jurisdictions ?? []).Select(j => jurisdictions[j]).ToList(),
                SupersedesId = r.Supersedes is null ? null : ids[r.Supersedes],
                TranslationOfId = r.Work is not null && works.TryGetValue(r.Work, out var first) ? first : null,
                Links = string.Join('\n', (r.Links ?? []).Select(l => $"{l.Url} {l.Title}")),
            };
            var action = r.Status == "draft" ? SaveAction.SaveDraft : SaveAction.Publish;
            var outcome = await save.RunAsync(new ResourceEdit { Fields = fields, Action = action, Actor = Actor.System("Demo content") }, cancellationToken);
            if (!outcome.Succeeded)
                throw new InvalidOperationException($"Demo resource {r.Slug} was refused: {string.Join("; ", outcome.Problems)}");
            var resource = outcome.Value!;
            ids[r.Slug] = resource.Id;
            if (r.Work is not null) works.TryAdd(r.Work, resource.Id);
            foreach (var file in r.Attachments ?? [])
            {
                using var pdf = new MemoryStream(DemoPdf.Render(r.Title, file.Pages));
                var added = await attachments.AddAsync(Actor.System("Demo content"), resource.Id, file.FileName, pdf, cancellationToken);
                if (!added.Succeeded)
                    throw new InvalidOperationException($"Demo attachment {file.FileName} was refused: {string.Join("; ", added.Problems)}");
            }
            db.ChangeTracker.Clear();
        }
        await LoadEventsAsync(demo, organizations, topics, cancellationToken);
        return demo.Resources.Count;
    }

    /// <summary>Speakers, then events through the editor's use case, dated from today so the upcoming ones stay upcoming.</summary>
    private async Task LoadEventsAsync(DemoFile demo, Dictionary<string, int> organizations, Dictionary<string, int> topics, CancellationToken cancellationToken)
    {
        db.People.AddRange((demo.People ?? []).Select(p => new Person
        {
            Slug = p.Slug, Name = p.Name, Title = p.Title ?? "", Bio = p.Bio ?? "",
            OrganizationId = p.Organization is null ? null : organizations[p.Organization],
        }));
        await db.SaveChangesAsync(cancellationToken);
        var people = await db.People.ToDictionaryAsync(p => p.Slug, p => p.Id, cancellationToken);
        db.ChangeTracker.Clear();

        var today = clock.GetCurrentInstant().InUtc().Date;
        foreach (var e in demo.Events ?? [])
        {
            var day = today.PlusDays(e.StartsInDays);
            var fields = new EventFields
            {
                Title = e.Title,
                Slug = e.Slug,
                Kind = Enum.Parse<EventKind>(e.Kind),
                Status = e.Status is null ? EventStatus.Scheduled : Enum.Parse<EventStatus>(e.Status),
                Description = e.Description,
                StartsAt = day.ToString("uuuu-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + "T" + e.LocalTime,
                TimeZoneId = e.TimeZone,
                DurationMinutes = e.DurationMinutes.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Language = e.Language,
                Interpretation = e.Interpretation,
                ContinuingEducationNote = e.ContinuingEducation,
                ContactEmail = e.ContactEmail,
                HostIds = e.Hosts.Select(h => organizations[h]).ToList(),
                TopicIds = (e.Topics ?? []).Select(t => topics[t]).ToList(),
                Speakers = (e.Speakers ?? []).Select(s => new SpeakerFields(people[s.Person], Enum.Parse<SpeakerRole>(s.Role), null, null)).ToList(),
                RegistrationMode = Enum.Parse<RegistrationMode>(e.Registration),
                Capacity = e.Capacity?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                RecordingUrl = e.RecordingUrl,
                Questions = (e.Questions ?? []).Select(q => new QuestionFields(null, Enum.Parse<QuestionKind>(q.Kind), q.Label, string.Join("\n", q.Options ?? []), q.Required)).ToList(),
                Prerequisites = string.Join("\n", e.Prerequisites ?? []),
                ReminderMinutes = e.ReminderMinutes ?? "",
            };
            var outcome = await saveEvent.RunAsync(new EventEdit { Fields = fields, Actor = Actor.System("Demo content") }, cancellationToken);
            if (!outcome.Succeeded)
                throw new InvalidOperationException($"Demo event {e.Slug} was refused: {string.Join("; ", outcome.Problems)}");
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>Adds synthetic resources in bulk (for benchmarks): plausible words, every type, topics, organizations,
    /// two languages and sixteen years, with a few words at known frequencies so benchmark queries are meaningful.</summary>
    public async Task<int> GenerateSyntheticAsync(int count, TextWriter progress, CancellationToken cancellationToken = default)
    {
        var corpus = new SyntheticCorpus(seed: 20261124);
        await corpus.EnsureTaxonomyAsync(db, cancellationToken);
        var organizations = await db.Organizations.ToListAsync(cancellationToken);
        var topics = await db.Topics.ToListAsync(cancellationToken);
        var audiences = await db.Audiences.ToListAsync(cancellationToken);
        var jurisdictions = await db.Jurisdictions.ToListAsync(cancellationToken);
        var now = clock.GetCurrentInstant();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var start = await db.Resources.CountAsync(cancellationToken);
        for (var done = 0; done < count;)
        {
            var batch = Math.Min(1000, count - done);
            // The taxonomy is shared by every batch: tracked as existing rows, never inserted again.
            db.AttachRange(topics);
            db.AttachRange(audiences);
            db.AttachRange(jurisdictions);
            var resources = Enumerable.Range(start + done, batch)
                .Select(n => corpus.Resource(n, organizations, topics, audiences, jurisdictions, now)).ToList();
            db.Resources.AddRange(resources);
            await db.SaveChangesAsync(cancellationToken);
            // Logged like any other change, so running instances index them by catching up.
            db.SearchIndexChanges.AddRange(resources.Select(r => new SearchIndexChange { ResourceId = r.Id, At = now }));
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            done += batch;
            if (done % 10_000 == 0 || done == count) await progress.WriteLineAsync($"  {done} / {count}");
        }
        db.ChangeTracker.AutoDetectChangesEnabled = true;
        return count;
    }

    private sealed record DemoFile(List<DemoOrganization> Organizations, List<DemoTopic> Topics, List<DemoAudience> Audiences,
        List<DemoJurisdiction> Jurisdictions, List<DemoResource> Resources, List<DemoPerson>? People, List<DemoEvent>? Events);
    private sealed record DemoPerson(string Slug, string Name, string? Title, string? Organization, string? Bio);
    private sealed record DemoEvent(string Slug, string Title, string Kind, string Language, string Description, int StartsInDays, string LocalTime,
        string TimeZone, int DurationMinutes, string? Status, List<string> Hosts, List<string>? Topics, string Registration, int? Capacity,
        string? Interpretation, string? ContinuingEducation, string? ContactEmail, string? RecordingUrl, List<DemoSpeaker>? Speakers,
        List<DemoQuestion>? Questions, List<string>? Prerequisites, string? ReminderMinutes);
    private sealed record DemoSpeaker(string Person, string Role);
    private sealed record DemoQuestion(string Kind, string Label, List<string>? Options, bool Required);
    private sealed record DemoOrganization(string Slug, string Name, string? ShortName, string? Website, string? Description);
    private sealed record DemoTopic(string Slug, string Name, string? NameEs, string? Description);
    private sealed record DemoAudience(string Slug, string Name, string? NameEs);
    private sealed record DemoJurisdiction(string Slug, string Name, string Kind, string? Fips, string? StateCode);
    private sealed record DemoResource(string Slug, string Type, string Title, string Summary, string Body, string Language,
        string? PublishedOn, string? CurrentAsOf, string? Status, List<string> Authors, List<string>? Topics, List<string>? Audiences,
        List<string>? Jurisdictions, string? Work, string? Supersedes, List<DemoLink>? Links, List<DemoAttachment>? Attachments);
    private sealed record DemoLink(string Url, string Title);
    private sealed record DemoAttachment(string FileName, List<string> Pages);
}
