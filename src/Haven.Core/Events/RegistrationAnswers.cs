using System.Text.Json;
using Haven.Core.Shared;

namespace Haven.Core.Events;

/// <summary>Answers to an event's custom questions, checked against them: a required question must be answered (a
/// required checkbox ticked), a choice must be one of its options, a checkbox is on or off, short text stays under
/// <see cref="TextMaxLength"/> characters. Answers to questions the event does not have are ignored. What is stored
/// (<see cref="Registration.AnswersJson"/>) is a JSON object from question id to answer, with "yes"/"no" for
/// checkboxes.</summary>
public static class RegistrationAnswers
{
    public const int TextMaxLength = 500;
    public const string Yes = "yes";
    public const string No = "no";

    /// <summary>The form field (and problem field) of a question's answer: "Answers[12]".</summary>
    public static string FieldOf(int questionId) => $"Answers[{questionId}]";

    /// <summary>A choice question's options, one a line, trimmed, without empty lines or repeats.</summary>
    public static IReadOnlyList<string> OptionsOf(EventQuestion question)
    {
        ArgumentNullException.ThrowIfNull(question);
        return question.Options.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>Checks <paramref name="answers"/> (question id to the submitted value; a checkbox not ticked is
    /// simply absent) against <paramref name="questions"/>; returns every problem and, when there is none, the JSON to
    /// store.</summary>
    public static (IReadOnlyList<Problem> Problems, string Json) Check(IEnumerable<EventQuestion> questions, IReadOnlyDictionary<int, string?>? answers)
    {
        ArgumentNullException.ThrowIfNull(questions);
        answers ??= new Dictionary<int, string?>();
        var problems = new List<Problem>();
        var stored = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var q in questions.OrderBy(q => q.Position).ThenBy(q => q.Id))
        {
            var field = FieldOf(q.Id);
            var given = answers.TryGetValue(q.Id, out var value) ? (value ?? "").Trim() : "";
            var key = q.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            switch (q.Kind)
            {
                case QuestionKind.Checkbox:
                    bool? on = given.ToLowerInvariant() switch
                    {
                        "" or "off" or "false" or "no" => false,
                        "on" or "true" or "yes" => true,
                        _ => null,
                    };
                    if (on is null) problems.Add(new Problem("invalid_checkbox", "Tick the box or leave it empty.", field));
                    else if (q.Required && on == false) problems.Add(new Problem("required", "Tick this box to register.", field));
                    else stored[key] = on.Value ? Yes : No;
                    break;
                case QuestionKind.Choice:
                    if (given.Length == 0)
                    {
                        if (q.Required) problems.Add(new Problem("required", "Choose an answer.", field));
                    }
                    else if (OptionsOf(q).FirstOrDefault(o => string.Equals(o, given, StringComparison.Ordinal)) is { } option) stored[key] = option;
                    else problems.Add(new Problem("invalid_choice", "Choose one of the options.", field));
                    break;
                default:
                    if (given.Length == 0)
                    {
                        if (q.Required) problems.Add(new Problem("required", "Answer this question.", field));
                    }
                    else if (given.Length > TextMaxLength) problems.Add(new Problem("too_long", "Keep this under {0} characters.", field, TextMaxLength));
                    else stored[key] = given;
                    break;
            }
        }
        return (problems, problems.Count > 0 ? "{}" : JsonSerializer.Serialize(stored));
    }

    /// <summary>Stored answers back as question id to answer; unreadable JSON gives none.</summary>
    public static IReadOnlyDictionary<int, string> Parse(string? json)
    {
        var result = new Dictionary<int, string>();
        if (string.IsNullOrWhiteSpace(json)) return result;
        try
        {
            var values = JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [];
            foreach (var (key, value) in values)
                if (int.TryParse(key, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
                    result[id] = value;
        }
        catch (JsonException)
        {
        }
        return result;
    }
}
