using AwesomeAssertions;
using Haven.Core.Campaigns;
using NodaTime;

namespace Haven.Core.Tests.Campaigns;

public sealed class SignatureRulesTests
{
    [Theory]
    [InlineData("The Immigrant Legal Resource Center, Inc.", "immigrant legal resource center")]
    [InlineData("immigrant legal resource center", "immigrant legal resource center")]
    [InlineData("  IMMIGRANT   Legal-Resource  Center  LLC ", "immigrant legal resource center")]
    [InlineData("Centro de Acción Legal, L.L.C.", "centro de accion legal")]
    [InlineData("Centro de Accion Legal", "centro de accion legal")]
    [InlineData("Families & Friends Co.", "families and friends")]
    [InlineData("Families and Friends", "families and friends")]
    [InlineData("People's Defense Ltd", "peoples defense")]
    [InlineData("The Defenders Collective Incorporated", "defenders collective")]
    [InlineData("Bay Area Legal Aid, Inc, a nonprofit corp", "bay area legal aid inc a nonprofit")]
    public void Organization_names_are_compared_after_normalizing(string name, string expected) =>
        SignatureRules.NormalizeOrganizationName(name).Should().Be(expected);

    [Fact]
    public void A_name_that_is_only_a_suffix_or_the_is_kept_rather_than_emptied()
    {
        SignatureRules.NormalizeOrganizationName("The").Should().Be("the");
        SignatureRules.NormalizeOrganizationName("Inc.").Should().Be("inc");
        SignatureRules.NormalizeOrganizationName("!!!").Should().BeEmpty();
    }

    [Theory]
    [InlineData("ana@ILRC.org", "ilrc.org")]
    [InlineData("ana@gmail.com", null)]
    [InlineData("ana@Proton.me", null)]
    [InlineData("ana@outlook.com", null)]
    [InlineData("ana@hotmail.com", null)]
    [InlineData("ana@yahoo.com", null)]
    [InlineData("ana@icloud.com", null)]
    [InlineData("ana@aol.com", null)]
    public void Email_domains_identify_an_organization_unless_they_are_free_mail(string email, string? domain) =>
        SignatureRules.OrganizationDomain(email).Should().Be(domain);

    [Fact]
    public void Individuals_are_keyed_by_email_and_organizations_by_name()
    {
        SignatureRules.SignatureKey(EndorsementKind.Individual, "Whatever", "ana@example.org").Should().Be("person:ana@example.org");
        SignatureRules.SignatureKey(EndorsementKind.Organization, "The Defenders, Inc.", "ana@example.org").Should().Be("org:defenders");
    }

    private static readonly Instant Now = Instant.FromUtc(2026, 11, 24, 12, 0);

    private static Campaign Campaign(Instant opens, Instant closes, bool draft = false) =>
        new() { Slug = "c", Title = "C", OpensAt = opens, ClosesAt = closes, IsDraft = draft };

    [Fact]
    public void A_campaign_takes_signatures_only_between_its_open_and_close()
    {
        SignatureRules.WhyClosed(Campaign(Now - Duration.FromDays(1), Now + Duration.FromDays(1)), Now).Should().BeNull();
        SignatureRules.WhyClosed(Campaign(Now + Duration.FromDays(1), Now + Duration.FromDays(2)), Now)!.Code.Should().Be("not_open");
        SignatureRules.WhyClosed(Campaign(Now - Duration.FromDays(2), Now), Now)!.Code.Should().Be("closed", "the close instant itself is closed");
        SignatureRules.WhyClosed(Campaign(Now - Duration.FromDays(2), Now + Duration.FromDays(1), draft: true), Now)!.Code.Should().Be("not_found");
    }

    private static Endorsement Signature(EndorsementStatus status = EndorsementStatus.Unconfirmed, Instant? created = null) => new()
    {
        SignerName = "Ana", Email = "ana@example.org", NormalizedEmail = "ana@example.org", Status = status, CreatedAt = created ?? Now,
        SignatureKey = "org:x", OrganizationDomain = "example.org",
    };

    [Fact]
    public void Confirming_makes_a_signature_pending_or_public_depending_on_the_campaign()
    {
        var pending = Signature();
        pending.Confirm(EndorsementReview.Approval, Now).Should().BeTrue();
        pending.Status.Should().Be(EndorsementStatus.Pending);
        pending.IsPublic.Should().BeFalse();
        pending.Confirm(EndorsementReview.Approval, Now).Should().BeFalse("confirming twice changes nothing");

        var direct = Signature();
        direct.Confirm(EndorsementReview.ConfirmationOnly, Now).Should().BeTrue();
        direct.Status.Should().Be(EndorsementStatus.Approved);
        direct.ApprovedAt.Should().Be(Now);
    }

    [Fact]
    public void Only_confirmed_signatures_can_be_approved_or_declined()
    {
        Signature().Approve(Now).Should().BeFalse("an unconfirmed signature does not count yet");
        Signature().Decline(Now).Should().BeFalse();
        var s = Signature(EndorsementStatus.Pending);
        s.Approve(Now).Should().BeTrue();
        s.Approve(Now).Should().BeFalse("approving twice changes nothing");
        s.Decline(Now).Should().BeTrue();
        s.Status.Should().Be(EndorsementStatus.Declined);
        s.Approve(Now).Should().BeTrue("a lead may change their mind");
        Signature(EndorsementStatus.Withdrawn).Approve(Now).Should().BeFalse();
    }

    [Fact]
    public void Withdrawing_releases_the_organization_to_sign_again()
    {
        var s = Signature(EndorsementStatus.Approved);
        s.Withdraw(Now).Should().BeTrue();
        s.Status.Should().Be(EndorsementStatus.Withdrawn);
        s.SignatureKey.Should().BeNull();
        s.OrganizationDomain.Should().BeNull();
        s.Blocks(Now).Should().BeFalse();
        s.Withdraw(Now).Should().BeFalse();
    }

    [Fact]
    public void An_unconfirmed_signature_blocks_for_seven_days_and_a_confirmed_one_always()
    {
        Signature(created: Now - Duration.FromDays(6)).Blocks(Now).Should().BeTrue();
        Signature(created: Now - Duration.FromDays(7)).Blocks(Now).Should().BeFalse();
        Signature(EndorsementStatus.Pending, Now - Duration.FromDays(300)).Blocks(Now).Should().BeTrue();
        Signature(EndorsementStatus.Declined, Now - Duration.FromDays(300)).Blocks(Now).Should().BeTrue();
    }

    [Fact]
    public void A_campaign_accepts_the_kinds_of_signer_it_asks_for()
    {
        var c = Campaign(Now, Now + Duration.FromDays(1));
        c.Accepts(EndorsementKind.Organization).Should().BeTrue();
        c.Accepts(EndorsementKind.Individual).Should().BeFalse();
        c.WhoMaySign = WhoMaySign.Both;
        c.Accepts(EndorsementKind.Individual).Should().BeTrue();
        c.WhoMaySign = WhoMaySign.Individuals;
        c.Accepts(EndorsementKind.Organization).Should().BeFalse();
    }
}
