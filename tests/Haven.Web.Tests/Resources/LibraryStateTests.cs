using AwesomeAssertions;
using Haven.Core.Search;
using Haven.Web.Pages.Resources;
using Microsoft.AspNetCore.Http;

namespace Haven.Web.Tests.Resources;

public sealed class LibraryStateTests
{
    private static LibraryState Parse(string query) => LibraryState.FromQuery(new QueryCollection(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query)));

    [Fact]
    public void The_query_string_round_trips()
    {
        var state = Parse("?q=ice+detainer&topic=a&topic=b&type=toolkit&sort=newest&page=3");
        state.Query.Should().Be("ice detainer");
        state.Filters[ResourceFacet.Topic].Should().Equal("a", "b");
        state.Sort.Should().Be(ResourceSort.Newest);
        state.Page.Should().Be(3);
        Parse(state.ToQueryString()).Should().BeEquivalentTo(state);
    }

    [Fact]
    public void Toggling_a_facet_value_adds_or_removes_it_and_goes_back_to_page_one()
    {
        var state = Parse("?topic=a&page=4");
        var added = state.Toggle(ResourceFacet.Topic, "b");
        added.Filters[ResourceFacet.Topic].Should().Equal("a", "b");
        added.Page.Should().Be(1);
        added.Toggle(ResourceFacet.Topic, "a").Toggle(ResourceFacet.Topic, "b").HasFilters.Should().BeFalse();
    }

    [Theory]
    [InlineData("", ResourceFacet.Topic, "a")]
    [InlineData("?q=ice+detainer&topic=a&topic=b&sort=newest&page=3", ResourceFacet.Topic, "a")]
    [InlineData("?q=ice+detainer&topic=a&topic=b&sort=oldest", ResourceFacet.Topic, "c")]
    [InlineData("?q=a%26b&type=toolkit&year=2020&page=2", ResourceFacet.Organization, "x y&z")]
    [InlineData("?type=toolkit", ResourceFacet.Type, "toolkit")]
    [InlineData("?year=2020&topic=t", ResourceFacet.Year, "2021")]
    public void A_facet_link_is_the_html_encoded_address_of_the_toggled_state(string query, ResourceFacet facet, string value)
    {
        var state = Parse(query);
        var link = new FacetLinks(state, "/topics/a&b").Toggle(facet, value).Value!;
        System.Net.WebUtility.HtmlDecode(link).Should().Be("/topics/a&b" + state.Toggle(facet, value).ToQueryString());
        link.Should().NotContain("&b").And.NotContain("\"").And.NotContain("<");
    }

    [Theory]
    [InlineData("?page=-3", 1)]
    [InlineData("?page=0", 1)]
    [InlineData("?page=x", 1)]
    [InlineData("?page=99999999999999", 1)]
    [InlineData("?page=100000", LibraryState.MaxPage)]
    public void Odd_page_numbers_become_sensible_ones(string query, int page) => Parse(query).Page.Should().Be(page);

    [Fact]
    public void Defaults_are_left_out_of_urls()
    {
        new LibraryState().ToQueryString().Should().BeEmpty();
        Parse("?q=&sort=relevance&page=1").ToQueryString().Should().BeEmpty();
    }

    [Fact]
    public void Facet_values_are_bounded_in_number_and_length()
    {
        var many = string.Join('&', Enumerable.Range(0, 100).Select(i => $"topic=t{i}"));
        Parse("?" + many).Filters[ResourceFacet.Topic].Should().HaveCount(20);
        Parse("?topic=" + new string('x', 500)).HasFilters.Should().BeFalse();
    }

    [Fact]
    public void Values_that_need_escaping_are_escaped()
    {
        var state = new LibraryState { Query = "a&b=c \"d\"" };
        state.ToQueryString().Should().Be("?q=a%26b%3Dc%20%22d%22");
        Parse(state.ToQueryString()).Query.Should().Be("a&b=c \"d\"");
    }
}
