using System.Security.Cryptography;
using System.Text;
using CsvHelper;
using Haven.Core.Accounts;
using Haven.Core.Audit;
using Haven.Core.Data;
using Haven.Core.Shared;
using Haven.Core.Text;
using Microsoft.EntityFrameworkCore;
using NodaTime.Text;

namespace Haven.Core.Resources;

/// <summary>What an import row does to its resource.</summary>
public enum ResourceImportAction
{
    Create,
    Update,
    Unchanged,
    Rejected,
}

/// <summary>One data row of the file: its line, its slug, what it would do, and every problem when it is rejected.</summary>
public sealed record ResourceImportRow(int Line, string Slug, string Title, ResourceImportAction Action, IReadOnlyList<Problem> Problems);

/// <summary>The dry run: problems of the file as a whole (encoding, columns) and of each row. The fingerprint names
/// what the rows would do to which revision of each resource, so a confirmation after the data changed is refused.</summary>
public sealed record ResourceImportReport(IReadOnlyList<Problem> FileProblems, IReadOnlyList<ResourceImportRow> Rows, string Fingerprint)
{
    public bool IsValid => FileProblems.Count == 0 && Rows.Count > 0 && Rows.All(r => r.Problems.Count == 0);
    public int Count(ResourceImportAction action) => Rows.Count(r => r.Action == action);
}

/// <summary>Imports resources from CSV (<see cref="ResourceCsv.Columns"/>); the slug is the key. <see cref="CheckAsync"/>
/// is the dry run: every row is checked (type, language, dates, title, organizations, topics, audiences, jurisdictions,
/// links, status, whose the slug is, duplicates) and compared with the saved resource, and nothing is written.
/// <see cref="ApplyAsync"/> checks again inside one transaction and saves every created or changed row through
/// <see cref="SaveResource"/> (validation, revision, search index, audit), or nothing at all.</summary>
public sealed class ImportResources(HavenDbContext db, SaveResource save, AuditLog audit)
{
    public const int MaxBytes = 20 * 1024 * 1024;
    public const int MaxRows = 5_000;

