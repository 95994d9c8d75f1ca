using System.Globalization;
using Haven.Core.Accounts;
using Haven.Core.Audit;
using Haven.Core.Data;
using Haven.Core.Files;
using Haven.Core.Resources;
using Haven.Core.Shared;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Haven.Core.Policies;

/// <summary>The editor's form of a policy record, as typed (dates as YYYY-MM-DD).</summary>
public sealed class PolicyRecordFields
{
    public int JurisdictionId { get; set; }
    public int AreaId { get; set; }
    public int PositionId { get; set; }
    public string EffectiveOn { get; set; } = "";
    public string EndsOn { get; set; } = "";
    public PolicyBasis Basis { get; set; }
    public string Excerpt { get; set; } = "";
    public string Notes { get; set; } = "";
    /// <summary>The day the record was last checked against its sources; blank keeps the saved one.</summary>
    public string VerifiedOn { get; set; } = "";
    /// <summary>Source links, one a line: the address, then a space and its title.</summary>
    public string Links { get; set; } = "";

    public const int MaxLinks = 20;

    /// <summary>Parses the links, adding a problem for each bad line.</summary>
    public static List<PolicySource> ParseLinks(string text, List<Problem> problems)
    {
        var links = new List<PolicySource>();
        foreach (var raw in (text ?? "").Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0) continue;
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            var url = space < 0 ? line : line[..space];
            var title = space < 0 ? "" : line[(space + 1)..].Trim();
            if (!WebAddress.IsValid(url) || url.Length > PolicySource.UrlMaxLength)
                problems.Add(new Problem("bad_link", "Not a web address: {0}", "Links", url.Length > 80 ? url[..80] : url));
            else if (title.Length > PolicySource.TitleMaxLength)
                problems.Add(new Problem("link_title_too_long", "A link's title can have at most {0} characters.", "Links", PolicySource.TitleMaxLength));
            else
                links.Add(new PolicySource { Url = url, Title = title.Length == 0 ? url : title });
        }
        if (links.Count > MaxLinks)
            problems.Add(new Problem("too_many_links", "A record can have at most {0} links.", "Links", MaxLinks));
        return links;
    }
}

/// <summary>An uploaded source document.</summary>
public sealed record PolicyUpload(string FileName, Stream Content);

public sealed class PolicyRecordEdit
{
    public required Actor Actor { get; init; }
    public int? RecordId { get; init; }
    public required PolicyRecordFields Fields { get; init; }
    public IReadOnlyList<PolicyUpload> Files { get; init; } = [];
    public IReadOnlyList<int> RemoveSourceIds { get; init; } = [];
    public bool IsDemo { get; init; }
}

/// <summary>Creates or changes a policy record: checks the fields, stores uploaded sources, and applies the period
/// rules (<see cref="PolicyPeriods"/>) in one transaction that first takes the area's lock, so two editors cannot
/// write overlapping periods at once. A record that succeeds the current one closes it; every change is audited.</summary>
public sealed class SavePolicyRecord(HavenDbContext db, IFileStore files, IClock clock, AuditLog audit)
{
    public const int MaxFiles = 10;

