using Haven.Core.Campaigns;
using Haven.Core.Bills;
using Haven.Core.Events;
using Haven.Core.Organizations;
using Haven.Core.Resources;

namespace Haven.Core.Accounts;

/// <summary>Who is acting, and the role rules that follow from it: administrators may do everything; an
/// organization's editors manage the content it owns and see drafts it co-authors; its lead also invites editors
/// and reads its audit entries; moderators handle comments and endorsements.</summary>
public sealed record Actor
{
    private static readonly IReadOnlyDictionary<int, MembershipRole> NoMemberships = new Dictionary<int, MembershipRole>();

    /// <summary>Null for the system (start-up tasks, commands) and anonymous visitors.</summary>
    public string? UserId { get; init; }
    /// <summary>The name recorded in revisions and the audit log.</summary>
    public required string Name { get; init; }
    public bool IsAdministrator { get; init; }
    public bool IsModerator { get; init; }
    public IReadOnlyDictionary<int, MembershipRole> Memberships { get; init; } = NoMemberships;
    public string? IpAddress { get; init; }

    /// <summary>The site itself: demo content, scheduled publication, command-line tools.</summary>
    public static Actor System(string name = "system") => new() { Name = name, IsAdministrator = true };

    public static Actor Anonymous(string? ipAddress = null) => new() { Name = "anonymous", IpAddress = ipAddress };

    /// <summary>The organizations this actor leads (by membership; administrators lead none by it).</summary>
    public IReadOnlyList<int> LedOrganizationIds => Memberships.Where(m => m.Value == MembershipRole.Lead).Select(m => m.Key).ToList();

    /// <summary>Has a place in the workspace (any role at all).</summary>
    public bool IsStaff => IsAdministrator || IsModerator || Memberships.Count > 0;

    public bool EditsFor(int organizationId) => IsAdministrator || Memberships.ContainsKey(organizationId);

    public bool Leads(int organizationId) =>
        IsAdministrator || (Memberships.TryGetValue(organizationId, out var role) && role == MembershipRole.Lead);

    /// <summary>Editors of the owning organization; content without an owner is the administrators'.</summary>
    public bool CanEdit(Resource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return IsAdministrator || (resource.OwnerOrganizationId is { } owner && Memberships.ContainsKey(owner));
    }

    /// <summary>Editors of the organization that owns the event (the first host when it was created); an event without
    /// an owner is the administrators'.</summary>
    public bool CanEdit(Event e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return IsAdministrator || (e.OwnerOrganizationId is { } owner && Memberships.ContainsKey(owner));
    }

    /// <summary>Editors of the organization that publishes the post, and administrators.</summary>
    public bool CanEdit(News.Post post)
    {
        ArgumentNullException.ThrowIfNull(post);
        return EditsFor(post.OwnerOrganizationId);
    }

    /// <summary>Editors of the owner, and of any co-authoring organization (drafts included).</summary>
    public bool CanSee(Resource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return CanEdit(resource) || resource.Authors.Any(a => Memberships.ContainsKey(a.OrganizationId));
    }

    /// <summary>Whether publishing waits for another editor: only where the organization asks for review, and never
    /// for administrators.</summary>
    public bool NeedsReviewToPublish(Organization owner)
    {
        ArgumentNullException.ThrowIfNull(owner);
        return owner.RequiresReview && !IsAdministrator;
    }

    /// <summary>Another editor of the owner (or an administrator), not the one who asked.</summary>
    public bool CanApprove(Resource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return UserId is not null && CanEdit(resource) && resource.CanBeApprovedBy(UserId);
    }

    /// <summary>Administrators invite anyone; a lead invites editors and leads of their own organization.</summary>
    public bool CanInvite(InvitedRole role, int? organizationId) => role switch
    {
        InvitedRole.Administrator or InvitedRole.Moderator => IsAdministrator,
        InvitedRole.Editor or InvitedRole.Lead => organizationId is { } id && Leads(id),
        _ => false,
    };

    /// <summary>Administrators read the whole log; a lead reads the entries of their organization.</summary>
    public bool CanReadAuditLogOf(int? organizationId) =>
        IsAdministrator || (organizationId is { } id && Memberships.TryGetValue(id, out var role) && role == MembershipRole.Lead);

    /// <summary>Policy records are the coalition's shared work: administrators and editors of any organization.</summary>
    public bool CanEditPolicies => IsAdministrator || Memberships.Count > 0;

    /// <summary>Administrators, and editors of an organization (each row still only for resources theirs to edit).</summary>
    public bool CanImportResources => IsAdministrator || Memberships.Count > 0;
    /// <summary>Whether they may import content (a WordPress export) for some organization: as for resources.</summary>
    public bool CanImportContent => CanImportResources;

    /// <summary>Bills are listed by the coalition together: administrators and editors of any organization add them.</summary>
    public bool CanAddBills => IsAdministrator || Memberships.Count > 0;

    /// <summary>A bill's details are its adding organization's editors' to change (and the administrators').</summary>
    public bool CanEdit(Bill bill)
    {
        ArgumentNullException.ThrowIfNull(bill);
        return IsAdministrator || (bill.OwnerOrganizationId is { } owner && Memberships.ContainsKey(owner));
    }

    /// <summary>Editors speak for their own organizations; administrators for any, and for the coalition (null).</summary>
    public bool CanStateBillPositionFor(int? organizationId) =>
        IsAdministrator || (organizationId is { } id && Memberships.ContainsKey(id));

    public bool CanModerate => IsAdministrator || IsModerator;

    /// <summary>Editors of any of the campaign's lead organizations, and administrators (the leads must be loaded).</summary>
    public bool CanManage(Campaign campaign)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        return IsAdministrator || campaign.Leads.Any(l => Memberships.ContainsKey(l.OrganizationId));
    }

    /// <summary>The campaign's moderation queue: its managers and the site's moderators.</summary>
    public bool CanModerateSignatures(Campaign campaign) => IsModerator || CanManage(campaign);
}
