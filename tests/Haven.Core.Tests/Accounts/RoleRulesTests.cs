using AwesomeAssertions;
using Haven.Core.Accounts;
using Haven.Core.Organizations;
using Haven.Core.Resources;

namespace Haven.Core.Tests.Accounts;

public sealed class RoleRulesTests
{
    private const int A = 1;
    private const int B = 2;

    private static readonly Actor Administrator = new() { UserId = "admin", Name = "admin", IsAdministrator = true };
    private static readonly Actor Moderator = new() { UserId = "mod", Name = "mod", IsModerator = true };
    private static readonly Actor EditorOfA = Member("editor-a", A, MembershipRole.Editor);
    private static readonly Actor OtherEditorOfA = Member("editor-a2", A, MembershipRole.Editor);
    private static readonly Actor LeadOfA = Member("lead-a", A, MembershipRole.Lead);
    private static readonly Actor EditorOfB = Member("editor-b", B, MembershipRole.Editor);
    private static readonly Actor Anonymous = Actor.Anonymous();

    private static Actor Member(string id, int organization, MembershipRole role) =>
        new() { UserId = id, Name = id, Memberships = new Dictionary<int, MembershipRole> { [organization] = role } };

    private static Resource OwnedBy(int owner, params int[] coAuthors)
    {
        var resource = new Resource { Slug = "r", Title = "R", OwnerOrganizationId = owner };
        resource.Authors.Add(new ResourceAuthor { OrganizationId = owner, Position = 0 });
        for (var i = 0; i < coAuthors.Length; i++)
            resource.Authors.Add(new ResourceAuthor { OrganizationId = coAuthors[i], Position = i + 1 });
        return resource;
    }

    [Fact]
    public void Editors_edit_their_own_organizations_resources_and_no_one_elses()
    {
        var ownedByA = OwnedBy(A);
        EditorOfA.CanEdit(ownedByA).Should().BeTrue();
        LeadOfA.CanEdit(ownedByA).Should().BeTrue();
        Administrator.CanEdit(ownedByA).Should().BeTrue();
        EditorOfB.CanEdit(ownedByA).Should().BeFalse();
        Moderator.CanEdit(ownedByA).Should().BeFalse();
        Anonymous.CanEdit(ownedByA).Should().BeFalse();
    }

    [Fact]
    public void Co_authors_see_the_draft_but_only_the_owner_edits_it()
    {
        var ownedByAWithB = OwnedBy(A, B);
        EditorOfB.CanSee(ownedByAWithB).Should().BeTrue();
        EditorOfB.CanEdit(ownedByAWithB).Should().BeFalse();
        EditorOfB.CanSee(OwnedBy(A)).Should().BeFalse();
    }

    [Fact]
    public void Content_without_an_owner_is_the_administrators()
    {
        var unowned = new Resource { Slug = "r", Title = "R" };
        Administrator.CanEdit(unowned).Should().BeTrue();
        EditorOfA.CanEdit(unowned).Should().BeFalse();
    }

    [Fact]
    public void Review_applies_to_editors_of_organizations_that_ask_for_it_never_to_administrators()
    {
        var reviewing = new Organization { Slug = "a", Name = "A", Id = A, RequiresReview = true };
        var open = new Organization { Slug = "b", Name = "B", Id = B };
        EditorOfA.NeedsReviewToPublish(reviewing).Should().BeTrue();
        Administrator.NeedsReviewToPublish(reviewing).Should().BeFalse();
        EditorOfB.NeedsReviewToPublish(open).Should().BeFalse();
    }

    [Fact]
    public void Another_editor_of_the_owner_approves_a_review_but_not_the_one_who_asked()
    {
        var resource = OwnedBy(A);
        resource.RequestReview(EditorOfA.UserId!);
        resource.Status.Should().Be(ResourceStatus.InReview);

        EditorOfA.CanApprove(resource).Should().BeFalse();
        OtherEditorOfA.CanApprove(resource).Should().BeTrue();
        Administrator.CanApprove(resource).Should().BeTrue();
        EditorOfB.CanApprove(resource).Should().BeFalse();
    }

