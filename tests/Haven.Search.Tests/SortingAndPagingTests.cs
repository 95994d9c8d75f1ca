namespace Haven.Search.Tests;

public sealed class SortingAndPagingTests
{
    private static TestIndex Dated() => new(
        Some.Resource(1, body: "bond", date: Some.Date(2020, 5, 1)),
        Some.Resource(2, body: "bond", date: Some.Date(2023, 1, 9)),
        Some.Resource(3, body: "bond"),
        Some.Resource(4, body: "bond", date: Some.Date(2018, 3, 3)),
        Some.Resource(5, body: "bond", date: Some.Date(2020, 5, 1)));

    [Fact]
    public void Newest_sorts_by_date_descending_with_undated_last_and_ties_by_higher_id()
    {
        using var index = Dated();

        index.Ids("bond", ResourceSort.Newest).Should().Equal(2, 5, 1, 4, 3);
        index.Ids(null, ResourceSort.Newest).Should().Equal(2, 5, 1, 4, 3);
    }

    [Fact]
    public void Oldest_sorts_by_date_ascending_with_undated_last()
    {
        using var index = Dated();

        index.Ids("bond", ResourceSort.Oldest).Should().Equal(4, 5, 1, 2, 3);
    }

    [Fact]
    public void Relevance_without_text_is_newest_first()
    {
        using var index = Dated();

        index.Ids(null).Should().Equal(2, 5, 1, 4, 3);
    }

    [Fact]
    public void Relevance_orders_by_score_then_newest()
    {
        using var index = new TestIndex(
            Some.Resource(1, body: "asylum", date: Some.Date(2024)),
            Some.Resource(2, title: "Asylum", body: "asylum asylum", date: Some.Date(2010)),
            Some.Resource(3, body: "asylum", date: Some.Date(2022)));

        var result = index.Search("asylum");

        result.Hits.Select(h => h.ResourceId).Should().Equal(2, 1, 3);
        result.Hits[0].Score.Should().BeGreaterThan(result.Hits[1].Score);
        result.Hits[1].Score.Should().Be(result.Hits[2].Score);
    }

    [Fact]
    public void Pages_split_the_ordered_results()
    {
        using var index = new TestIndex(Enumerable.Range(1, 25)
            .Select(i => Some.Resource(i, body: "bond", date: Some.Date(2000 + i))).ToArray());

        var first = index.Search("bond", ResourceSort.Oldest, page: 1, pageSize: 10);
        var third = index.Search("bond", ResourceSort.Oldest, page: 3, pageSize: 10);

        first.Hits.Select(h => h.ResourceId).Should().Equal(Enumerable.Range(1, 10));
        third.Hits.Select(h => h.ResourceId).Should().Equal(21, 22, 23, 24, 25);
        first.Total.Should().Be(25);
        third.Total.Should().Be(25);
    }

    [Fact]
    public void A_page_past_the_end_is_empty_but_keeps_total_and_facets()
    {
        using var index = new TestIndex(Enumerable.Range(1, 5)
            .Select(i => Some.Resource(i, body: "bond").With(ResourceFacet.Type, "toolkit")).ToArray());

        foreach (var page in new[] { 2, 1_000, int.MaxValue })
        {
            var result = index.Search("bond", page: page, pageSize: 20);

            result.Hits.Should().BeEmpty();
            result.Total.Should().Be(5);
            result.Facets[ResourceFacet.Type].Should().Equal(new FacetCount("toolkit", 5, false));
        }
    }

    [Fact]
    public void Page_below_one_is_the_first_page_and_page_size_is_clamped()
    {
        using var index = new TestIndex(Enumerable.Range(1, 120).Select(i => Some.Resource(i, body: "bond")).ToArray());

        index.Search("bond", page: 0, pageSize: 5).Hits.Should().HaveCount(5);
        index.Search("bond", page: -7, pageSize: 5).Hits.Select(h => h.ResourceId)
            .Should().Equal(index.Search("bond", page: 1, pageSize: 5).Hits.Select(h => h.ResourceId));
        index.Search("bond", pageSize: 0).Hits.Should().HaveCount(1);
        index.Search("bond", pageSize: -3).Hits.Should().HaveCount(1);
        index.Search("bond", pageSize: 10_000).Hits.Should().HaveCount(ResourceQuery.MaxPageSize);
    }
}
