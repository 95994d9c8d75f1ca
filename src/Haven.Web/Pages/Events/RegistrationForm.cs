using Haven.Core.Events;
using Haven.Core.Shared;

namespace Haven.Web.Pages.Events;

/// <summary>The registration form's fields as posted (Form.Name, Form.Answers[12]...), on the event's page and on the
/// private registration page.</summary>
public sealed class RegistrationForm
{
    public string? Name { get; set; }
    public string? Email { get; set; }
    public string? Organization { get; set; }
    public string? Language { get; set; }
    public string? InvitationCode { get; set; }
    public Dictionary<int, string?> Answers { get; set; } = [];

    /// <summary>The form filled in with what a registration holds.</summary>
    public static RegistrationForm From(Registration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        return new RegistrationForm
        {
            Name = registration.Name,
            Email = registration.Email,
            Organization = registration.Organization,
            Language = registration.Language,
            Answers = RegistrationAnswers.Parse(registration.AnswersJson).ToDictionary(a => a.Key, a => (string?)a.Value),
        };
    }

    /// <summary>The value to show for a question: what was typed, or nothing.</summary>
    public string AnswerTo(EventQuestion question) =>
        Answers.TryGetValue(question.Id, out var value) ? value ?? "" : "";

    /// <summary>The mail language, or the interface language when none (or an unknown one) was chosen.</summary>
    public string LanguageOr(string interfaceLanguage) =>
        Language is { } l && Languages.Interface.Contains(l) ? l : interfaceLanguage;
}

/// <summary>What the shared fields partial needs: the values, the questions, the problems, and which of the fields
/// that only registering has (email, invitation code) to show; questions are written in the event's language.</summary>
public sealed record RegistrationFieldsView(RegistrationForm Form, IReadOnlyList<EventQuestion> Questions, IReadOnlyList<Problem> Problems,
    bool EmailEditable, bool AskInvitationCode, string QuestionLanguage);
