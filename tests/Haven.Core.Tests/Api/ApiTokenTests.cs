using AwesomeAssertions;
using Haven.Core.Api;
using Haven.Core.Organizations;
using Haven.Core.Resources;
using NodaTime;

namespace Haven.Core.Tests.Api;

public sealed class ApiTokenTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 3, 1, 12, 0);

    private static ApiToken Token(Instant? expires = null, Instant? revoked = null) => new()
    {
        Id = 7, OrganizationId = 3, Name = "CMS sync", SecretHash = new string('a', 64), Prefix = "haven_abcdef",
        CreatedById = "lead", CreatedByName = "lead@example.org", CreatedAt = Now - Duration.FromDays(10),
        ExpiresAt = expires, RevokedAt = revoked,
    };

    [Fact]
    public void A_token_works_until_it_is_revoked_or_expires()
    {
        Token().IsUsableAt(Now).Should().BeTrue();
        Token(expires: Now + Duration.FromSeconds(1)).IsUsableAt(Now).Should().BeTrue();
        Token(expires: Now).IsUsableAt(Now).Should().BeFalse();
        Token(revoked: Now - Duration.FromDays(1)).IsUsableAt(Now).Should().BeFalse();
    }

    [Fact]
    public void Its_actor_edits_for_its_organization_only_never_approves_and_is_named_as_the_token()
    {
        var actor = Token().ActorFor("Defenders Collective", "10.0.0.1");

        actor.Name.Should().Be("API token \u2018CMS sync\u2019 of Defenders Collective");
        actor.UserId.Should().BeNull();
        actor.IsAdministrator.Should().BeFalse();
        actor.EditsFor(3).Should().BeTrue();
        actor.EditsFor(4).Should().BeFalse();
        actor.Leads(3).Should().BeFalse();
        var ours = new Resource { Slug = "r", Title = "R", OwnerOrganizationId = 3 };
        ours.RequestReview("someone-else");
        actor.CanEdit(ours).Should().BeTrue();
        actor.CanApprove(ours).Should().BeFalse();
        actor.CanEdit(new Resource { Slug = "s", Title = "S", OwnerOrganizationId = 4 }).Should().BeFalse();
        actor.NeedsReviewToPublish(new Organization { Slug = "o", Name = "O", RequiresReview = true }).Should().BeTrue();
        actor.IpAddress.Should().Be("10.0.0.1");
    }
}
