using Haven.Core.Events;

namespace Haven.Web.Events;

/// <summary>English names of the events' enums (localization keys, listed in DynamicKeys) and their URL forms.</summary>
public static class EventLabels
{
    public static string DisplayName(this EventKind kind) => kind switch
    {
        EventKind.Webinar => "Webinar",
        EventKind.Teleconference => "Teleconference",
        EventKind.PressCall => "Press call",
        EventKind.Training => "Training",
        EventKind.Convening => "Convening",
        _ => kind.ToString(),
    };

    /// <summary>The kind as a query parameter: "press-call".</summary>
    public static string Parameter(this EventKind kind) => Haven.Core.Shared.Slug.From(kind.DisplayName());

    public static EventKind? KindFromParameter(string? value) =>
        Enum.GetValues<EventKind>().Cast<EventKind?>().FirstOrDefault(k => k!.Value.Parameter() == value);

    /// <summary>The banner of a status readers must notice; null for a scheduled event.</summary>
    public static string? Banner(this EventStatus status) => status switch
    {
        EventStatus.Postponed => "Postponed",
        EventStatus.Cancelled => "Cancelled",
        EventStatus.Completed => "Completed",
        _ => null,
    };

    public static string DisplayName(this SpeakerRole role) => role switch
    {
        SpeakerRole.Panelist => "Panelist",
        // "moderator" (the account role) is a key already, and resource names must differ in more than case.
        SpeakerRole.Moderator => "Discussion moderator",
        SpeakerRole.Presenter => "Presenter",
        SpeakerRole.Host => "Host",
        _ => role.ToString(),
    };

    public static string DisplayName(this RegistrationMode mode) => mode switch
    {
        RegistrationMode.None => "No registration needed",
        RegistrationMode.Open => "Open registration",
        RegistrationMode.Approval => "Registration with the host's approval",
        RegistrationMode.InvitationCode => "Registration with an invitation code",
        _ => mode.ToString(),
    };
}
