using Haven.Core.Shared;

namespace Haven.Core.Text;

/// <summary>The checks every CSV import makes of an uploaded file before reading its rows: not empty, not too large,
/// UTF-8, and exactly the expected columns (in any order), each once.</summary>
public static class CsvUpload
{
    /// <summary>The file's text, or the problem that stops it being read.</summary>
    public static (string? Text, Problem? Problem) Read(byte[] file, int maxBytes, Func<byte[], string?> decodeUtf8)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(decodeUtf8);
        if (file.Length == 0) return (null, new Problem("empty_file", "The file is empty."));
        if (file.Length > maxBytes) return (null, new Problem("file_too_large", "The file is larger than {0} MB.", null, maxBytes / (1024 * 1024)));
        return decodeUtf8(file) is { } text
            ? (text, null)
            : (null, new Problem("not_utf8", "The file is not UTF-8 text: save it as “CSV UTF-8” and upload it again."));
    }

    /// <summary>Every problem with the header row (already trimmed and lower-cased), all at once.</summary>
    public static List<Problem> HeaderProblems(IReadOnlyList<string> headers, IReadOnlyList<string> columns)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(columns);
        var problems = new List<Problem>();
        var missing = columns.Where(c => !headers.Contains(c)).ToList();
        var extra = headers.Where(h => !columns.Contains(h)).ToList();
        if (missing.Count > 0)
            problems.Add(new Problem("missing_columns", "Columns are missing: {0}.", null, string.Join(", ", missing)));
        if (extra.Count > 0)
            problems.Add(new Problem("extra_columns", "Unknown columns: {0}. The columns are: {1}.", null, string.Join(", ", extra), string.Join(", ", columns)));
        foreach (var duplicate in headers.GroupBy(h => h).Where(g => g.Count() > 1))
            problems.Add(new Problem("duplicate_column", "The column {0} appears twice.", null, duplicate.Key));
        return problems;
    }
}