    [Fact]
    public void A_proposed_change_to_a_published_resource_is_approved_by_another_editor_and_leaves_it_published()
    {
        var resource = OwnedBy(A);
        resource.Publish(NodaTime.Instant.FromUtc(2026, 1, 1, 12, 0), NodaTime.DateTimeZone.Utc);
        resource.ProposeChange(7, EditorOfA.UserId!);

        resource.Status.Should().Be(ResourceStatus.Published);
        resource.ProposedRevision.Should().Be(7);
        EditorOfA.CanApprove(resource).Should().BeFalse();
        OtherEditorOfA.CanApprove(resource).Should().BeTrue();

        resource.ClearProposal();
        resource.ProposedRevision.Should().BeNull();
        OtherEditorOfA.CanApprove(resource).Should().BeFalse();
    }

    [Fact]
    public void Nothing_is_approvable_before_someone_asks()
    {
        OtherEditorOfA.CanApprove(OwnedBy(A)).Should().BeFalse();
    }

    [Fact]
    public void Leads_invite_editors_and_leads_of_their_own_organization_administrators_invite_anyone()
    {
        LeadOfA.CanInvite(InvitedRole.Editor, A).Should().BeTrue();
        LeadOfA.CanInvite(InvitedRole.Lead, A).Should().BeTrue();
        LeadOfA.CanInvite(InvitedRole.Editor, B).Should().BeFalse();
        LeadOfA.CanInvite(InvitedRole.Administrator, null).Should().BeFalse();
        LeadOfA.CanInvite(InvitedRole.Moderator, null).Should().BeFalse();
        EditorOfA.CanInvite(InvitedRole.Editor, A).Should().BeFalse();
        Administrator.CanInvite(InvitedRole.Administrator, null).Should().BeTrue();
        Administrator.CanInvite(InvitedRole.Editor, B).Should().BeTrue();
        Administrator.CanInvite(InvitedRole.Editor, null).Should().BeFalse();
    }

    [Fact]
    public void Leads_read_their_organizations_audit_entries_administrators_read_all()
    {
        LeadOfA.CanReadAuditLogOf(A).Should().BeTrue();
        LeadOfA.CanReadAuditLogOf(B).Should().BeFalse();
        LeadOfA.CanReadAuditLogOf(null).Should().BeFalse();
        EditorOfA.CanReadAuditLogOf(A).Should().BeFalse();
        Administrator.CanReadAuditLogOf(null).Should().BeTrue();
    }

    [Fact]
    public void Moderators_and_administrators_moderate()
    {
        Moderator.CanModerate.Should().BeTrue();
        Administrator.CanModerate.Should().BeTrue();
        EditorOfA.CanModerate.Should().BeFalse();
        Moderator.IsStaff.Should().BeTrue();
        Anonymous.IsStaff.Should().BeFalse();
    }

    [Fact]
    public void Editors_of_the_owning_organization_edit_an_event_and_co_hosts_do_not()
    {
        var e = new Haven.Core.Events.Event { Slug = "e", Title = "E", TimeZoneId = "America/Chicago", OwnerOrganizationId = A };
        e.Hosts.Add(new Haven.Core.Events.EventHost { OrganizationId = A, Position = 0 });
        e.Hosts.Add(new Haven.Core.Events.EventHost { OrganizationId = B, Position = 1 });
        EditorOfA.CanEdit(e).Should().BeTrue();
        LeadOfA.CanEdit(e).Should().BeTrue();
        Administrator.CanEdit(e).Should().BeTrue();
        EditorOfB.CanEdit(e).Should().BeFalse();
        Moderator.CanEdit(e).Should().BeFalse();
        Anonymous.CanEdit(e).Should().BeFalse();
        var ownerless = new Haven.Core.Events.Event { Slug = "o", Title = "O", TimeZoneId = "UTC" };
        Administrator.CanEdit(ownerless).Should().BeTrue();
        EditorOfA.CanEdit(ownerless).Should().BeFalse();
    }
}
