using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using Haven.Core.Data;
using Haven.Core.Resources;
using Microsoft.EntityFrameworkCore;

namespace Haven.Web.Pages.Admin.Resources;

/// <summary>One field that differs between two revisions, with a line-by-line diff.</summary>
public sealed record FieldChange(string Field, IReadOnlyList<DiffPiece> Lines);

/// <summary>Compares two snapshots field by field; ids are shown as names so the diff reads like the form.</summary>
public static class RevisionDiff
{
    public static async Task<IReadOnlyList<FieldChange>> CompareAsync(HavenDbContext db, ResourceSnapshot before, ResourceSnapshot after, CancellationToken ct)
    {
        var organizationIds = before.AuthorIds.Concat(after.AuthorIds).ToList();
        var organizations = await db.Organizations.Where(o => organizationIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var topicIds = before.TopicIds.Concat(after.TopicIds).ToList();
        var topics = await db.Topics.Where(t => topicIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        var audienceIds = before.AudienceIds.Concat(after.AudienceIds).ToList();
        var audiences = await db.Audiences.Where(a => audienceIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, ct);
        var jurisdictionIds = before.JurisdictionIds.Concat(after.JurisdictionIds).ToList();
        var jurisdictions = await db.Jurisdictions.Where(j => jurisdictionIds.Contains(j.Id)).ToDictionaryAsync(j => j.Id, j => j.Name, ct);
        var resourceIds = new[] { before.SupersedesId, after.SupersedesId }.OfType<int>().ToList();
        var resources = await db.Resources.Where(r => resourceIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.Title, ct);

        static string Names(IEnumerable<int> ids, Dictionary<int, string> names) =>
            string.Join('\n', ids.Select(id => names.GetValueOrDefault(id, $"#{id}")));

        var fields = new (string Name, string Before, string After)[]
        {
            ("Title", before.Title, after.Title),
            ("Type", before.Type.DisplayName(), after.Type.DisplayName()),
            ("Address", before.Slug, after.Slug),
            ("Language", before.Language, after.Language),
            ("Publication date", before.PublishedOn ?? "", after.PublishedOn ?? ""),
            ("Current as of", before.CurrentAsOf ?? "", after.CurrentAsOf ?? ""),
            ("Summary", before.Summary, after.Summary),
            ("Body", before.Body, after.Body),
            ("Organizations, in credit order", Names(before.AuthorIds, organizations), Names(after.AuthorIds, organizations)),
            ("Topics", Names(before.TopicIds, topics), Names(after.TopicIds, topics)),
            ("Audiences", Names(before.AudienceIds, audiences), Names(after.AudienceIds, audiences)),
            ("Jurisdictions", Names(before.JurisdictionIds, jurisdictions), Names(after.JurisdictionIds, jurisdictions)),
            ("Supersedes", before.SupersedesId is { } b ? resources.GetValueOrDefault(b, "") : "", after.SupersedesId is { } a ? resources.GetValueOrDefault(a, "") : ""),
            ("Links", before.Links, after.Links),
        };
        return fields
            .Where(f => f.Before != f.After)
            .Select(f => new FieldChange(f.Name, InlineDiffBuilder.Diff(f.Before, f.After).Lines))
            .ToList();
    }
}
