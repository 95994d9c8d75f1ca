using System.Text.RegularExpressions;

namespace Haven.Core.Comments;

/// <summary>What a comment looks like it reveals about someone.</summary>
public enum PersonalDataKind
{
    /// <summary>An immigration case number ("A-number"): A followed by 8 or 9 digits.</summary>
    CaseNumber,
    PhoneNumber,
    EmailAddress,
}

/// <summary>Spots what should not be posted on a public page: A-numbers (A-123-456-789, A 12345678, A#123456789), phone
/// numbers (US formats and +country) and email addresses. Meant to warn, so it leans to precision: dates, years,
/// prices and ZIP codes do not trigger it.</summary>
public static partial class PersonalDataDetector
{
    public static IReadOnlyList<PersonalDataKind> Find(string? text)
    {
        var found = new List<PersonalDataKind>();
        if (string.IsNullOrEmpty(text)) return found;
        if (CaseNumber().IsMatch(text)) found.Add(PersonalDataKind.CaseNumber);
        // An A-number's digits must not also count as a phone number.
        var withoutCaseNumbers = CaseNumber().Replace(text, " ");
        if (Phone().Matches(withoutCaseNumbers).Any(m => IsPhone(m.Value))) found.Add(PersonalDataKind.PhoneNumber);
        if (Email().IsMatch(text)) found.Add(PersonalDataKind.EmailAddress);
        return found;
    }

    private static bool IsPhone(string value)
    {
        var digits = value.Count(char.IsAsciiDigit);
        return value.TrimStart().StartsWith('+') ? digits is >= 8 and <= 15 : digits is 10 or 11;
    }

    // "A" (alone, not the end of a word), optional "#", "-", "." or spaces, then 8 or 9 digits in groups split by
    // dashes or spaces, and no digit right after.
    [GeneratedRegex(@"(?<![\p{L}\d])A\s*[#\-.:]?\s*(?:\d[\s\-]?){7,8}\d(?![\d])", RegexOptions.IgnoreCase)]
    private static partial Regex CaseNumber();

    // +country number, or US: (555) 123-4567, 555-123-4567, 555.123.4567, 555 123 4567, 1-555-123-4567.
    [GeneratedRegex(@"(?<![\w+])(?:\+\d{1,3}[\s.\-]?(?:\(\d{1,4}\)[\s.\-]?)?\d{1,4}(?:[\s.\-]?\d{2,4}){1,4}|(?:1[\s.\-])?(?:\(\d{3}\)\s?|\d{3}[\s.\-])\d{3}[\s.\-]\d{4})(?![\w])")]
    private static partial Regex Phone();

    [GeneratedRegex(@"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}")]
    private static partial Regex Email();
}
