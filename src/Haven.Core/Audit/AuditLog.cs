using System.Text.Json;
using Haven.Core.Accounts;
using Haven.Core.Data;
using NodaTime;

namespace Haven.Core.Audit;

/// <summary>Writes audit entries into the caller's unit of work, so an entry is committed exactly when the change
/// it describes is (use <see cref="WriteNowAsync"/> for events with no other change, such as a refused attempt).</summary>
public sealed class AuditLog(HavenDbContext db, IClock clock)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    public AuditEntry Add(Actor actor, string action, string subjectType, string subjectId, int? organizationId,
        string summary, object? before = null, object? after = null)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var entry = new AuditEntry
        {
            At = clock.GetCurrentInstant(),
            ActorId = actor.UserId,
            ActorName = Cut(actor.Name, 320),
            Action = action,
            SubjectType = subjectType,
            SubjectId = Cut(subjectId, 450),
            OrganizationId = organizationId,
            Summary = Cut(summary, 1000),
            Before = Serialize(before),
            After = Serialize(after),
            IpAddress = actor.IpAddress is { } ip ? Cut(ip, 64) : null,
        };
        db.AuditLog.Add(entry);
        return entry;
    }

    /// <summary>Adds and saves at once, for an event that changes nothing else.</summary>
    public async Task WriteNowAsync(Actor actor, string action, string subjectType, string subjectId, int? organizationId,
        string summary, object? before = null, object? after = null, CancellationToken cancellationToken = default)
    {
        Add(actor, action, subjectType, subjectId, organizationId, summary, before, after);
        await db.SaveChangesAsync(cancellationToken);
    }

    private static string? Serialize(object? value) => value switch
    {
        null => null,
        string s => s,
        _ => JsonSerializer.Serialize(value, value.GetType(), Json),
    };

    private static string Cut(string value, int max) => value.Length <= max ? value : value[..max];
}

/// <summary>The audit log's action codes.</summary>
public static class AuditActions
{
    public const string ResourceCreated = "resource.created";
    public const string ResourceSaved = "resource.saved";
    public const string ResourcePublished = "resource.published";
    public const string ResourceScheduled = "resource.scheduled";
    public const string ResourceUnpublished = "resource.unpublished";
    public const string ResourceReviewRequested = "resource.review_requested";
    public const string ResourceEditRefused = "resource.edit_refused";
    public const string EventCreated = "event.created";
    public const string EventSaved = "event.saved";
    public const string EventEditRefused = "event.edit_refused";
    public const string PostCreated = "post.created";
    public const string PostSaved = "post.saved";
    public const string PostEditRefused = "post.edit_refused";
    public const string WordPressImported = "wordpress.imported";
    public const string WordPressImportRefused = "wordpress.import_refused";
    public const string RegistrationApproved = "registration.approved";
    public const string RegistrationDeclined = "registration.declined";
    public const string RegistrationMoved = "registration.moved";
    public const string AttendanceMarked = "registration.attendance_marked";
    public const string RegistrantsMessaged = "registration.messaged";
    public const string RegistrationsExported = "registration.exported";
    public const string RegistrationManagementRefused = "registration.management_refused";
    public const string CampaignCreated = "campaign.created";
    public const string CampaignSaved = "campaign.saved";
    public const string CampaignEditRefused = "campaign.edit_refused";
    public const string CampaignBillsLinked = "campaign.bills_linked";
    public const string EndorsementApproved = "endorsement.approved";
    public const string EndorsementDeclined = "endorsement.declined";
    public const string EndorsementWithdrawn = "endorsement.withdrawn";
    public const string EndorsementsExported = "endorsement.exported";
    public const string EndorsementModerationRefused = "endorsement.moderation_refused";
    public const string PolicyCreated = "policy.created";
    public const string PolicySaved = "policy.saved";
    public const string PolicyClosed = "policy.closed";
    public const string PolicyEditRefused = "policy.edit_refused";
    public const string BillCreated = "bill.created";
    public const string BillSaved = "bill.saved";
    public const string BillEditRefused = "bill.edit_refused";
    public const string BillPositionStated = "bill.position_stated";
    public const string BillPositionWithdrawn = "bill.position_withdrawn";
    public const string ResourceBillsLinked = "resource.bills_linked";
    public const string PoliciesImported = "policy.imported";
    public const string ResourcesImported = "resource.imported";
    public const string PolicyAreaSaved = "policy_area.saved";
    public const string JurisdictionSaved = "jurisdiction.saved";
    public const string AttachmentAdded = "attachment.added";
    public const string AttachmentRemoved = "attachment.removed";
    public const string SignedIn = "account.signed_in";
    public const string SignInFailed = "account.sign_in_failed";
    public const string SignedOut = "account.signed_out";
    public const string SignedOutEverywhere = "account.signed_out_everywhere";
    public const string AccountCreated = "account.created";
    public const string PasswordResetRequested = "account.password_reset_requested";
    public const string PasswordReset = "account.password_reset";
    public const string TwoFactorEnabled = "account.two_factor_enabled";
    public const string TwoFactorDisabled = "account.two_factor_disabled";
    public const string InvitationSent = "invitation.sent";
    public const string InvitationAccepted = "invitation.accepted";
    public const string InvitationRevoked = "invitation.revoked";
    public const string InvitationRefused = "invitation.refused";
    public const string RoleGranted = "role.granted";
    public const string RoleRevoked = "role.revoked";
    public const string OrganizationSaved = "organization.saved";
    public const string PersonSaved = "person.saved";
    public const string SettingChanged = "setting.changed";
    public const string ApiTokenCreated = "api_token.created";
    public const string ApiTokenRevoked = "api_token.revoked";
    public const string CommentApproved = "comment.approved";
    public const string CommentRejected = "comment.rejected";
    public const string CommentRemoved = "comment.removed";
    public const string CommentWordsSaved = "comment.words_saved";
    public const string PersonalDataExported = "personal_data.exported";
}
