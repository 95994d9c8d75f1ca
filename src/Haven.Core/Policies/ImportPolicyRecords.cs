using CsvHelper;
using Haven.Core.Accounts;
using Haven.Core.Audit;
using Haven.Core.Data;
using Haven.Core.Shared;
using Haven.Core.Text;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Haven.Core.Policies;

/// <summary>What one valid row would do: add a record, and perhaps close the one in force before it (a saved record,
/// or an earlier row of the file).</summary>
public sealed record ImportChange(string JurisdictionName, string AreaName, string PositionLabel, LocalDate EffectiveOn, LocalDate? EndsOn,
    LocalDate? ClosesRecordOf, LocalDate? ClosesOn, int? ClosesLine);

/// <summary>One data row of the file: its line, its problems, and what it would change when it has none.</summary>
public sealed record ImportRow(int Line, IReadOnlyList<Problem> Problems, ImportChange? Change);

/// <summary>The dry run: problems of the file as a whole (encoding, columns) and of each row.</summary>
public sealed record ImportReport(IReadOnlyList<Problem> FileProblems, IReadOnlyList<ImportRow> Rows)
{
    public bool IsValid => FileProblems.Count == 0 && Rows.Count > 0 && Rows.All(r => r.Problems.Count == 0);
    public int RowsWithProblems => Rows.Count(r => r.Problems.Count > 0);
}

/// <summary>Imports policy records from CSV (<see cref="PolicyCsv.Columns"/>). <see cref="CheckAsync"/> is the dry
/// run: every row is checked (known place, area and position, dates, basis, lengths, link) and placed among the saved
/// periods and the file's other rows by the period rules, and nothing is written. <see cref="ApplyAsync"/> checks again
/// inside one transaction holding the areas' locks and writes everything, or nothing when any row has a problem.</summary>
public sealed class ImportPolicyRecords(HavenDbContext db, IClock clock, AuditLog audit)
{
    public const int MaxBytes = 5 * 1024 * 1024;
    public const int MaxRows = 20_000;

    private sealed record Planned(int Line, int JurisdictionId, int AreaId, PolicyPosition Position, LocalDate EffectiveOn, LocalDate? EndsOn,
        PolicyBasis Basis, string Excerpt, string Notes, string? Url, LocalDate? VerifiedOn, string JurisdictionName, string AreaName);

    private sealed record Plan(ImportReport Report, IReadOnlyList<Planned> Rows, Dictionary<int, LocalDate> DatabaseClosures,
        Dictionary<int, LocalDate> FileClosures);

    public async Task<ImportReport> CheckAsync(byte[] file, CancellationToken cancellationToken = default) =>
        (await PlanAsync(file, cancellationToken)).Report;

