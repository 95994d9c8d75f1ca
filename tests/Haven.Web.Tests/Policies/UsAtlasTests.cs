using AwesomeAssertions;
using Haven.Core.Taxonomy;
using Haven.Web.Policies;

namespace Haven.Web.Tests.Policies;

/// <summary>The embedded atlas: every state and county, named and coded from its data.</summary>
public sealed class UsAtlasTests
{
    private static readonly UsAtlas Atlas = UsAtlas.Shared;

    [Fact]
    public void It_holds_the_fifty_states_DC_and_every_county()
    {
        var states = Atlas.Places.Where(p => p.Kind == JurisdictionKind.State).ToList();
        var counties = Atlas.Places.Where(p => p.Kind == JurisdictionKind.County).ToList();
        states.Should().HaveCount(51);
        counties.Should().HaveCount(3142);
        states.Select(s => s.StateCode).Should().OnlyHaveUniqueItems().And.AllSatisfy(c => c.Should().MatchRegex("^[A-Z]{2}$"));
        states.Should().ContainSingle(s => s.Fips == "11" && s.StateCode == "DC" && s.Name == "District of Columbia");
        Atlas.Places.Select(p => p.Fips).Should().OnlyHaveUniqueItems();
        Atlas.Places.Select(p => p.Slug).Should().OnlyHaveUniqueItems();
        counties.Should().AllSatisfy(c => c.Fips.Should().MatchRegex("^[0-9]{5}$"));
        counties.Should().AllSatisfy(c => c.StateCode.Should().Be(states.Single(s => s.Fips == c.Fips[..2]).StateCode));
    }

    [Theory]
    [InlineData("17", "illinois", "Illinois", "IL")]
    [InlineData("17031", "cook-county-il", "Cook County, Illinois", "IL")]
    [InlineData("22071", "orleans-parish-la", "Orleans Parish, Louisiana", "LA")]
    [InlineData("51760", "richmond-city-va", "Richmond city, Virginia", "VA")]
    [InlineData("51159", "richmond-county-va", "Richmond County, Virginia", "VA")]
    [InlineData("35013", "dona-ana-county-nm", "Doña Ana County, New Mexico", "NM")]
    [InlineData("02020", "anchorage-municipality-ak", "Anchorage Municipality, Alaska", "AK")]
    [InlineData("11001", "district-of-columbia-dc", "District of Columbia", "DC")]
    public void Places_are_named_from_the_data(string fips, string slug, string name, string stateCode)
    {
        var place = Atlas.Places.Single(p => p.Fips == fips);
        (place.Slug, place.Name, place.StateCode).Should().Be((slug, name, stateCode));
    }

    [Fact]
    public void Every_region_has_a_path_within_the_frame()
    {
        Atlas.States.Should().HaveCount(51);
        Atlas.Counties.Should().HaveCount(3142);
        Atlas.Counties.Concat(Atlas.States).Should().AllSatisfy(r =>
        {
            r.Path.Should().StartWith("M").And.EndWith("z");
            r.Bounds.MinX.Should().BeGreaterThanOrEqualTo(-60);
            r.Bounds.MaxX.Should().BeLessThanOrEqualTo(UsAtlas.Width);
            r.Bounds.MinY.Should().BeGreaterThanOrEqualTo(0);
            r.Bounds.MaxY.Should().BeLessThanOrEqualTo(UsAtlas.Height);
        });
        Atlas.CountiesByState["48"].Should().HaveCount(254);
        Atlas.StateBorders.Should().StartWith("M");
    }
}
