using System.Xml.Linq;
using AwesomeAssertions;
using Haven.Web.Policies;

namespace Haven.Web.Tests.Policies;

/// <summary>The SVG map as readers and screen readers get it.</summary>
public sealed class PolicyMapTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private static readonly PolicyMap Map = new(UsAtlas.Shared);
    private static readonly string[] Classes = ["Declines", "Judicial warrant only", "Honors all"];

    private static MapShading Shading(Dictionary<string, int> byFips) => new(Classes, byFips, "No data");

    [Fact]
    public void The_county_map_links_every_county_once_with_its_name_and_position()
    {
        var shading = Shading(new() { ["17031"] = 0, ["48201"] = 2 });
        var html = Map.Render(new MapRequest(MapLevel.Counties, shading, "ICE detainers by county") { PathBase = "/es" });

        var figure = XElement.Parse(html);   // well-formed XML, or this throws
        var svg = figure.Element(Svg + "svg")!;
        svg.Attribute("viewBox")!.Value.Should().Be("0 0 975 610");
        svg.Element(Svg + "title")!.Value.Should().Be("ICE detainers by county");
        var links = svg.Descendants(Svg + "a").ToList();
        links.Should().HaveCount(3142);
        links.Select(a => a.Attribute("href")!.Value).Should().OnlyHaveUniqueItems()
            .And.BeEquivalentTo(UsAtlas.Shared.Counties.Select(c => $"/es/jurisdictions/{c.Fips}"));
        links.Should().AllSatisfy(a =>
        {
            a.Element(Svg + "title")!.Value.Should().Be(a.Attribute("aria-label")!.Value);
            a.Element(Svg + "path")!.Attribute("d")!.Value.Should().MatchRegex(@"^(M[-0-9.]+,[-0-9.]+(l[-0-9., ]+)?z)+$");
        });

        var cook = links.Single(a => a.Attribute("href")!.Value.EndsWith("/17031", StringComparison.Ordinal));
        cook.Attribute("aria-label")!.Value.Should().Be("Cook County, Illinois: Declines");
        cook.Element(Svg + "path")!.Attribute("class")!.Value.Should().Be("m-c0");
        var harris = links.Single(a => a.Attribute("href")!.Value.EndsWith("/48201", StringComparison.Ordinal));
        harris.Element(Svg + "title")!.Value.Should().Be("Harris County, Texas: Honors all");
        harris.Element(Svg + "path")!.Attribute("class")!.Value.Should().Be("m-c6", "three classes are spread over the palette's seven steps");
        var other = links.Single(a => a.Attribute("href")!.Value.EndsWith("/06037", StringComparison.Ordinal));
        other.Attribute("aria-label")!.Value.Should().Be("Los Angeles County, California: No data");
        other.Element(Svg + "path")!.Attribute("class")!.Value.Should().Be("m-none");
        other.Element(Svg + "path")!.Attribute("fill")!.Value.Should().Be("url(#policy-map-no-data)");
        svg.Descendants(Svg + "pattern").Single().Attribute("id")!.Value.Should().Be("policy-map-no-data");

        // State borders come after (so over) the counties, and are hidden from screen readers.
        var borders = svg.Elements(Svg + "path").Single();
        borders.Attribute("class")!.Value.Should().Be("m-borders");
        borders.Attribute("aria-hidden")!.Value.Should().Be("true");
        svg.Elements().Last().Should().BeSameAs(borders);
    }

    [Fact]
    public void The_legend_lists_every_class_then_no_data_with_its_swatch()
    {
        var figure = XElement.Parse(Map.Render(new MapRequest(MapLevel.States, Shading([]), "ICE detainers by state")));
        var items = figure.Element("figcaption")!.Element("ul")!.Elements("li").ToList();
        items.Select(li => li.Value).Should().Equal("Declines", "Judicial warrant only", "Honors all", "No data");
        items.Select(li => li.Element(Svg + "svg")!.Element(Svg + "rect")!.Attribute("class")!.Value)
            .Should().Equal("m-c0", "m-c3", "m-c6", "m-none");
        items.Should().AllSatisfy(li => li.Element(Svg + "svg")!.Attribute("aria-hidden")!.Value.Should().Be("true"));
        figure.Descendants(Svg + "a").Should().HaveCount(51);
        figure.Element(Svg + "svg")!.Elements(Svg + "path").Should().BeEmpty("states need no borders drawn over them");
    }

    [Fact]
    public void One_states_counties_are_drawn_alone_zoomed_to_it_with_its_outline()
    {
        var figure = XElement.Parse(Map.Render(new MapRequest(MapLevel.Counties, Shading([]), "Illinois") { StateFips = "17" }));
        var svg = figure.Element(Svg + "svg")!;
        var links = svg.Descendants(Svg + "a").Select(a => a.Attribute("href")!.Value).ToList();
        links.Should().HaveCount(102).And.AllSatisfy(href => href.Should().StartWith("/jurisdictions/17"));
        var box = svg.Attribute("viewBox")!.Value.Split(' ').Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var bounds = UsAtlas.Shared.StateOutlines["17"].Bounds;
        box[0].Should().BeLessThan(bounds.MinX);
        (box[0] + box[2]).Should().BeGreaterThan(bounds.MaxX);
        box[2].Should().BeLessThan(100, "zoomed in on one state");
        svg.Elements(Svg + "path").Single().Attribute("d")!.Value.Should().Be(UsAtlas.Shared.StateOutlines["17"].Path);
    }

    [Fact]
    public void Names_and_labels_are_escaped()
    {
        var shading = new MapShading(["<b>\"Yes\" & 'no'</b>"], new Dictionary<string, int> { ["19141"] = 0 }, "None");
        var html = Map.Render(new MapRequest(MapLevel.Counties, shading, "A & B") { StateFips = "19" });
        var figure = XElement.Parse(html);
        figure.Descendants(Svg + "a").Single(a => a.Attribute("href")!.Value == "/jurisdictions/19141")
            .Element(Svg + "title")!.Value.Should().Be("O'Brien County, Iowa: <b>\"Yes\" & 'no'</b>");
        html.Should().NotContain("<b>");
    }

    [Theory]
    [InlineData(1, new[] { 3 })]
    [InlineData(2, new[] { 0, 6 })]
    [InlineData(4, new[] { 0, 2, 4, 6 })]
    [InlineData(7, new[] { 0, 1, 2, 3, 4, 5, 6 })]
    public void Classes_are_spread_over_the_palette(int count, int[] steps) =>
        Enumerable.Range(0, count).Select(i => PolicyMap.Step(i, count)).Should().Equal(steps);

    [Fact]
    public void More_classes_than_the_palette_has_are_refused()
    {
        var shading = new MapShading(Enumerable.Range(0, PolicyMap.MaxClasses + 1).Select(i => $"c{i}").ToList(), new Dictionary<string, int>(), "None");
        var render = () => Map.Render(new MapRequest(MapLevel.States, shading, "Too many"));
        render.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void A_drawing_written_to_a_page_is_the_rendered_map_and_is_checked_before_it_is_written()
    {
        var shading = Shading(new() { ["17031"] = 0, ["48201"] = 2, ["06037"] = 9 });
        foreach (var request in new[]
        {
            new MapRequest(MapLevel.Counties, shading, "Counties & more") { PathBase = "/es", IdPrefix = "other" },
            new MapRequest(MapLevel.Counties, shading, "Texas") { StateFips = "48" },
            new MapRequest(MapLevel.States, shading, "States"),
        })
        {
            using var page = new StringWriter();
            Map.Draw(request).WriteTo(page, System.Text.Encodings.Web.HtmlEncoder.Default);
            page.ToString().Should().Be(Map.Render(request));
        }

        var unknown = () => Map.Draw(new MapRequest(MapLevel.Counties, shading, "Nowhere") { StateFips = "99" });
        unknown.Should().Throw<ArgumentException>("before the response has started");
    }
}
