using CsvHelper;
using NodaTime;
using NodaTime.Text;

namespace Haven.Core.Campaigns;

/// <summary>A campaign's signatures as a spreadsheet, in the order they were given: kind, organization, city, state,
/// signer, role, email, status, signed and confirmed at (UTC). UTF-8 with a byte order mark; every text cell a
/// spreadsheet would run as a formula is written with a leading apostrophe (as in the registrations export).</summary>
public static class EndorsementsCsv
{
    public const string ContentType = "text/csv; charset=utf-8";

    private static readonly InstantPattern At = InstantPattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd HH':'mm");

    private static readonly CsvWriterOptions Options = CsvWriterOptions.Default with
    {
        Injection = CsvInjection.Escape,
        WriteByteOrderMark = true,
    };

    /// <summary>The English column titles and words (localization keys).</summary>
    public static readonly IReadOnlyList<string> Words =
        ["Kind", "Organization", "City", "State", "Signer", "Role", "Email", "Status", "Signed at (UTC)", "Confirmed at (UTC)", "Individual"];

    public static string StatusName(EndorsementStatus status) => status switch
    {
        EndorsementStatus.Unconfirmed => "Email not confirmed",
        EndorsementStatus.Pending => "Waiting for approval",
        EndorsementStatus.Approved => "Approved",
        EndorsementStatus.Declined => "Declined",
        EndorsementStatus.Withdrawn => "Withdrawn",
        _ => status.ToString(),
    };

    public static string FileName(Campaign campaign)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        return $"{campaign.Slug}-endorsements.csv";
    }

    public static byte[] Write(IEnumerable<Endorsement> endorsements, Func<string, string>? translate = null)
    {
        ArgumentNullException.ThrowIfNull(endorsements);
        translate ??= s => s;
        using var stream = new MemoryStream();
        using (var csv = CsvWriter.Create(stream, Options, leaveOpen: true))
        {
            csv.WriteRecord(Words.Take(10).Select(translate).ToArray());
            foreach (var e in endorsements)
            {
                csv.WriteRecord(
                [
                    translate(e.Kind == EndorsementKind.Organization ? "Organization" : "Individual"),
                    e.OrganizationName, e.City, e.State, e.SignerName, e.SignerRole, e.Email,
                    translate(StatusName(e.Status)),
                    At.Format(e.CreatedAt),
                    e.ConfirmedAt is { } c ? At.Format(c) : "",
                ]);
            }
        }
        return stream.ToArray();
    }
}
