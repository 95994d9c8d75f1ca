using Haven.Core.Resources;

namespace Haven.Search.Tests;

/// <summary>What the index keeps for result lists: returned with each hit exactly as it was given.</summary>
public sealed class ListingTests
{
    [Fact]
    public void A_hit_carries_its_listing_as_indexed()
    {
        var full = new ResourceListing("detainer-guide", "Détainer guide — “quoted”", "Ñandú summary 🙂", "es", ResourceType.Toolkit,
            Some.Date(2021, 3, 4), Some.Date(2024, 5, 6), ["Defenders' Office", "Centro Legal"], IsSuperseded: true);
        var bare = new ResourceListing("bare", "Bare", "", "en", ResourceType.PracticeAdvisory, null, null, [], IsSuperseded: false);
        using var index = new TestIndex(
            Some.Resource(1, title: "detainer guide") with { Listing = full },
            Some.Resource(2, title: "detainer bare") with { Listing = bare },
            Some.Resource(3, title: "detainer without"));

        var hits = index.Search("detainer").Hits.ToDictionary(h => h.ResourceId);

        hits[1].Listing.Should().BeEquivalentTo(full);
        hits[2].Listing.Should().BeEquivalentTo(bare);
        hits[3].Listing.Should().BeNull();
    }

    [Fact]
    public void A_summary_too_long_for_one_value_is_cut_and_the_rest_kept()
    {
        var listing = new ResourceListing("long", "Long", new string('x', 40_000), "en", ResourceType.Toolkit, null, null, ["Org"], false);

        var decoded = ListingValue.Decode(ListingValue.Encode(listing))!;

        decoded.Summary.Length.Should().BeLessThan(32_000).And.BeGreaterThan(10_000);
        decoded.Should().BeEquivalentTo(listing, o => o.Excluding(l => l.Summary));
    }
}
