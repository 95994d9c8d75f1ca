using System.Text.Json;

namespace Haven.Web.Policies;

/// <summary>A point in the topology's (already projected) plane.</summary>
public readonly record struct MapPoint(double X, double Y);

/// <summary>One geometry of a TopoJSON object: its id (a FIPS code in us-atlas), its name, and its polygons as arc
/// references, each polygon a list of rings (the first the outer ring, the rest holes).</summary>
public sealed record TopoGeometry(string? Id, string? Name, IReadOnlyList<IReadOnlyList<IReadOnlyList<int>>> Polygons);

/// <summary>A decoded TopoJSON topology (https://github.com/topojson/topojson-specification): arcs in absolute
/// coordinates (delta encoding and quantization undone) and the polygon geometries of each named object.
/// Only what a choropleth needs: Polygon and MultiPolygon geometries (others are kept with no polygons).</summary>
public sealed class Topology
{
    private Topology(IReadOnlyList<MapPoint[]> arcs, IReadOnlyDictionary<string, IReadOnlyList<TopoGeometry>> objects)
    {
        Arcs = arcs;
        Objects = objects;
    }

    /// <summary>Every arc as absolute points, indexed as in the file.</summary>
    public IReadOnlyList<MapPoint[]> Arcs { get; }

    public IReadOnlyDictionary<string, IReadOnlyList<TopoGeometry>> Objects { get; }

    public static Topology Parse(Stream json)
    {
        using var document = JsonDocument.Parse(json);
        return Parse(document.RootElement);
    }

    public static Topology Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return Parse(document.RootElement);
    }

    private static Topology Parse(JsonElement root)
    {
        if (!root.TryGetProperty("type", out var type) || type.GetString() != "Topology")
            throw new FormatException("Not a TopoJSON topology.");

        // A quantized topology stores each arc's first position as integers and every next one as the difference
        // from the previous; positions become coordinates by x * scale + translate. Without a transform, arcs are
        // plain coordinates.
        double sx = 1, sy = 1, tx = 0, ty = 0;
        var quantized = root.TryGetProperty("transform", out var transform) && transform.ValueKind == JsonValueKind.Object;
        if (quantized)
        {
            var scale = transform.GetProperty("scale");
            var translate = transform.GetProperty("translate");
            sx = scale[0].GetDouble();
            sy = scale[1].GetDouble();
            tx = translate[0].GetDouble();
            ty = translate[1].GetDouble();
        }

        var arcs = new List<MapPoint[]>();
        foreach (var arc in root.GetProperty("arcs").EnumerateArray())
        {
            var points = new MapPoint[arc.GetArrayLength()];
            long x = 0, y = 0;
            var i = 0;
            foreach (var position in arc.EnumerateArray())
            {
                if (quantized)
                {
                    x += position[0].GetInt64();
                    y += position[1].GetInt64();
                    points[i++] = new MapPoint(x * sx + tx, y * sy + ty);
                }
                else
                {
                    points[i++] = new MapPoint(position[0].GetDouble(), position[1].GetDouble());
                }
            }
            arcs.Add(points);
        }

        var objects = new Dictionary<string, IReadOnlyList<TopoGeometry>>();
        foreach (var property in root.GetProperty("objects").EnumerateObject())
        {
            var geometries = new List<TopoGeometry>();
            Collect(property.Value, geometries);
            objects[property.Name] = geometries;
        }
        return new Topology(arcs, objects);
    }

    private static void Collect(JsonElement geometry, List<TopoGeometry> into)
    {
        var type = geometry.GetProperty("type").GetString();
        if (type == "GeometryCollection")
        {
            foreach (var child in geometry.GetProperty("geometries").EnumerateArray()) Collect(child, into);
            return;
        }
        var id = geometry.TryGetProperty("id", out var idElement)
            ? idElement.ValueKind == JsonValueKind.Number ? idElement.GetRawText() : idElement.GetString()
            : null;
        var name = geometry.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object
            && properties.TryGetProperty("name", out var nameElement) ? nameElement.GetString() : null;
        var polygons = type switch
        {
            "Polygon" => [Rings(geometry.GetProperty("arcs"))],
            "MultiPolygon" => geometry.GetProperty("arcs").EnumerateArray().Select(Rings).ToList(),
            _ => new List<IReadOnlyList<IReadOnlyList<int>>>(),
        };
        into.Add(new TopoGeometry(id, name, polygons));
    }

    private static IReadOnlyList<IReadOnlyList<int>> Rings(JsonElement polygon) =>
        polygon.EnumerateArray().Select(ring => (IReadOnlyList<int>)ring.EnumerateArray().Select(a => a.GetInt32()).ToList()).ToList();

    /// <summary>The points of an arc reference: a negative reference ~i is arc i walked backwards.</summary>
    public IEnumerable<MapPoint> ArcPoints(int reference)
    {
        var arc = Arcs[reference < 0 ? ~reference : reference];
        if (reference >= 0)
        {
            foreach (var point in arc) yield return point;
        }
        else
        {
            for (var i = arc.Length - 1; i >= 0; i--) yield return arc[i];
        }
    }

    /// <summary>A ring's points: its arcs joined, each arc after the first without its first point (which is the
    /// previous arc's last). The ring is closed: its last point equals its first.</summary>
    public List<MapPoint> Ring(IReadOnlyList<int> arcReferences)
    {
        var points = new List<MapPoint>();
        foreach (var reference in arcReferences)
        {
            var first = points.Count > 0;
            foreach (var point in ArcPoints(reference))
            {
                if (first) { first = false; continue; }
                points.Add(point);
            }
        }
        return points;
    }
}
