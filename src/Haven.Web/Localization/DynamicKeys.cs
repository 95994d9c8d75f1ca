namespace Haven.Web.Localization;

/// <summary>Interface strings that reach the localizer through a variable rather than a literal key, listed so
/// the translation test can check them too.</summary>
public static class DynamicKeys
{
    public static readonly IReadOnlyList<string> All =
    [
        // Resource statuses.
        "Draft", "Scheduled", "Published", "In review",
        // Revision actions, as SaveResource records them.
        "Saved draft", "Saved as draft", "Unpublished", "Saved", "Submitted for review", "Approved and published", "Proposed change", "Approved change",
        // Editor confirmations.
        "Published.", "Scheduled.", "Submitted for review: another editor of your organization must approve it before it is published.",
        "Your change waits for another editor of your organization: readers see the published version until it is approved.",
        "The change is approved and published.", "The proposed change was rejected.", "Unpublished: it is a draft again.", "File attached.", "File removed.", "Saved.",
        // Event kinds, statuses, registration modes and speaker roles (EventLabels).
        "Webinar", "Teleconference", "Press call", "Training", "Convening", "Postponed", "Cancelled", "Completed",
        "No registration", "Open to anyone", "Each registration approved by the host", "With an invitation code",
        "Panelist", "Discussion moderator", "Presenter", "Host",
        // Accounts page confirmations.
        "Invitation sent.", "Invitation withdrawn.", "Role removed.",
        // Role names in invitations.
        "administrator", "moderator", "lead", "editor",
        // Account security problems.
        "Administrators must keep two-factor sign-in on.",
        // Field names in revision diffs.
        "Title", "Type", "Address", "Language", "Publication date", "Current as of", "Summary", "Body",
        "Organizations, in credit order", "Topics", "Audiences", "Jurisdictions", "Supersedes", "Links",
        // Events: kinds, status banners, speaker roles, registration modes (EventLabels).
        "Webinar", "Teleconference", "Press call", "Training", "Convening",
        "Postponed", "Cancelled", "Completed",
        "Panelist", "Discussion moderator", "Presenter", "Host",
        "No registration needed", "Open registration", "Registration with the host's approval", "Registration with an invitation code",
        // Registrant management: statuses and CSV words (RegistrationsCsv), buttons, groups and confirmations (RegistrationsModel).
        "Waiting for approval", "Confirmed", "Waitlisted", "Declined", "Cancelled",
        "Name", "Email", "Organization", "Language", "Status", "Registered at", "Attended", "Yes", "No", "erased",
        "Approve", "Decline", "Move to waitlist", "Give a seat", "Everyone still registered",
        "Registration approved.", "Registration declined.", "Moved to the waitlist.", "Seat given.", "Attendance saved.", "Message sent to {0} registrants.",
        // Registration question kinds in the editor (Admin/Events EventLabels).
        "Short text", "Choice of options", "Checkbox (yes or no)",
        // Campaigns: who may sign, when signatures are public, statuses, export words, confirmations (CampaignLabels).
        .. Campaigns.CampaignLabels.Keys,
        // Bill stances and chambers (BillLabels), and the resource editor's confirmation for its bills.
        "Support", "Oppose", "Support if amended", "Oppose unless amended", "Watching", "House", "Senate", "Assembly", "Legislature",
        "The bills are saved.",
    ];
}
