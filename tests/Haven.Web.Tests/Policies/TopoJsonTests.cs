using System.Text;
using AwesomeAssertions;
using Haven.Web.Policies;

namespace Haven.Web.Tests.Policies;

/// <summary>TopoJSON decoding and SVG path text, on topologies small enough to work out by hand.</summary>
public sealed class TopoJsonTests
{
    // Two unit squares side by side, A = (100,200)-(101,201) and B = (101,200)-(102,201), sharing arc 0 (x = 101,
    // upwards). Quantized: an arc's first position is absolute, each next one the difference from the one before;
    // a coordinate is q * scale + translate, here x = qx * 0.5 + 100 and y = qy * 0.25 + 200.
    private const string Squares = """
        {
          "type": "Topology",
          "transform": { "scale": [0.5, 0.25], "translate": [100, 200] },
          "objects": {
            "squares": {
              "type": "GeometryCollection",
              "geometries": [
                { "type": "Polygon", "id": "01", "properties": { "name": "A" }, "arcs": [[0, 1]] },
                { "type": "MultiPolygon", "id": "02", "properties": { "name": "B" }, "arcs": [[[-1, 2]]] },
                { "type": "Point", "id": "03", "coordinates": [0, 0] }
              ]
            }
          },
          "arcs": [
            [[2, 0], [0, 4]],
            [[2, 4], [-2, 0], [0, -4], [2, 0]],
            [[2, 0], [2, 0], [0, 4], [-2, 0]]
          ]
        }
        """;

    [Fact]
    public void Quantized_arcs_are_delta_decoded_then_scaled_and_translated()
    {
        var topology = Topology.Parse(Squares);
        topology.Arcs.Should().HaveCount(3);
        topology.Arcs[0].Should().Equal(new MapPoint(101, 200), new MapPoint(101, 201));
        topology.Arcs[1].Should().Equal(new MapPoint(101, 201), new MapPoint(100, 201), new MapPoint(100, 200), new MapPoint(101, 200));
        topology.Arcs[2].Should().Equal(new MapPoint(101, 200), new MapPoint(102, 200), new MapPoint(102, 201), new MapPoint(101, 201));
    }

    [Fact]
    public void Rings_join_their_arcs_and_a_negative_reference_walks_an_arc_backwards()
    {
        var topology = Topology.Parse(Squares);
        var geometries = topology.Objects["squares"];
        geometries.Select(g => (g.Id, g.Name)).Should().Equal(("01", "A"), ("02", "B"), ("03", null));

        var a = topology.Ring(geometries[0].Polygons.Single().Single());
        a.Should().Equal(new MapPoint(101, 200), new MapPoint(101, 201), new MapPoint(100, 201), new MapPoint(100, 200), new MapPoint(101, 200));

        // ~0 = -1: arc 0 reversed, from (101,201) down to (101,200), then arc 2 round B.
        var b = topology.Ring(geometries[1].Polygons.Single().Single());
        b.Should().Equal(new MapPoint(101, 201), new MapPoint(101, 200), new MapPoint(102, 200), new MapPoint(102, 201), new MapPoint(101, 201));

        geometries[2].Polygons.Should().BeEmpty("a point is no region");
    }

    [Fact]
    public void A_topology_without_a_transform_holds_plain_coordinates_and_keeps_holes()
    {
        var topology = Topology.Parse("""
            {"type":"Topology","objects":{"o":{"type":"Polygon","id":7,"arcs":[[0],[1]]}},
             "arcs":[[[0,0],[10,0],[10,10],[0,0]],[[2.25,1],[3,1],[3,2],[2.25,1]]]}
            """);
        var geometry = topology.Objects["o"].Single();
        geometry.Id.Should().Be("7");
        geometry.Polygons.Single().Should().HaveCount(2, "the outer ring and one hole");
        topology.Ring(geometry.Polygons[0][1]).Should().StartWith(new MapPoint(2.25, 1));
    }

    [Fact]
    public void Something_other_than_a_topology_is_refused()
    {
        var parse = () => Topology.Parse("""{"type":"FeatureCollection","features":[]}""");
        parse.Should().Throw<FormatException>();
    }

    [Fact]
    public void Paths_round_each_point_to_a_tenth_and_move_by_the_rounded_differences()
    {
        MapPoint[] ring = [new(10.04, 20.06), new(10.16, 20.06), new(10.16, 20.06), new(10.06, 19.94), new(10.04, 20.06)];
        // (100,201) → (102,201): l2 tenths; the repeat is dropped; → (101,199): -0.1,-0.2; the closing point is "z".
        SvgPath.Rings([ring]).Should().Be("M10,20.1l0.2,0 -0.1,-0.2z");
        SvgPath.Lines([[new(0, 0), new(1.25, -3)]]).Should().Be("M0,0l1.3,-3");
    }

    [Theory]
    [InlineData(0, "0")]
    [InlineData(5, "0.5")]
    [InlineData(-5, "-0.5")]
    [InlineData(120, "12")]
    [InlineData(-1234, "-123.4")]
    public void Tenths_are_written_as_decimals(long tenths, string text)
    {
        var sb = new StringBuilder();
        SvgPath.AppendTenths(sb, tenths);
        sb.ToString().Should().Be(text);
    }

    [Theory]
    [InlineData("Cook", "Cook County", "County")]
    [InlineData("LaSalle", "La Salle Parish", "Parish")]
    [InlineData("Doña Ana", "Dona Ana County", "County")]
    [InlineData("Richmond", "Richmond city", "city")]
    [InlineData("Carson City", "Carson City", "")]
    [InlineData("Kusilvak", "Wade Hampton Census Area", "")]
    public void A_county_kind_is_what_the_census_name_adds_to_the_atlas_name(string atlas, string census, string kind) =>
        AtlasPlaces.KindOf(atlas, census).Should().Be(kind);
}