    public async Task<Outcome<PolicyRecord>> RunAsync(PolicyRecordEdit edit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(edit);
        var actor = edit.Actor;
        if (!actor.CanEditPolicies)
        {
            await audit.WriteNowAsync(actor, AuditActions.PolicyEditRefused, "policy", edit.RecordId is { } rid ? Id(rid) : "new", null,
                "Refused a policy record edit", cancellationToken: cancellationToken);
            return Outcome<PolicyRecord>.Failure(new Problem("forbidden", "Only administrators and organizations' editors can edit policy records."));
        }

        var f = edit.Fields;
        var problems = new List<Problem>();
        var jurisdiction = await db.Jurisdictions.AsNoTracking().FirstOrDefaultAsync(j => j.Id == f.JurisdictionId, cancellationToken);
        if (jurisdiction is null) problems.Add(new Problem("unknown_jurisdiction", "Choose a jurisdiction.", "JurisdictionId"));
        var area = await db.PolicyAreas.AsNoTracking().Include(a => a.Positions).FirstOrDefaultAsync(a => a.Id == f.AreaId, cancellationToken);
        if (area is null) problems.Add(new Problem("unknown_area", "Choose a policy area.", "AreaId"));
        var position = area?.Positions.FirstOrDefault(p => p.Id == f.PositionId);
        if (area is not null && position is null) problems.Add(new Problem("unknown_position", "Choose one of this area's positions.", "PositionId"));
        if (!PolicyPeriods.TryParse(f.EffectiveOn, out var effective) || effective is null)
            problems.Add(new Problem("bad_effective", "Give the effective date as YYYY-MM-DD.", "EffectiveOn"));
        if (!PolicyPeriods.TryParse(f.EndsOn, out var ends))
            problems.Add(new Problem("bad_end", "Give the end date as YYYY-MM-DD, or leave it empty while the record is current.", "EndsOn"));
        if (!PolicyPeriods.TryParse(f.VerifiedOn, out var verified))
            problems.Add(new Problem("bad_verified", "Give the verification date as YYYY-MM-DD.", "VerifiedOn"));
        if (!Enum.IsDefined(f.Basis)) problems.Add(new Problem("bad_basis", "Choose written policy or observed practice.", "Basis"));
        if ((f.Excerpt ?? "").Length > PolicyRecord.ExcerptMaxLength)
            problems.Add(new Problem("excerpt_too_long", "The excerpt can have at most {0} characters.", "Excerpt", PolicyRecord.ExcerptMaxLength));
        if ((f.Notes ?? "").Length > PolicyRecord.NotesMaxLength)
            problems.Add(new Problem("notes_too_long", "The notes can have at most {0} characters.", "Notes", PolicyRecord.NotesMaxLength));
        var links = PolicyRecordFields.ParseLinks(f.Links, problems);

        PolicyRecord? record = null;
        if (edit.RecordId is { } recordId)
        {
            record = await db.PolicyRecords.Include(r => r.Sources).FirstOrDefaultAsync(r => r.Id == recordId, cancellationToken);
            if (record is null) return Outcome<PolicyRecord>.Failure(new Problem("not_found", "This policy record no longer exists."));
        }
        var keptFiles = record?.Sources.Where(s => s.IsFile && !edit.RemoveSourceIds.Contains(s.Id)).Count() ?? 0;
        if (keptFiles + edit.Files.Count > MaxFiles)
            problems.Add(new Problem("too_many_files", "A record can have at most {0} files.", "Files", MaxFiles));

        var uploads = new List<(string FileName, string ContentType, MemoryStream Bytes)>();
        foreach (var upload in edit.Files)
        {
            var buffer = await ReadLimitedAsync(upload.Content, cancellationToken);
            var check = AttachmentRules.Check(upload.FileName, buffer.Length, buffer.GetBuffer().AsSpan(0, (int)Math.Min(8, buffer.Length)));
            if (!check.Succeeded)
                problems.AddRange(check.Problems.Select(p => p with { Field = "Files" }));
            else
                uploads.Add((AttachmentRules.CleanFileName(upload.FileName), check.Value!, buffer));
        }
        if (problems.Count > 0) return Outcome<PolicyRecord>.Failure(problems);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await PolicyLock.TakeAsync(db, area!.Id, cancellationToken);
        var others = await db.PolicyRecords
            .Where(r => r.JurisdictionId == jurisdiction!.Id && r.AreaId == area.Id && r.Id != (record == null ? 0 : record.Id))
            .ToListAsync(cancellationToken);
        var plan = PolicyPeriods.Place(others.Select(PolicyPeriods.Of), new PolicyPeriod(record?.Id ?? 0, effective!.Value, ends));
        if (!plan.Succeeded) return Outcome<PolicyRecord>.Failure(plan.Problems);

        var now = clock.GetCurrentInstant();
        var before = record is null ? null : AuditView(record);
        foreach (var closure in plan.Closures)
        {
            var closed = others.First(o => o.Id == closure.Id);
            closed.EndsOn = closure.End;
            closed.UpdatedAt = now;
            audit.Add(actor, AuditActions.PolicyClosed, "policy", Id(closed.Id), null,
                $"Closed on {PolicyPeriods.Iso(closure.End!.Value)}: {area.Name}, {jurisdiction!.Name}", after: new { closed.EndsOn });
        }

        var isNew = record is null;
        record ??= new PolicyRecord { CreatedAt = now, IsDemo = edit.IsDemo };
        if (isNew) db.PolicyRecords.Add(record);
        record.JurisdictionId = jurisdiction!.Id;
        record.AreaId = area.Id;
        record.PositionId = position!.Id;
        record.EffectiveOn = effective.Value;
        record.EndsOn = ends;
        record.Basis = f.Basis;
        record.Excerpt = (f.Excerpt ?? "").Trim();
        record.Notes = (f.Notes ?? "").Trim();
        if (verified is { } day && day != record.VerifiedOn)
        {
            record.VerifiedOn = day;
            record.VerifiedById = actor.UserId;
            record.VerifiedByName = actor.Name;
        }
        record.UpdatedAt = now;

        // Links are replaced by the form's list; files stay unless removed.
        var removedFiles = record.Sources.Where(s => s.IsFile && edit.RemoveSourceIds.Contains(s.Id)).ToList();
        foreach (var old in record.Sources.Where(s => !s.IsFile).Concat(removedFiles).ToList()) record.Sources.Remove(old);
        record.Sources.AddRange(links);
        var savedKeys = new List<string>();
        try
        {
            foreach (var (fileName, contentType, bytes) in uploads)
            {
                var key = $"policy-sources/{Guid.NewGuid():N}{(contentType == AttachmentRules.Pdf ? ".pdf" : ".docx")}";
                bytes.Position = 0;
                await files.SaveAsync(key, bytes, cancellationToken);
                savedKeys.Add(key);
                record.Sources.Add(new PolicySource { Title = fileName, FileName = fileName, StorageKey = key, ContentType = contentType, Length = bytes.Length });
            }
            await db.SaveChangesAsync(cancellationToken);
            audit.Add(actor, isNew ? AuditActions.PolicyCreated : AuditActions.PolicySaved, "policy", Id(record.Id), null,
                $"{position.Label}: {area.Name}, {jurisdiction.Name}, from {PolicyPeriods.Iso(record.EffectiveOn)}", before, AuditView(record));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch
        {
            foreach (var key in savedKeys) files.Delete(key);
            throw;
        }
        foreach (var removed in removedFiles) files.Delete(removed.StorageKey!);
        return Outcome<PolicyRecord>.Success(record);
    }

    private static async Task<MemoryStream> ReadLimitedAsync(Stream content, CancellationToken cancellationToken)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > AttachmentRules.MaxBytes) break;
        }
        return buffer;
    }

    internal static object AuditView(PolicyRecord r) => new
    {
        r.JurisdictionId, r.AreaId, r.PositionId,
        EffectiveOn = PolicyPeriods.Iso(r.EffectiveOn),
        EndsOn = r.EndsOn is { } e ? PolicyPeriods.Iso(e) : null,
        Basis = r.Basis.ToString(), r.Excerpt, r.Notes,
        VerifiedOn = r.VerifiedOn is { } v ? PolicyPeriods.Iso(v) : null, r.VerifiedByName,
        Sources = r.Sources.Select(s => s.Url ?? s.FileName).ToList(),
    };

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}

/// <summary>Serializes period decisions for one policy area: a no-op update of its row, first in the transaction,
/// takes PostgreSQL's row lock (and SQLite's write lock).</summary>
internal static class PolicyLock
{
    public static Task TakeAsync(HavenDbContext db, int areaId, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlInterpolatedAsync($"""UPDATE "PolicyAreas" SET "Position" = "Position" WHERE "Id" = {areaId}""", cancellationToken);
}
