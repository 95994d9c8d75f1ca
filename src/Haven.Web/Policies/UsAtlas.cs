using System.Reflection;

namespace Haven.Web.Policies;

/// <summary>A rectangle of the map plane.</summary>
public readonly record struct MapBounds(double MinX, double MinY, double MaxX, double MaxY)
{
    public double Width => MaxX - MinX;
    public double Height => MaxY - MinY;

    public static MapBounds Of(IEnumerable<MapPoint> points)
    {
        double minX = double.MaxValue, minY = double.MaxValue, maxX = double.MinValue, maxY = double.MinValue;
        foreach (var p in points)
        {
            minX = Math.Min(minX, p.X);
            minY = Math.Min(minY, p.Y);
            maxX = Math.Max(maxX, p.X);
            maxY = Math.Max(maxY, p.Y);
        }
        return new MapBounds(minX, minY, maxX, maxY);
    }
}

/// <summary>A state or county ready to draw: its FIPS code, display name and SVG path data (computed once).</summary>
public sealed record AtlasRegion(string Fips, string Name, string Path, MapBounds Bounds);

/// <summary>The embedded us-atlas data, decoded once per process: the places (for the jurisdictions import) and
/// every region's path, so that drawing a map is string concatenation.</summary>
public sealed class UsAtlas
{
    /// <summary>The frame us-atlas projects into.</summary>
    public const double Width = 975, Height = 610;

    private static readonly Lazy<UsAtlas> Instance = new(() => Load(typeof(UsAtlas).Assembly));

    /// <summary>The atlas of this build, loaded on first use.</summary>
    public static UsAtlas Shared => Instance.Value;

    private UsAtlas(IReadOnlyList<AtlasPlace> places, IReadOnlyList<AtlasRegion> states, IReadOnlyList<AtlasRegion> counties,
        IReadOnlyDictionary<string, AtlasRegion> stateOutlines, string stateBorders)
    {
        Places = places;
        States = states;
        Counties = counties;
        StateOutlines = stateOutlines;
        StateBorders = stateBorders;
        CountiesByState = counties.GroupBy(c => c.Fips[..2]).ToDictionary(g => g.Key, g => (IReadOnlyList<AtlasRegion>)g.ToList());
        PlacesByFips = places.ToDictionary(p => p.Fips);
        StatePlaces = places.Where(p => p.Kind == Haven.Core.Taxonomy.JurisdictionKind.State).OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
    }

    public IReadOnlyList<AtlasPlace> Places { get; }
    public IReadOnlyDictionary<string, AtlasPlace> PlacesByFips { get; }
    /// <summary>The states, by name.</summary>
    public IReadOnlyList<AtlasPlace> StatePlaces { get; }
    /// <summary>States for the state-level map (from the states file, simplified for that scale).</summary>
    public IReadOnlyList<AtlasRegion> States { get; }
    /// <summary>Counties, ordered by FIPS.</summary>
    public IReadOnlyList<AtlasRegion> Counties { get; }
    public IReadOnlyDictionary<string, IReadOnlyList<AtlasRegion>> CountiesByState { get; }
    /// <summary>Each state's outline from the counties file (its lines meet the counties' exactly), for a state's county map.</summary>
    public IReadOnlyDictionary<string, AtlasRegion> StateOutlines { get; }
    /// <summary>Every state border and coast of the counties file, each line once, drawn over the counties.</summary>
    public string StateBorders { get; }

    public static UsAtlas Load(Assembly assembly)
    {
        Topology states, counties;
        using (var stream = Resource(assembly, "states-albers-10m.json")) states = Topology.Parse(stream);
        using (var stream = Resource(assembly, "counties-albers-10m.json")) counties = Topology.Parse(stream);
        return From(states, counties, CensusCounty.Embedded(assembly));
    }

    public static UsAtlas From(Topology states, Topology counties, IReadOnlyList<CensusCounty> census)
    {
        var places = AtlasPlaces.From(states, counties, census);
        var names = places.ToDictionary(p => (p.Kind, p.Fips), p => p.Name);

        AtlasRegion Region(Topology topology, TopoGeometry geometry, Haven.Core.Taxonomy.JurisdictionKind kind)
        {
            var rings = geometry.Polygons.SelectMany(polygon => polygon).Select(topology.Ring).ToList();
            return new AtlasRegion(geometry.Id!, names[(kind, geometry.Id!)], SvgPath.Rings(rings), MapBounds.Of(rings.SelectMany(r => r)));
        }

        var stateRegions = states.Objects["states"].Select(s => Region(states, s, Core.Taxonomy.JurisdictionKind.State))
            .OrderBy(r => r.Fips, StringComparer.Ordinal).ToList();
        var countyRegions = counties.Objects["counties"].Select(c => Region(counties, c, Core.Taxonomy.JurisdictionKind.County))
            .OrderBy(r => r.Fips, StringComparer.Ordinal).ToList();
        var outlines = counties.Objects["states"].ToDictionary(s => s.Id!, s => Region(counties, s, Core.Taxonomy.JurisdictionKind.State));

        // Like topojson.mesh: every arc the states use, once.
        var arcs = new SortedSet<int>();
        foreach (var state in counties.Objects["states"])
            foreach (var reference in state.Polygons.SelectMany(p => p).SelectMany(r => r))
                arcs.Add(reference < 0 ? ~reference : reference);
        var borders = SvgPath.Lines(arcs.Select(a => (IReadOnlyList<MapPoint>)counties.Arcs[a]));

        return new UsAtlas(places, stateRegions, countyRegions, outlines, borders);
    }

    internal static Stream Resource(Assembly assembly, string file) =>
        assembly.GetManifestResourceStream("Haven.Web.Policies.Atlas." + file)
        ?? throw new InvalidOperationException($"The atlas file {file} is missing from the build.");
}
