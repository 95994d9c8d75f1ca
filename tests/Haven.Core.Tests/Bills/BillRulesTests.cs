using AwesomeAssertions;
using Haven.Core.Accounts;
using Haven.Core.Bills;

namespace Haven.Core.Tests.Bills;

public sealed class BillRulesTests
{
    [Theory]
    [InlineData("H.R. 2", "HR2")]
    [InlineData("HR 2", "HR2")]
    [InlineData("h.r.2", "HR2")]
    [InlineData("H.R. 0002", "HR2")]
    [InlineData("SB 54", "SB54")]
    [InlineData("S.B. 54", "SB54")]
    [InlineData("AB 1306", "AB1306")]
    [InlineData("H.J.Res. 7", "HJRES7")]
    [InlineData("HB 100", "HB100")]
    [InlineData("SB 0", "SB0")]
    [InlineData("  ab\u00A01306 ", "AB1306")]
    public void Bill_numbers_are_compared_without_case_dots_spaces_or_leading_zeros(string typed, string key) =>
        BillNumbers.Key(typed).Should().Be(key);

    [Fact]
    public void Different_numbers_stay_different() =>
        BillNumbers.Key("HB 100").Should().NotBe(BillNumbers.Key("HB 10"));

    [Theory]
    [InlineData("2025-2026", "2025-2026")]
    [InlineData("2025–2026", "2025-2026")]
    [InlineData(" 2025 - 2026 ", "2025-2026")]
    [InlineData("119th Congress", "119thcongress")]
    [InlineData("119TH  congress", "119thcongress")]
    public void Sessions_are_compared_without_case_spacing_or_the_kind_of_dash(string typed, string key) =>
        BillNumbers.SessionKey(typed).Should().Be(key);

    [Theory]
    [InlineData("H.R. 2", true)]
    [InlineData("SB", false)]
    [InlineData("", false)]
    public void A_number_needs_digits(string typed, bool ok) => BillNumbers.LooksLikeNumber(typed).Should().Be(ok);

    [Fact]
    public void Stating_a_position_again_replaces_the_organizations_position()
    {
        var bill = new Bill();
        var (first, firstIsNew) = bill.State(7);
        first.Stance = BillStance.Support;
        var (second, secondIsNew) = bill.State(7);
        var (coalition, coalitionIsNew) = bill.State(null);
        var (other, otherIsNew) = bill.State(8);

        firstIsNew.Should().BeTrue();
        secondIsNew.Should().BeFalse();
        second.Should().BeSameAs(first);
        coalitionIsNew.Should().BeTrue();
        otherIsNew.Should().BeTrue();
        bill.Positions.Should().HaveCount(3);
        bill.PositionOf(null).Should().BeSameAs(coalition);
        bill.PositionOf(8).Should().BeSameAs(other);
    }

    private static Actor Member(int organizationId) => new()
    {
        UserId = "u" + organizationId, Name = "editor",
        Memberships = new Dictionary<int, MembershipRole> { [organizationId] = MembershipRole.Editor },
    };

    [Fact]
    public void Editors_add_bills_change_their_own_and_speak_only_for_their_organizations()
    {
        var admin = new Actor { UserId = "a", Name = "a", IsAdministrator = true };
        var moderator = new Actor { UserId = "m", Name = "m", IsModerator = true };
        var editor = Member(1);
        var ownBill = new Bill { OwnerOrganizationId = 1 };
        var otherBill = new Bill { OwnerOrganizationId = 2 };
        var adminsBill = new Bill();

        editor.CanAddBills.Should().BeTrue();
        moderator.CanAddBills.Should().BeFalse();
        Actor.Anonymous().CanAddBills.Should().BeFalse();
        editor.CanEdit(ownBill).Should().BeTrue();
        editor.CanEdit(otherBill).Should().BeFalse();
        editor.CanEdit(adminsBill).Should().BeFalse();
        admin.CanEdit(otherBill).Should().BeTrue();
        editor.CanStateBillPositionFor(1).Should().BeTrue();
        editor.CanStateBillPositionFor(2).Should().BeFalse();
        editor.CanStateBillPositionFor(null).Should().BeFalse();
        admin.CanStateBillPositionFor(null).Should().BeTrue();
        admin.CanStateBillPositionFor(2).Should().BeTrue();
    }
}