    public async Task<Outcome<ImportReport>> ApplyAsync(Actor actor, byte[] file, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(file);
        if (!actor.CanEditPolicies)
        {
            await audit.WriteNowAsync(actor, AuditActions.PolicyEditRefused, "policy", "import", null, "Refused a policy import", cancellationToken: cancellationToken);
            return Outcome<ImportReport>.Failure(new Problem("forbidden", "Only administrators and organizations' editors can edit policy records."));
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var preview = await PlanAsync(file, cancellationToken);
        if (!preview.Report.IsValid)
            return Outcome<ImportReport>.Failure(new Problem("import_invalid", "The file has problems: nothing was imported."));
        foreach (var areaId in preview.Rows.Select(r => r.AreaId).Distinct().Order())
            await PolicyLock.TakeAsync(db, areaId, cancellationToken);
        // Checked again under the locks, so no save between the first look and the locks slips through.
        var plan = await PlanAsync(file, cancellationToken);
        if (!plan.Report.IsValid)
            return Outcome<ImportReport>.Failure(new Problem("import_invalid", "The file has problems: nothing was imported."));

        var now = clock.GetCurrentInstant();
        var closedIds = plan.DatabaseClosures.Keys.ToList();
        var closed = await db.PolicyRecords.Where(r => closedIds.Contains(r.Id)).ToListAsync(cancellationToken);
        foreach (var record in closed)
        {
            record.EndsOn = plan.DatabaseClosures[record.Id];
            record.UpdatedAt = now;
        }
        foreach (var row in plan.Rows)
        {
            var record = new PolicyRecord
            {
                JurisdictionId = row.JurisdictionId, AreaId = row.AreaId, PositionId = row.Position.Id, EffectiveOn = row.EffectiveOn,
                EndsOn = plan.FileClosures.TryGetValue(row.Line, out var end) ? end : row.EndsOn,
                Basis = row.Basis, Excerpt = row.Excerpt, Notes = row.Notes, VerifiedOn = row.VerifiedOn,
                VerifiedById = row.VerifiedOn is null ? null : actor.UserId, VerifiedByName = row.VerifiedOn is null ? "" : actor.Name,
                CreatedAt = now, UpdatedAt = now,
            };
            if (row.Url is not null) record.Sources.Add(new PolicySource { Url = row.Url, Title = row.Url });
            db.PolicyRecords.Add(record);
        }
        audit.Add(actor, AuditActions.PoliciesImported, "policy", "import", null,
            $"Imported {plan.Rows.Count} policy records from CSV, closing {closed.Count}",
            after: new { Rows = plan.Rows.Count, Closed = closed.Select(c => c.Id).ToList() });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Outcome<ImportReport>.Success(plan.Report);
    }

    private async Task<Plan> PlanAsync(byte[] file, CancellationToken cancellationToken)
    {
        Plan Failed(Problem problem) => new(new ImportReport([problem], []), [], [], []);
        var (text, unreadable) = CsvUpload.Read(file, MaxBytes, PolicyCsv.DecodeUtf8);
        if (unreadable is not null) return Failed(unreadable);

        using var csv = CsvReader.FromText(text!, new CsvReaderOptions { Separator = ',', TrackLineNumbers = true, TrimWhitespace = true });
        if (csv.Headers.Count == 0) return Failed(new Problem("empty_file", "The file is empty."));
        var headers = csv.Headers.Select(h => h.Trim().ToLowerInvariant()).ToList();
        var fileProblems = CsvUpload.HeaderProblems(headers, PolicyCsv.Columns);
        if (fileProblems.Count > 0) return new Plan(new ImportReport(fileProblems, []), [], [], []);
        var index = PolicyCsv.Columns.ToDictionary(c => c, c => headers.IndexOf(c));

        var jurisdictions = await db.Jurisdictions.AsNoTracking()
            .Select(j => new { j.Id, j.Fips, j.Slug, j.Name }).ToListAsync(cancellationToken);
        var byKey = new Dictionary<string, (int Id, string Name)>(StringComparer.OrdinalIgnoreCase);
        foreach (var j in jurisdictions)
        {
            byKey.TryAdd(j.Slug, (j.Id, j.Name));
            if (j.Fips is not null) byKey[j.Fips] = (j.Id, j.Name);
        }
        var areas = await db.PolicyAreas.AsNoTracking().Include(a => a.Positions).ToDictionaryAsync(a => a.Slug, StringComparer.OrdinalIgnoreCase, cancellationToken);

        var rows = new List<(int Line, List<Problem> Problems, Planned? Row)>();
        var hasRecord = csv.Read();
        while (hasRecord)
        {
            var line = (int)csv.LineNumber;
            var problems = new List<Problem>();
            if (rows.Count >= MaxRows)
            {
                fileProblems.Add(new Problem("too_many_rows", "A file can have at most {0} rows.", null, MaxRows));
                break;
            }
            if (csv.FieldCount != headers.Count)
                problems.Add(new Problem("cell_count", "The row has {0} cells; the header has {1}.", null, csv.FieldCount, headers.Count));
            string Cell(string column) => index[column] < csv.FieldCount ? PolicyCsv.Unguard(csv.GetString(index[column]).Trim()) : "";

            var key = Cell("fips");
            (int Id, string Name) place = default;
            if (key.Length == 0) problems.Add(new Problem("fips_required", "The FIPS code is missing.", "fips"));
            else if (!byKey.TryGetValue(key, out place)) problems.Add(new Problem("unknown_fips", "No jurisdiction has the FIPS code {0}.", "fips", key));
            var areaSlug = Cell("area");
            areas.TryGetValue(areaSlug, out var area);
            if (area is null) problems.Add(new Problem("unknown_area", "No policy area is called {0}.", "area", areaSlug));
            var positionText = Cell("position");
            var position = area?.Positions.FirstOrDefault(p => string.Equals(p.Slug, positionText, StringComparison.OrdinalIgnoreCase)
                || string.Equals(p.Label, positionText, StringComparison.OrdinalIgnoreCase));
            if (area is not null && position is null)
                problems.Add(new Problem("unknown_position", "The area {0} has no position {1}.", "position", area.Slug, positionText));
            if (!PolicyPeriods.TryParse(Cell("effective"), out var effective) || effective is null)
                problems.Add(new Problem("bad_effective", "The effective date “{0}” is not a date (YYYY-MM-DD).", "effective", Cell("effective")));
            if (!PolicyPeriods.TryParse(Cell("end"), out var end))
                problems.Add(new Problem("bad_end", "The end date “{0}” is not a date (YYYY-MM-DD).", "end", Cell("end")));
            if (!PolicyPeriods.TryParse(Cell("verified"), out var verified))
                problems.Add(new Problem("bad_verified", "The verification date “{0}” is not a date (YYYY-MM-DD).", "verified", Cell("verified")));
            if (!PolicyCsv.TryParseBasis(Cell("basis"), out var basis))
                problems.Add(new Problem("bad_basis", "The basis must be “written” or “observed”.", "basis"));
            var excerpt = Cell("excerpt");
            if (excerpt.Length > PolicyRecord.ExcerptMaxLength)
                problems.Add(new Problem("excerpt_too_long", "The excerpt can have at most {0} characters.", "excerpt", PolicyRecord.ExcerptMaxLength));
            var notes = Cell("notes");
            if (notes.Length > PolicyRecord.NotesMaxLength)
                problems.Add(new Problem("notes_too_long", "The notes can have at most {0} characters.", "notes", PolicyRecord.NotesMaxLength));
            var url = Cell("source_url");
            if (url.Length > 0 && (!WebAddress.IsValid(url) || url.Length > PolicySource.UrlMaxLength))
                problems.Add(new Problem("bad_link", "Not a web address: {0}", "source_url", url.Length > 80 ? url[..80] : url));
            if (effective is { } from && end is { } to && to < from)
                problems.Add(new Problem("end_before_start", "The end date must be on or after the effective date.", "end"));

            Planned? planned = problems.Count == 0
                ? new Planned(line, place.Id, area!.Id, position!, effective!.Value, end, basis, excerpt, notes, url.Length == 0 ? null : url, verified, place.Name!, area.Name)
                : null;
            rows.Add((line, problems, planned));
            hasRecord = csv.Read();
        }
        if (rows.Count == 0 && fileProblems.Count == 0) fileProblems.Add(new Problem("no_rows", "The file has a header but no rows."));

        // The period rules, per place and area, over the saved periods and the file's rows in date order.
        var valid = rows.Where(r => r.Row is not null).Select(r => r.Row!).ToList();
        var jurisdictionIds = valid.Select(r => r.JurisdictionId).Distinct().ToList();
        var areaIds = valid.Select(r => r.AreaId).Distinct().ToList();
        var saved = await db.PolicyRecords.AsNoTracking()
            .Where(r => jurisdictionIds.Contains(r.JurisdictionId) && areaIds.Contains(r.AreaId))
            .Select(r => new { r.Id, r.JurisdictionId, r.AreaId, r.EffectiveOn, r.EndsOn })
            .ToListAsync(cancellationToken);
        var databaseClosures = new Dictionary<int, LocalDate>();
        var fileClosures = new Dictionary<int, LocalDate>();
        var changes = new Dictionary<int, ImportChange>();
        var periodProblems = new Dictionary<int, List<Problem>>();
        foreach (var group in valid.GroupBy(r => (r.JurisdictionId, r.AreaId)))
        {
            // File rows carry their negative line as id, saved records their id.
            var periods = saved.Where(s => s.JurisdictionId == group.Key.JurisdictionId && s.AreaId == group.Key.AreaId)
                .Select(s => new PolicyPeriod(s.Id, s.EffectiveOn, s.EndsOn)).ToList();
            foreach (var row in group.OrderBy(r => r.EffectiveOn).ThenBy(r => r.Line))
            {
                var period = new PolicyPeriod(-row.Line, row.EffectiveOn, row.EndsOn);
                var plan = PolicyPeriods.Place(periods, period);
                if (!plan.Succeeded)
                {
                    periodProblems[row.Line] = plan.Conflicts.Select(c => c.Id < 0
                        ? new Problem("overlap_in_file", "This period overlaps the one on line {0} of the file.", "effective", -c.Id)
                        : c.End is { } cEnd
                            ? new Problem("period_overlap", "This period overlaps the record in force from {0} to {1}.", "effective", PolicyPeriods.Iso(c.Start), PolicyPeriods.Iso(cEnd))
                            : new Problem("period_overlap_current", "This period overlaps the record in force since {0}: a back-dated record must end before it.", "effective", PolicyPeriods.Iso(c.Start)))
                        .ToList();
                    continue;
                }
                PolicyPeriod? closure = plan.Closures.Count > 0 ? plan.Closures[0] : null;
                if (closure is { } c)
                {
                    periods[periods.FindIndex(p => p.Id == c.Id)] = c;
                    if (c.Id > 0) databaseClosures[c.Id] = c.End!.Value;
                    else fileClosures[-c.Id] = c.End!.Value;
                }
                periods.Add(period);
                changes[row.Line] = new ImportChange(row.JurisdictionName, row.AreaName, row.Position.Label, row.EffectiveOn, row.EndsOn,
                    closure?.Start, closure?.End, closure is { Id: < 0 } fc ? -fc.Id : null);
            }
        }

        var report = new ImportReport(fileProblems, rows.Select(r =>
        {
            var problems = r.Problems.Concat(periodProblems.GetValueOrDefault(r.Line) ?? []).ToList();
            return new ImportRow(r.Line, problems, problems.Count == 0 ? changes.GetValueOrDefault(r.Line) : null);
        }).ToList());
        return new Plan(report, valid, databaseClosures, fileClosures);
    }
}
