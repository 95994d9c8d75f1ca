using System.Text.Json;
using CsvHelper;
using NodaTime;
using NodaTime.Text;

namespace Haven.Core.Events;

/// <summary>An event's registrations as a spreadsheet: name, email, organization, language, status, registered at (in
/// the event's zone), attended, then one column per custom question. RFC 4180 (CsvHelper), UTF-8 with a byte order
/// mark so spreadsheets read accents right, and every text cell that a spreadsheet would run as a formula (starting
/// with = + - @, tab or CR) is written with a leading apostrophe.</summary>
public static class RegistrationsCsv
{
    public const string ContentType = "text/csv; charset=utf-8";

    private static readonly LocalDateTimePattern RegisteredAtPattern = LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd HH':'mm");

    private static readonly CsvWriterOptions Options = CsvWriterOptions.Default with
    {
        Injection = CsvInjection.Escape,
        WriteByteOrderMark = true,
    };

    /// <summary>The English column titles and cell words, which are also localization keys; the caller passes their
    /// translation (or leaves them English).</summary>
    public static readonly IReadOnlyList<string> Words =
        ["Name", "Email", "Organization", "Language", "Status", "Registered at", "Attended", "Yes", "No", "erased"];

    /// <summary>The English name of a registration status (a localization key).</summary>
    public static string StatusName(RegistrationStatus status) => status switch
    {
        RegistrationStatus.PendingApproval => "Waiting for approval",
        RegistrationStatus.Confirmed => "Confirmed",
        RegistrationStatus.Waitlisted => "Waitlisted",
        RegistrationStatus.Declined => "Declined",
        RegistrationStatus.Cancelled => "Cancelled",
        _ => status.ToString(),
    };

    /// <summary>When someone registered, as the event's organizer reads it ("2026-03-08 01:30").</summary>
    public static string RegisteredAt(Event e, Instant at)
    {
        ArgumentNullException.ThrowIfNull(e);
        return RegisteredAtPattern.Format(at.InZone(e.Zone).LocalDateTime);
    }

    /// <summary>The file name for an event's export: its address and "registrations".</summary>
    public static string FileName(Event e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return $"{e.Slug}-registrations.csv";
    }

    /// <summary>The CSV file's bytes. <paramref name="translate"/> turns the English words (<see cref="Words"/>,
    /// <see cref="StatusName"/>) into the reader's language.</summary>
    public static byte[] Write(Event e, IEnumerable<EventQuestion> questions, IEnumerable<Registration> registrations, Func<string, string>? translate = null)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(questions);
        ArgumentNullException.ThrowIfNull(registrations);
        translate ??= s => s;
        var asked = questions.OrderBy(q => q.Position).ThenBy(q => q.Id).ToList();
        using var stream = new MemoryStream();
        using (var csv = CsvWriter.Create(stream, Options, leaveOpen: true))
        {
            var header = new List<string> { translate("Name"), translate("Email"), translate("Organization"), translate("Language"), translate("Status"), translate("Registered at"), translate("Attended") };
            header.AddRange(asked.Select(q => q.Label));
            csv.WriteRecord(header.ToArray());
            foreach (var r in registrations)
            {
                var erased = r.ErasedAt is not null;
                var answers = erased ? new Dictionary<string, string>() : Answers(r.AnswersJson, translate);
                var row = new List<string>
                {
                    erased ? translate("erased") : r.Name,
                    r.Email,
                    r.Organization,
                    r.Language,
                    translate(StatusName(r.Status)),
                    RegisteredAt(e, r.CreatedAt),
                    translate(r.Attended ? "Yes" : "No"),
                };
                row.AddRange(asked.Select(q => answers.GetValueOrDefault(q.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "")));
                csv.WriteRecord(row.ToArray());
            }
        }
        return stream.ToArray();
    }

    /// <summary>The answers of <paramref name="json"/> (question id to answer) as text: strings as they are, true and
    /// false as yes and no, lists joined with "; "; anything unreadable is no answer.</summary>
    public static Dictionary<string, string> Answers(string? json, Func<string, string>? translate = null)
    {
        translate ??= s => s;
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(json)) return result;
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object) return result;
            foreach (var property in document.RootElement.EnumerateObject())
                result[property.Name] = Text(property.Value, translate);
        }
        catch (JsonException)
        {
            // A malformed row shows no answers rather than failing the whole export.
        }
        return result;
    }

    private static string Text(JsonElement value, Func<string, string> translate) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? "",
        JsonValueKind.True => translate("Yes"),
        JsonValueKind.False => translate("No"),
        JsonValueKind.Array => string.Join("; ", value.EnumerateArray().Select(v => Text(v, translate))),
        JsonValueKind.Null or JsonValueKind.Undefined => "",
        _ => value.GetRawText(),
    };
}
