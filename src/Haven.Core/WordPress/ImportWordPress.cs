using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Haven.Core.Accounts;
using Haven.Core.Audit;
using Haven.Core.Comments;
using Haven.Core.Data;
using Haven.Core.Files;
using Haven.Core.News;
using Haven.Core.Resources;
using Haven.Core.Shared;
using Haven.Core.Taxonomy;
using Haven.Core.Text;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Haven.Core.WordPress;

/// <summary>What the import does with one WordPress object.</summary>
public enum WordPressOutcome
{
    Create,
    Skip,
    Reject,
}

/// <summary>One item of the export in the report: what it becomes ("post", "resource", or "" when nothing) and why.</summary>
public sealed record WordPressItemEntry(int Line, long WordPressId, string PostType, string Title, WordPressOutcome Outcome, string Becomes,
    IReadOnlyList<Problem> Reasons)
{
    /// <summary>The Haven id once imported (or already imported).</summary>
    public long? HavenId { get; init; }
}

/// <summary>One comment in the report: created as <see cref="Status"/>, under its top-level comment (<see cref="ReplyTo"/>)
/// when it replies to one, or skipped or rejected with the reason.</summary>
public sealed record WordPressCommentEntry(long WordPressId, long PostWordPressId, string Author, WordPressOutcome Outcome, CommentStatus Status,
    long? ReplyTo, Problem? Reason);

/// <summary>The dry run (and, after the import, what was done): problems of the file as a whole, every item and comment,
/// and the topics to create for categories and tags no topic has yet.</summary>
public sealed record WordPressImportReport(string SiteUrl, IReadOnlyList<Problem> FileProblems, IReadOnlyList<WordPressItemEntry> Items,
    IReadOnlyList<WordPressCommentEntry> Comments, IReadOnlyList<string> NewTopics)
{
    public bool CanImport => FileProblems.Count == 0;
    public int Count(WordPressOutcome outcome) => Items.Count(i => i.Outcome == outcome);
    public int Count(WordPressOutcome outcome, string becomes) => Items.Count(i => i.Outcome == outcome && i.Becomes == becomes);
    public int CommentCount(WordPressOutcome outcome) => Comments.Count(c => c.Outcome == outcome);

    public static WordPressImportReport Failed(IReadOnlyList<Problem> problems) => new("", problems, [], [], []);
}