    private static readonly Dictionary<string, int> Position = ResourceCsv.Columns.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i);

    private sealed record Planned(int Line, int? ResourceId, int Revision, ResourceSnapshot Fields, SaveAction Action);

    private sealed record Plan(ResourceImportReport Report, IReadOnlyList<Planned> Rows);

    public async Task<ResourceImportReport> CheckAsync(Actor actor, byte[] file, CancellationToken cancellationToken = default) =>
        (await PlanAsync(actor, file, cancellationToken)).Report;

    /// <summary>Writes the file's creations and updates, all or none. <paramref name="expectedFingerprint"/> is the dry
    /// run's: when the resources changed since (the rows would now do something else), nothing is written.</summary>
    public async Task<Outcome<ResourceImportReport>> ApplyAsync(Actor actor, byte[] file, string? expectedFingerprint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(file);
        if (!actor.CanImportResources)
        {
            await audit.WriteNowAsync(actor, AuditActions.ResourceEditRefused, "resource", "import", null, "Refused a resource import", cancellationToken: cancellationToken);
            return Outcome<ResourceImportReport>.Failure(new Problem("forbidden", "Only administrators and organizations' editors can import resources."));
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var plan = await PlanAsync(actor, file, cancellationToken);
        if (!plan.Report.IsValid)
            return Outcome<ResourceImportReport>.Failure(new Problem("import_invalid", "The file has problems: nothing was imported."));
        if (expectedFingerprint is not null && expectedFingerprint != plan.Report.Fingerprint)
            return Outcome<ResourceImportReport>.Failure(new Problem("import_changed", "Resources changed since the dry run: nothing was imported. Check the file again."));

        foreach (var row in plan.Rows)
        {
            var outcome = await save.RunAsync(new ResourceEdit
            {
                ResourceId = row.ResourceId, ExpectedRevision = row.Revision, Fields = row.Fields, Action = row.Action, Actor = actor,
            }, cancellationToken);
            if (!outcome.Succeeded)
            {
                // One refusal undoes every row before it.
                await transaction.RollbackAsync(CancellationToken.None);
                db.ChangeTracker.Clear();
                return Outcome<ResourceImportReport>.Failure(
                    outcome.Problems.Select(p => new Problem(p.Code, "Line {0}: {1}", p.Field, row.Line, p.Message)).ToList());
            }
        }
        audit.Add(actor, AuditActions.ResourcesImported, "resource", "import", null,
            $"Imported resources from CSV: {plan.Report.Count(ResourceImportAction.Create)} created, {plan.Report.Count(ResourceImportAction.Update)} updated, {plan.Report.Count(ResourceImportAction.Unchanged)} unchanged",
            after: new
            {
                Created = plan.Report.Rows.Where(r => r.Action == ResourceImportAction.Create).Select(r => r.Slug).ToList(),
                Updated = plan.Report.Rows.Where(r => r.Action == ResourceImportAction.Update).Select(r => r.Slug).ToList(),
            });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Outcome<ResourceImportReport>.Success(plan.Report);
    }

    private sealed record Existing(int Id, int? OwnerId, int Revision, ResourceStatus Status, string[] Row, ResourceSnapshot Snapshot, Resource Resource);

    private async Task<Plan> PlanAsync(Actor actor, byte[] file, CancellationToken cancellationToken)
    {
        static Plan Failed(Problem problem) => new(new ResourceImportReport([problem], [], ""), []);
        var (text, unreadable) = CsvUpload.Read(file, MaxBytes, ResourceCsv.DecodeUtf8);
        if (unreadable is not null) return Failed(unreadable);

        using var csv = CsvReader.FromText(text!, new CsvReaderOptions { Separator = ',', TrackLineNumbers = true, TrimWhitespace = true });
        if (csv.Headers.Count == 0) return Failed(new Problem("empty_file", "The file is empty."));
        var headers = csv.Headers.Select(h => h.Trim().ToLowerInvariant()).ToList();
        var fileProblems = CsvUpload.HeaderProblems(headers, ResourceCsv.Columns);
        if (fileProblems.Count > 0) return new Plan(new ResourceImportReport(fileProblems, [], ""), []);
        var index = ResourceCsv.Columns.ToDictionary(c => c, c => headers.IndexOf(c));

        var organizations = await db.Organizations.AsNoTracking().Select(o => new { o.Id, o.Slug }).ToDictionaryAsync(o => o.Slug, o => o.Id, StringComparer.OrdinalIgnoreCase, cancellationToken);
        var topics = await db.Topics.AsNoTracking().Select(t => new { t.Id, t.Slug }).ToDictionaryAsync(t => t.Slug, t => t.Id, StringComparer.OrdinalIgnoreCase, cancellationToken);
        var audiences = await db.Audiences.AsNoTracking().Select(a => new { a.Id, a.Slug }).ToDictionaryAsync(a => a.Slug, a => a.Id, StringComparer.OrdinalIgnoreCase, cancellationToken);
        var jurisdictions = await db.Jurisdictions.AsNoTracking().Select(j => new { j.Id, j.Slug }).ToDictionaryAsync(j => j.Slug, j => j.Id, StringComparer.OrdinalIgnoreCase, cancellationToken);

        // Read every row first, so the saved resources the file names are loaded in one query.
        var raw = new List<(int Line, int FieldCount, string[] Cells)>();
        while (csv.Read())
        {
            if (raw.Count >= MaxRows)
            {
                fileProblems.Add(new Problem("too_many_rows", "A file can have at most {0} rows.", null, MaxRows));
                break;
            }
            var count = csv.FieldCount;
            raw.Add(((int)csv.LineNumber, count, ResourceCsv.Columns.Select(c => index[c] < count ? ResourceCsv.Unguard(csv.GetString(index[c]).Trim()) : "").ToArray()));
        }
        if (raw.Count == 0 && fileProblems.Count == 0) fileProblems.Add(new Problem("no_rows", "The file has a header but no rows."));

        var slugs = raw.Select(r => r.Cells[0]).Where(s => s.Length > 0).Distinct().ToList();
        var saved = await db.Resources.AsNoTracking()
            .Where(r => slugs.Contains(r.Slug))
            .Include(r => r.Authors).ThenInclude(a => a.Organization)
            .Include(r => r.Topics).Include(r => r.Audiences).Include(r => r.Jurisdictions).Include(r => r.Links)
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        var existing = saved.ToDictionary(r => r.Slug, r => new Existing(r.Id, r.OwnerOrganizationId, r.Revision, r.Status, Canonical(ResourceCsv.RowOf(r)), ResourceSnapshot.Of(r), r), StringComparer.Ordinal);

        var rows = new List<ResourceImportRow>();
        var planned = new List<Planned>();
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var fingerprint = new StringBuilder();
        foreach (var (line, fieldCount, cells) in raw)
        {
            var problems = new List<Problem>();
            string Cell(string column) => cells[Position[column]];
            if (fieldCount != headers.Count)
                problems.Add(new Problem("cell_count", "The row has {0} cells; the header has {1}.", null, fieldCount, headers.Count));

            var slug = Cell("slug");
            if (slug.Length == 0) problems.Add(new Problem("slug_required", "The slug is missing.", "slug"));
            else if (!Shared.Slug.IsValid(slug)) problems.Add(new Problem("bad_slug", "The slug “{0}” is not valid: lower-case letters, digits and hyphens only.", "slug", Short(slug)));
            else if (seen.TryGetValue(slug, out var firstLine)) problems.Add(new Problem("duplicate_slug", "The slug {0} is already on line {1} of the file.", "slug", slug, firstLine));
            else seen[slug] = line;
            existing.TryGetValue(slug, out var current);

            if (!ResourceTypes.TryParseSlug(Cell("type").ToLowerInvariant(), out var type))
                problems.Add(new Problem("unknown_type", "No resource type is called “{0}”.", "type", Short(Cell("type"))));
            var titleCell = Cell("title");
            var title = UserText.Line(titleCell, int.MaxValue);
            if (title.Length == 0) problems.Add(new Problem("title_required", "The title is missing.", "title"));
            else if (title.Length > Resource.TitleMaxLength) problems.Add(new Problem("title_too_long", "The title can have at most {0} characters.", "title", Resource.TitleMaxLength));
            var summary = UserText.Paragraphs(Cell("summary"), int.MaxValue);
            if (summary.Length > Resource.SummaryMaxLength) problems.Add(new Problem("summary_too_long", "The summary can have at most {0} characters.", "summary", Resource.SummaryMaxLength));
            var body = Cell("body").Replace("\r\n", "\n", StringComparison.Ordinal);
            if (body.Length > Resource.BodyMaxLength) problems.Add(new Problem("body_too_long", "The body can have at most {0} characters.", "body", Resource.BodyMaxLength));
            var language = Cell("language").ToLowerInvariant();
            if (!Languages.IsContentLanguage(language)) problems.Add(new Problem("unknown_language", "No content language has the code “{0}”.", "language", Short(Cell("language"))));
            var publishedOn = Date(Cell("published_on"), "published_on", problems);
            var currentAsOf = Date(Cell("current_as_of"), "current_as_of", problems);

            var authorSlugs = List(Cell("authors"));
            // Content from before organizations' editors may have no author: its row imports unchanged, but any change needs one.
            var authorsRequired = new Problem("authors_required", "Name at least one organization in authors.", "authors");
            if (authorSlugs.Count == 0 && current is not { Row: [_, _, _, _, _, _, _, _, "", ..] }) problems.Add(authorsRequired);
            var authorIds = Ids(authorSlugs, organizations, "unknown_organization", "No organization is called {0}.", "authors", problems);
            var topicIds = Ids(List(Cell("topics")), topics, "unknown_topic", "No topic is called {0}.", "topics", problems);
            var audienceIds = Ids(List(Cell("audiences")), audiences, "unknown_audience", "No audience is called {0}.", "audiences", problems);
            var jurisdictionIds = Ids(List(Cell("jurisdictions")), jurisdictions, "unknown_jurisdiction", "No jurisdiction is called {0}.", "jurisdictions", problems);

            if (!ResourceCsv.TryParseStatus(Cell("status"), out var status))
                problems.Add(new Problem("bad_status", "The status must be “draft” or “published”.", "status"));
            else if (status is ResourceStatus.Scheduled or ResourceStatus.InReview && current?.Status != status)
                problems.Add(new Problem("status_not_settable", "A resource cannot be made “{0}” by import: use “draft” or “published”.", "status", ResourceCsv.StatusText(status)));
            var links = Links(Cell("links"), problems);

            // Whose the row is: an existing resource must be one the actor edits; a new one belongs to the first author.
            // (A co-authored resource someone else owns is in the editor's export: its row may come back unchanged.)
            var ownedElsewhere = current is not null && !actor.CanEdit(current.Resource);
            var owned = new Problem("slug_owned_elsewhere", "The resource {0} belongs to an organization you do not edit for.", "slug", slug);
            if (current is null && authorIds.Count > 0 && authorIds.Count == authorSlugs.Count && !actor.EditsFor(authorIds[0]))
                problems.Add(new Problem("not_your_organization", "The first author must be an organization you edit for: a new resource belongs to it.", "authors"));

            var action = ResourceImportAction.Rejected;
            if (problems.Count == 0)
            {
                var row = Canonical([
                    slug, type.Slug(), title, summary, body, language, Cell("published_on"), Cell("current_as_of"),
                    string.Join(';', authorSlugs), string.Join(';', List(Cell("topics")).Order(StringComparer.OrdinalIgnoreCase)),
                    string.Join(';', List(Cell("audiences")).Order(StringComparer.OrdinalIgnoreCase)), string.Join(';', List(Cell("jurisdictions")).Order(StringComparer.OrdinalIgnoreCase)),
                    ResourceCsv.StatusText(status), string.Join('\n', links.Select(l => $"{l.Title} | {l.Url}")),
                ]);
                var fields = (current?.Snapshot ?? new ResourceSnapshot()) with
                {
                    Slug = slug, Type = type, Title = title, Summary = summary, Body = body, Language = language,
                    PublishedOn = publishedOn, CurrentAsOf = currentAsOf, AuthorIds = authorIds, TopicIds = topicIds,
                    AudienceIds = audienceIds, JurisdictionIds = jurisdictionIds,
                    Links = string.Join('\n', links.Select(l => $"{l.Url} {l.Title}")),
                };
                if (current is null)
                {
                    action = ResourceImportAction.Create;
                    planned.Add(new Planned(line, null, 0, fields, status == ResourceStatus.Published ? SaveAction.Publish : SaveAction.SaveDraft));
                }
                else if (row.SequenceEqual(current.Row, StringComparer.Ordinal))
                {
                    action = ResourceImportAction.Unchanged;
                }
                else if (ownedElsewhere)
                {
                    problems.Add(owned);
                }
                else if (authorIds.Count == 0)
                {
                    problems.Add(authorsRequired);
                }
                else
                {
                    action = ResourceImportAction.Update;
                    var saveAction = status == current.Status ? SaveAction.Save
                        : status == ResourceStatus.Published ? SaveAction.Publish
                        : SaveAction.SaveDraft;
                    planned.Add(new Planned(line, current.Id, current.Revision, fields, saveAction));
                }
                if (problems.Count == 0) fingerprint.Append(line).Append(':').Append(action).Append(':').Append(current?.Id).Append(':').Append(current?.Revision).Append('\n');
            }
            else if (ownedElsewhere)
            {
                problems.Add(owned);
            }
            rows.Add(new ResourceImportRow(line, slug, title.Length > 0 ? title : titleCell, action, problems));
        }

        var report = new ResourceImportReport(fileProblems, rows, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(fingerprint.ToString())))[..32]);
        return new Plan(report, planned);
    }

    /// <summary>A row as compared with the saved resource: plain fields tidied as the editor's would be.</summary>
    private static string[] Canonical(string[] row)
    {
        var copy = row.ToArray();
        copy[2] = UserText.Line(copy[2], int.MaxValue);
        copy[3] = UserText.Paragraphs(copy[3], int.MaxValue);
        copy[4] = copy[4].Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        for (var i = 8; i < 12; i++) copy[i] = copy[i].ToLowerInvariant();
        return copy;
    }

    private static string Short(string text) => text.Length > 80 ? text[..80] : text;

    private static List<string> List(string cell) =>
        cell.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();

    private static List<int> Ids(List<string> slugs, Dictionary<string, int> known, string code, string message, string field, List<Problem> problems)
    {
        var ids = new List<int>();
        foreach (var slug in slugs)
        {
            if (known.TryGetValue(slug, out var id))
            {
                if (!ids.Contains(id)) ids.Add(id);
            }
            else
            {
                problems.Add(new Problem(code, message, field, Short(slug)));
            }
        }
        return ids;
    }

    private static string? Date(string cell, string field, List<Problem> problems)
    {
        if (cell.Length == 0) return null;
        var parsed = LocalDatePattern.Iso.Parse(cell);
        if (parsed.Success && parsed.Value.Year is >= 1900 and <= 2200) return LocalDatePattern.Iso.Format(parsed.Value);
        problems.Add(new Problem("bad_date", "The date “{0}” is not a date (YYYY-MM-DD).", field, Short(cell)));
        return null;
    }

    /// <summary>"title | url" a line; a line with no bar is a bare address.</summary>
    private static List<(string Title, string Url)> Links(string cell, List<Problem> problems)
    {
        var links = new List<(string, string)>();
        foreach (var line in cell.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var bar = line.LastIndexOf('|');
            var address = (bar < 0 ? line : line[(bar + 1)..]).Trim();
            var title = bar < 0 ? "" : UserText.Line(line[..bar], 300);
            if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) || address.Length > 2000)
            {
                problems.Add(new Problem("bad_link", "Not a web address: {0}", "links", Short(address)));
                continue;
            }
            links.Add((title.Length > 0 ? title : uri.Host, uri.AbsoluteUri));
        }
        return links;
    }
}
