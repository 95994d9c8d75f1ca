using System.Text;
using CsvHelper;
using Haven.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Haven.Core.Policies;

/// <summary>The CSV form of policy records, for import and export: one row a record, these columns in this order
/// (import accepts them in any order, and nothing else).</summary>
public static class PolicyCsv
{
    public static readonly IReadOnlyList<string> Columns =
        ["fips", "area", "position", "effective", "end", "basis", "excerpt", "notes", "source_url", "verified"];

    public const string WrittenPolicy = "written";
    public const string ObservedPractice = "observed";

    public static string BasisText(PolicyBasis basis) => basis == PolicyBasis.ObservedPractice ? ObservedPractice : WrittenPolicy;

    public static bool TryParseBasis(string text, out PolicyBasis basis)
    {
        basis = PolicyBasis.WrittenPolicy;
        switch (text.Trim().ToLowerInvariant())
        {
            case "" or WrittenPolicy or "written-policy" or "written policy" or "policy":
                return true;
            case ObservedPractice or "observed-practice" or "observed practice" or "practice":
                basis = PolicyBasis.ObservedPractice;
                return true;
            default:
                return false;
        }
    }

    /// <summary>Writes the whole history (every jurisdiction, area and period) as UTF-8 CSV. Text that a spreadsheet
    /// would run as a formula is written with a leading apostrophe, which the import takes off again.</summary>
    public static async Task WriteAsync(HavenDbContext db, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await db.PolicyRecords.AsNoTracking()
            .OrderBy(r => r.Jurisdiction!.Fips ?? r.Jurisdiction.Slug).ThenBy(r => r.Area!.Slug).ThenBy(r => r.EffectiveOn)
            .Select(r => new
            {
                Key = r.Jurisdiction!.Fips ?? r.Jurisdiction.Slug, Area = r.Area!.Slug, Position = r.Position!.Slug, r.EffectiveOn, r.EndsOn,
                r.Basis, r.Excerpt, r.Notes, Url = r.Sources.Where(s => s.Url != null).OrderBy(s => s.Id).Select(s => s.Url).FirstOrDefault(),
                r.VerifiedOn,
            })
            .ToListAsync(cancellationToken);
        await using var csv = CsvWriter.Create(output, new CsvWriterOptions { Injection = CsvInjection.Escape }, leaveOpen: true);
        csv.WriteRecord(Columns.ToArray());
        foreach (var r in rows)
        {
            csv.WriteRecord([
                r.Key, r.Area, r.Position, PolicyPeriods.Iso(r.EffectiveOn), r.EndsOn is { } e ? PolicyPeriods.Iso(e) : "",
                BasisText(r.Basis), r.Excerpt, r.Notes, r.Url ?? "", r.VerifiedOn is { } v ? PolicyPeriods.Iso(v) : "",
            ]);
        }
        await csv.FlushAsync(cancellationToken);
    }

    /// <summary>Undoes the export's formula guard: an apostrophe before a formula character.</summary>
    internal static string Unguard(string value) =>
        value.Length > 1 && value[0] == '\'' && value[1] is '=' or '@' or '+' or '-' or '\t' or '\r' ? value[1..] : value;

    /// <summary>Reads bytes as strict UTF-8 (a byte order mark is allowed); null when they are not.</summary>
    internal static string? DecodeUtf8(byte[] bytes)
    {
        try
        {
            var text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
            return text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