/// <summary>Imports a WordPress export (WXR) for one organization: posts become news posts (through <see cref="SavePost"/>,
/// the author's display name as the byline); pages become explainer resources (through <see cref="SaveResource"/>:
/// pages are standing reference text, not dated news); categories and tags become topics (matched by slug, created when
/// missing); comments become comments (approved: published; waiting: held; spam and trash: skipped), replies hanging under
/// their thread's top-level comment since Haven has one level; attachments become links on the post or page they belong
/// to, except that a page's attachment local to the export (its host, and found in a local copy of wp-content/uploads)
/// is attached to the resource as a file. <see cref="CheckAsync"/> is the dry run and writes nothing; <see cref="RunAsync"/> imports. The import map
/// (<see cref="WordPressImportRecord"/>) makes a second run create nothing new.</summary>
public sealed class ImportWordPress(HavenDbContext db, SavePost savePost, SaveResource saveResource, ManageAttachments attachments, IClock clock,
    AuditLog audit, SiteSettings site, IFileStore files)
{
    public const string ImportedBy = "WordPress import";
    private static readonly HashSet<string> Skipped = ["nav_menu_item", "revision", "customize_changeset", "custom_css", "oembed_cache",
        "user_request", "wp_global_styles", "wp_navigation", "wp_template", "wp_template_part"];

    private sealed record PlannedItem(WxrItem Item, WordPressItemEntry Entry, PostFields? Post, ResourceSnapshot? Resource, SaveAction Action,
        IReadOnlyList<WxrTerm> Terms, IReadOnlyList<string> Files);

    private sealed record Plan(WordPressImportReport Report, IReadOnlyList<PlannedItem> Items, WxrExport? Export);

    /// <param name="uploadsFolder">A local copy of the site's wp-content/uploads folder, or null: an attachment on the
    /// export's own host found there is attached to its page's resource; every other attachment stays a link.</param>
    public async Task<WordPressImportReport> CheckAsync(Stream file, int organizationId, string? uploadsFolder = null, CancellationToken cancellationToken = default) =>
        (await PlanAsync(file, organizationId, uploadsFolder, cancellationToken)).Report;

    public async Task<Outcome<WordPressImportReport>> RunAsync(Actor actor, Stream file, int organizationId, string? uploadsFolder = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.EditsFor(organizationId))
        {
            await audit.WriteNowAsync(actor, AuditActions.WordPressImportRefused, "organization", organizationId.ToString(CultureInfo.InvariantCulture),
                organizationId, "Refused a WordPress import", cancellationToken: cancellationToken);
            return Outcome<WordPressImportReport>.Failure(new Problem("not_your_organization", "Choose an organization you edit for."));
        }
        var plan = await PlanAsync(file, organizationId, uploadsFolder, cancellationToken);
        if (!plan.Report.CanImport) return Outcome<WordPressImportReport>.Failure(plan.Report.FileProblems);
        var export = plan.Export!;
        var now = clock.GetCurrentInstant();

        // All or nothing: one transaction for the whole import (the save use cases join it instead of committing on
        // their own), and the files stored along the way are deleted when it fails. The change tracker is cleared after
        // each item so that a large export does not keep every saved entity in memory until the commit.
        var storedFiles = new List<string>();
        var writing = new Problem("import_failed_at", "The topics could not be saved.");
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            var written = await WriteAsync(actor, plan, export, organizationId, now, storedFiles, w => writing = w, cancellationToken);
            if (!written.Succeeded)
            {
                await UndoAsync(transaction, storedFiles);
                return written;
            }
            await transaction.CommitAsync(cancellationToken);
            return written;
        }
        catch (Exception e)
        {
            await UndoAsync(transaction, storedFiles);
            if (e is not (DbUpdateException or System.Data.Common.DbException)) throw;
            return Outcome<WordPressImportReport>.Failure([writing,
                new Problem("import_failed", "Nothing was imported: the database refused the change ({0}).", null, (e.InnerException ?? e).Message)]);
        }
    }

    private async Task UndoAsync(Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction, List<string> storedFiles)
    {
        await transaction.RollbackAsync(CancellationToken.None);
        db.ChangeTracker.Clear();
        foreach (var key in storedFiles) files.Delete(key);
    }

    private async Task<Outcome<WordPressImportReport>> WriteAsync(Actor actor, Plan plan, WxrExport export, int organizationId, Instant now,
        List<string> storedFiles, Action<Problem> writing, CancellationToken cancellationToken)
    {
        // Topics first, so every post can name its own.
        var topics = await db.Topics.AsNoTracking().ToDictionaryAsync(t => t.Slug, t => t.Id, StringComparer.Ordinal, cancellationToken);
        var newTopics = new List<Topic>();
        foreach (var term in plan.Items.SelectMany(p => p.Terms).DistinctBy(t => t.Slug).Where(t => !topics.ContainsKey(t.Slug)))
        {
            var topic = new Topic { Slug = term.Slug, Name = UserText.Line(term.Name, 100) is { Length: > 0 } name ? name : term.Slug };
            db.Topics.Add(topic);
            newTopics.Add(topic);
        }
        await db.SaveChangesAsync(cancellationToken);
        foreach (var topic in newTopics) topics[topic.Slug] = topic.Id;
        db.ChangeTracker.Clear();

        var items = new List<WordPressItemEntry>();
        var havenIds = await MapAsync(export.SiteUrl, WordPressImportRecord.Post, cancellationToken);
        foreach (var planned in plan.Items)
        {
            var entry = planned.Entry;
            if (entry.Outcome != WordPressOutcome.Create)
            {
                items.Add(entry);
                continue;
            }
            writing(new Problem("import_failed_at", "Line {0}, “{1}” could not be saved.", null, entry.Line, entry.Title));
            var topicIds = planned.Terms.Select(t => topics[t.Slug]).Distinct().ToList();
            long? id = null;
            IReadOnlyList<Problem> problems = [];
            if (planned.Post is { } fields)
            {
                var outcome = await savePost.RunAsync(new PostEdit { Fields = fields with { TopicIds = topicIds }, Actor = actor }, cancellationToken);
                if (!outcome.Succeeded && outcome.Problems.Any(p => p.Code == "slug_taken"))
                    outcome = await savePost.RunAsync(new PostEdit { Fields = fields with { TopicIds = topicIds, Slug = "" }, Actor = actor }, cancellationToken);
                (id, problems) = (outcome.Value?.Id, outcome.Problems);
            }
            else if (planned.Resource is { } snapshot)
            {
                var outcome = await saveResource.RunAsync(new ResourceEdit { Fields = snapshot with { TopicIds = topicIds }, Action = planned.Action, Actor = actor }, cancellationToken);
                if (!outcome.Succeeded && outcome.Problems.Any(p => p.Code == "slug_taken"))
                    outcome = await saveResource.RunAsync(new ResourceEdit { Fields = snapshot with { TopicIds = topicIds, Slug = "" }, Action = planned.Action, Actor = actor }, cancellationToken);
                (id, problems) = (outcome.Value?.Id, outcome.Problems);
            }
            if (id is null)
            {
                // The dry run accepted it but saving refused it: one refusal undoes the whole import.
                return Outcome<WordPressImportReport>.Failure([new Problem("import_refused", "Line {0}, “{1}” was refused when saved: nothing was imported.", null,
                    entry.Line, entry.Title), .. problems]);
            }
            db.WordPressImports.Add(new WordPressImportRecord
            {
                SiteUrl = export.SiteUrl, WordPressKind = WordPressImportRecord.Post, WordPressId = planned.Item.PostId, HavenKind = entry.Becomes,
                HavenId = id.Value, OrganizationId = organizationId, ImportedAt = now,
            });
            await db.SaveChangesAsync(cancellationToken);
            havenIds[planned.Item.PostId] = id.Value;
            var fileProblems = new List<Problem>();
            foreach (var path in planned.Files)
            {
                await using var content = File.OpenRead(path);
                var attached = await attachments.AddAsync(actor, (int)id.Value, Path.GetFileName(path), content, cancellationToken);
                if (attached.Value is { } stored) storedFiles.Add(stored.StorageKey);
                if (!attached.Succeeded)
                    fileProblems.Add(new Problem("attachment_not_attached", "{0} could not be attached: {1}", null, Path.GetFileName(path), attached.Problems[0].Message));
            }
            items.Add(entry with { HavenId = id, Reasons = [.. entry.Reasons, .. fileProblems] });
            db.ChangeTracker.Clear();
        }

        // Comments: top-level ones first, so every reply finds its thread's Haven id.
        var commentIds = await MapAsync(export.SiteUrl, WordPressImportRecord.Comment, cancellationToken);
        var byItem = plan.Items.ToDictionary(p => p.Item.PostId, p => p);
        var comments = new List<WordPressCommentEntry>();
        foreach (var entry in plan.Report.Comments.OrderBy(c => c.ReplyTo is null ? 0 : 1))
        {
            if (entry.Outcome != WordPressOutcome.Create || !havenIds.TryGetValue(entry.PostWordPressId, out var subjectId))
            {
                comments.Add(entry.Outcome == WordPressOutcome.Create
                    ? entry with { Outcome = WordPressOutcome.Skip, Reason = new Problem("post_not_imported", "Its post or page is not imported.") }
                    : entry);
                continue;
            }
            var planned = byItem[entry.PostWordPressId];
            var source = planned.Item.Comments.First(c => c.Id == entry.WordPressId);
            long? parentId = null;
            if (entry.ReplyTo is { } replyTo)
            {
                if (!commentIds.TryGetValue(replyTo, out var parent))
                {
                    comments.Add(entry with { Outcome = WordPressOutcome.Skip, Reason = new Problem("post_not_imported", "Its post or page is not imported.") });
                    continue;
                }
                parentId = parent;
            }
            writing(new Problem("import_failed_at", "Comment {0} on line {1} could not be saved.", null, source.Id, planned.Entry.Line));
            var email = UserText.Line(source.AuthorEmail, Comment.EmailMaxLength);
            var comment = new Comment
            {
                SubjectKind = planned.Entry.Becomes == "post" ? CommentSubjectKind.Post : CommentSubjectKind.Resource,
                SubjectId = (int)subjectId, ParentId = parentId,
                AuthorName = UserText.Line(source.Author, Comment.NameMaxLength) is { Length: > 0 } name ? name : "Anonymous",
                Email = email, NormalizedEmail = Comment.Normalize(email),
                Body = UserText.Paragraphs(source.Content, Comment.BodyMaxLength), Status = entry.Status,
                Language = planned.Post?.Language ?? planned.Resource?.Language ?? Languages.English,
                DuplicateKey = DuplicateKey(export.SiteUrl, source.Id),
                CreatedAt = source.DateGmt is { } date ? Instant.FromDateTimeUtc(DateTime.SpecifyKind(date, DateTimeKind.Utc)) : now,
                DecidedAt = entry.Status == CommentStatus.Published ? now : null,
                DecidedBy = entry.Status == CommentStatus.Published ? ImportedBy : null,
            };
            db.Comments.Add(comment);
            await db.SaveChangesAsync(cancellationToken);
            db.WordPressImports.Add(new WordPressImportRecord
            {
                SiteUrl = export.SiteUrl, WordPressKind = WordPressImportRecord.Comment, WordPressId = source.Id, HavenKind = "comment",
                HavenId = comment.Id, OrganizationId = organizationId, ImportedAt = now,
            });
            await db.SaveChangesAsync(cancellationToken);
            commentIds[source.Id] = comment.Id;
            comments.Add(entry);
            db.ChangeTracker.Clear();
        }
        writing(new Problem("import_failed_at", "The import's audit entry could not be saved."));
        var report = plan.Report with { Items = items, Comments = comments };
        audit.Add(actor, AuditActions.WordPressImported, "organization", organizationId.ToString(CultureInfo.InvariantCulture), organizationId,
            $"Imported {report.Count(WordPressOutcome.Create)} items and {report.CommentCount(WordPressOutcome.Create)} comments from {export.SiteUrl}",
            after: new
            {
                export.SiteUrl, Posts = report.Count(WordPressOutcome.Create, "post"), Resources = report.Count(WordPressOutcome.Create, "resource"),
                Comments = report.CommentCount(WordPressOutcome.Create), Skipped = report.Count(WordPressOutcome.Skip),
                Rejected = report.Count(WordPressOutcome.Reject), report.NewTopics,
            });
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<WordPressImportReport>.Success(report);
    }

    private Task<Dictionary<long, long>> MapAsync(string siteUrl, string kind, CancellationToken cancellationToken) =>
        db.WordPressImports.AsNoTracking().Where(r => r.SiteUrl == siteUrl && r.WordPressKind == kind)
            .ToDictionaryAsync(r => r.WordPressId, r => r.HavenId, cancellationToken);

    /// <summary>An imported comment's duplicate key: the site and the WordPress id, so the unique index refuses a second copy.</summary>
    private static string DuplicateKey(string siteUrl, long commentId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"wordpress|{siteUrl}|{commentId.ToString(CultureInfo.InvariantCulture)}")));

    /// <summary>The file of an attachment local to the export: on the export's own host, under wp-content/uploads, and
    /// present in the local copy of that folder (never outside it).</summary>
    private static string? LocalFile(string url, string siteHost, string? folder)
    {
        const string uploads = "/wp-content/uploads/";
        if (folder is null || siteHost.Length == 0 || !Uri.TryCreate(url, UriKind.Absolute, out var uri)
            || !string.Equals(uri.Host, siteHost, StringComparison.OrdinalIgnoreCase)) return null;
        var path = Uri.UnescapeDataString(uri.AbsolutePath);
        var i = path.IndexOf(uploads, StringComparison.Ordinal);
        if (i < 0) return null;
        var root = Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        var full = Path.GetFullPath(Path.Combine(root, path[(i + uploads.Length)..]));
        return full.StartsWith(root, StringComparison.Ordinal) && File.Exists(full) ? full : null;
    }

    private async Task<Plan> PlanAsync(Stream file, int organizationId, string? uploadsFolder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (!await db.Organizations.AnyAsync(o => o.Id == organizationId, cancellationToken))
            return new Plan(WordPressImportReport.Failed([new Problem("unknown", "One of the chosen organizations does not exist.")]), [], null);
        var read = WxrReader.Read(file);
        if (!read.Succeeded) return new Plan(WordPressImportReport.Failed(read.Problems), [], null);
        var export = read.Value!;
        var zone = site.Zone;
        var now = clock.GetCurrentInstant();
        var language = export.Language.Split('-', '_')[0].ToLowerInvariant() is var code && Languages.IsContentLanguage(code) ? code : Languages.English;
        var importedItems = await MapAsync(export.SiteUrl, WordPressImportRecord.Post, cancellationToken);
        var importedComments = await MapAsync(export.SiteUrl, WordPressImportRecord.Comment, cancellationToken);
        var existingTopics = (await db.Topics.Select(t => t.Slug).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var authors = export.Authors.GroupBy(a => a.Login).ToDictionary(g => g.Key, g => g.First().DisplayName, StringComparer.Ordinal);
        var contentItems = export.Items.Where(i => i.PostType is "post" or "page").ToDictionary(i => i.PostId, i => i.Title);
        var siteHost = Uri.TryCreate(export.Link.Length > 0 ? export.Link : export.SiteUrl, UriKind.Absolute, out var siteUri) ? siteUri.Host : "";
        var pages = export.Items.Where(i => i.PostType == "page").Select(i => i.PostId).ToHashSet();
        var attachmentsOf = export.Items.Where(i => i.PostType == "attachment" && i.ParentId != 0 && contentItems.ContainsKey(i.ParentId))
            .ToLookup(i => i.ParentId);
        var attachmentsById = export.Items.Where(i => i.PostType == "attachment").GroupBy(i => i.PostId)
            .ToDictionary(g => g.Key, g => new WordPressFieldLink(g.First().AttachmentUrl, UserText.Line(g.First().Title, 300)));

        var planned = new List<PlannedItem>();
        var commentEntries = new List<WordPressCommentEntry>();
        foreach (var item in export.Items)
        {
            var title = UserText.Line(item.Title, 300);
            WordPressItemEntry Entry(WordPressOutcome outcome, string becomes, params Problem[] reasons) =>
                new(item.Line, item.PostId, item.PostType, title, outcome, becomes, reasons);
            void Add(WordPressItemEntry entry, PostFields? post = null, ResourceSnapshot? resource = null, SaveAction action = SaveAction.SaveDraft,
                IReadOnlyList<WxrTerm>? terms = null, IReadOnlyList<string>? files = null) =>
                planned.Add(new PlannedItem(item, entry, post, resource, action, terms ?? [], files ?? []));

            if (item.PostType == "attachment")
            {
                Add(contentItems.TryGetValue(item.ParentId, out var parentTitle) && item.ParentId != 0
                    ? pages.Contains(item.ParentId) && LocalFile(item.AttachmentUrl, siteHost, uploadsFolder) is not null
                        ? Entry(WordPressOutcome.Skip, "file", new Problem("attachment_file", "An attachment: its file is attached to “{0}”.", null, UserText.Line(parentTitle, 300)))
                        : Entry(WordPressOutcome.Skip, "link", new Problem("attachment_link", "An attachment: kept as a link on “{0}”.", null, UserText.Line(parentTitle, 300)))
                    : Entry(WordPressOutcome.Skip, "", new Problem("attachment_alone", "An attachment of no imported post or page: nothing links to it.")));
                continue;
            }
            if (item.PostType is not ("post" or "page"))
            {
                Add(Skipped.Contains(item.PostType)
                    ? Entry(WordPressOutcome.Skip, "", new Problem("not_content", "WordPress's own {0}, not content.", null, item.PostType))
                    : Entry(WordPressOutcome.Skip, "", new Problem("unknown_type", "Unknown post type {0}: only posts, pages and attachments are imported.", null, item.PostType)));
                continue;
            }
            var becomes = item.PostType == "post" ? "post" : "resource";
            if (importedItems.TryGetValue(item.PostId, out var havenId))
                Add(Entry(WordPressOutcome.Skip, becomes, new Problem("already_imported", "Already imported.")) with { HavenId = havenId });
            else if (item.Status is "trash" or "auto-draft" or "inherit")
                Add(Entry(WordPressOutcome.Skip, "", new Problem("not_content_status", "Status {0} in WordPress: not imported.", null, item.Status)));
            else
            {
                var terms = item.Terms.Where(t => t.Domain is "category" or "post_tag")
                    .Select(t => t with { Slug = Slug.From(Uri.UnescapeDataString(t.Slug.Length > 0 ? t.Slug : t.Name)) })
                    .Where(t => t.Slug.Length > 0 && t.Slug != "uncategorized").DistinctBy(t => t.Slug).ToList();
                var slug = Slug.From(Uri.UnescapeDataString(item.PostName));
                var date = item.DateGmt is { } d ? Instant.FromDateTimeUtc(DateTime.SpecifyKind(d, DateTimeKind.Utc)).InZone(zone).Date : now.InZone(zone).Date;
                var isPublished = item.Status == "publish";
                var body = HtmlToMarkdown.Convert(item.Content);
                var files = becomes == "resource"
                    ? attachmentsOf[item.PostId].Select(a => LocalFile(a.AttachmentUrl, siteHost, uploadsFolder)).OfType<string>().ToList()
                    : [];
                var links = attachmentsOf[item.PostId].Where(a => becomes != "resource" || LocalFile(a.AttachmentUrl, siteHost, uploadsFolder) is null).Select(a => (Url: a.AttachmentUrl, Title: UserText.Line(a.Title, 300)))
                    .Where(a => Uri.TryCreate(a.Url, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttps || u.Scheme == Uri.UriSchemeHttp)).ToList();
                var summary = UserText.Paragraphs(item.Excerpt, int.MaxValue);
                var custom = WordPressCustomFields.Map(item.Meta, hasExcerpt: summary.Length > 0, id => attachmentsById.GetValueOrDefault(id));
                if (summary.Length == 0) summary = custom.Summary;
                var attachedFiles = files.Select(f => Path.GetFullPath(f)).ToHashSet(StringComparer.Ordinal);
                links.AddRange(custom.Links
                    .Where(l => links.All(x => x.Url != l.Url) && !(LocalFile(l.Url, siteHost, uploadsFolder) is { } local && attachedFiles.Contains(local)))
                    .Select(l => (l.Url, l.Title)));
                List<Problem> problems;
                if (becomes == "post")
                {
                    if (links.Count > 0)
                        body = (body + "\n\n" + string.Join('\n', links.Select(l => $"- [{(l.Title.Length > 0 ? l.Title : l.Url)}]({l.Url.Replace(" ", "%20", StringComparison.Ordinal)})"))).Trim();
                    var byline = authors.TryGetValue(item.Creator, out var name) && name.Length > 0 ? name : item.Creator;
                    var fields = new PostFields
                    {
                        Kind = PostKind.NewsPost, Title = title, Slug = slug, Summary = summary, Body = body, OwnerOrganizationId = organizationId,
                        Byline = byline, Language = language, PublishedOn = date.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture),
                        IsDraft = !isPublished, CommentsEnabled = true,
                    };
                    problems = fields.Problems(zone, now);
                    Add(problems.Count > 0 ? Entry(WordPressOutcome.Reject, "", [.. problems]) : Entry(WordPressOutcome.Create, becomes, [.. custom.NotImported]), fields, terms: terms);
                }
                else
                {
                    var snapshot = new ResourceSnapshot
                    {
                        Type = ResourceType.Explainer, Title = title, Slug = slug, Summary = summary, Body = body, Language = language,
                        PublishedOn = date.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture), AuthorIds = [organizationId],
                        Links = string.Join('\n', links.Select(l => $"{l.Url.Replace(" ", "%20", StringComparison.Ordinal)} {l.Title}".Trim())),
                        CommentsEnabled = true,
                    };
                    problems = [];
                    if (title.Length == 0) problems.Add(new Problem("required", "Enter a title.", "Title"));
                    if (title.Length > Resource.TitleMaxLength) problems.Add(new Problem("too_long", "Keep this under {0} characters.", "Title", Resource.TitleMaxLength));
                    if (summary.Length > Resource.SummaryMaxLength) problems.Add(new Problem("too_long", "Keep this under {0} characters.", "Summary", Resource.SummaryMaxLength));
                    if (body.Length > Resource.BodyMaxLength) problems.Add(new Problem("too_long", "Keep this under {0} characters.", "Body", Resource.BodyMaxLength));
                    Add(problems.Count > 0 ? Entry(WordPressOutcome.Reject, "", [.. problems]) : Entry(WordPressOutcome.Create, becomes, [.. custom.NotImported]), resource: snapshot,
                        action: isPublished ? SaveAction.Publish : SaveAction.SaveDraft, terms: terms, files: files);
                }
            }

            var imports = planned[^1].Entry.Outcome == WordPressOutcome.Create || planned[^1].Entry.HavenId is not null;
            var byId = item.Comments.ToDictionary(c => c.Id);
            bool Importable(WxrComment c) => c.Approved is "1" or "0" && UserText.Paragraphs(c.Content, Comment.BodyMaxLength).Length > 0;
            foreach (var comment in item.Comments)
            {
                // The thread: the top-most ancestor that is imported too (a reply to a spam comment joins the thread above it).
                long? replyTo = null;
                var seen = new HashSet<long> { comment.Id };
                for (var parent = comment.ParentId; parent != 0 && byId.TryGetValue(parent, out var p) && seen.Add(parent); parent = p.ParentId)
                    if (Importable(p)) replyTo = p.Id;
                var status = comment.Approved == "1" ? CommentStatus.Published : CommentStatus.Held;
                WordPressCommentEntry CommentEntry(WordPressOutcome outcome, Problem? reason) =>
                    new(comment.Id, item.PostId, UserText.Line(comment.Author, Comment.NameMaxLength), outcome, status, replyTo, reason);
                commentEntries.Add(
                    importedComments.ContainsKey(comment.Id) ? CommentEntry(WordPressOutcome.Skip, new Problem("already_imported", "Already imported."))
                    : comment.Approved == "spam" ? CommentEntry(WordPressOutcome.Skip, new Problem("spam", "Marked as spam in WordPress."))
                    : comment.Approved == "trash" ? CommentEntry(WordPressOutcome.Skip, new Problem("trash", "In WordPress's trash."))
                    : comment.Approved != "0" && comment.Approved != "1"
                        ? CommentEntry(WordPressOutcome.Skip, new Problem("unknown_status", "Status {0} in WordPress: not imported.", null, comment.Approved))
                    : !imports ? CommentEntry(WordPressOutcome.Skip, new Problem("post_not_imported", "Its post or page is not imported."))
                    : !Importable(comment) ? CommentEntry(WordPressOutcome.Reject, new Problem("empty_comment", "The comment is empty."))
                    : CommentEntry(WordPressOutcome.Create, null));
            }
        }
        var newTopics = planned.Where(p => p.Entry.Outcome == WordPressOutcome.Create).SelectMany(p => p.Terms).Select(t => t.Slug)
            .Where(s => !existingTopics.Contains(s)).Distinct().Order(StringComparer.Ordinal).ToList();
        return new Plan(new WordPressImportReport(export.SiteUrl, [], planned.Select(p => p.Entry).ToList(), commentEntries, newTopics), planned, export);
    }
}
