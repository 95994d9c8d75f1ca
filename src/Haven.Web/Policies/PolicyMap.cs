using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace Haven.Web.Policies;

public enum MapLevel
{
    States,
    Counties,
}

/// <summary>What a map shows: the legend's classes (at most <see cref="PolicyMap.MaxClasses"/>, in legend order,
/// already in the reader's language), each region's class by FIPS code, and the label of regions with no class.</summary>
public sealed record MapShading(IReadOnlyList<string> Classes, IReadOnlyDictionary<string, int> ClassByFips, string NoDataLabel);

/// <summary>A map request: the level, the shading, the map's accessible name, and optionally one state (by FIPS)
/// whose counties are drawn alone, zoomed to it.</summary>
public sealed record MapRequest(MapLevel Level, MapShading Shading, string Title)
{
    public string? StateFips { get; init; }
    /// <summary>Prefix of the links to jurisdiction pages (the request's PathBase, "/es" in Spanish).</summary>
    public string PathBase { get; init; } = "";
    /// <summary>Prefix of the ids in the drawing, for more than one map on a page.</summary>
    public string IdPrefix { get; init; } = "policy-map";
}

/// <summary>A choropleth of states or counties as accessible SVG, usable without JavaScript: each region is a link
/// to its jurisdiction page (<c>/jurisdictions/{fips}</c>) named by its title and aria-label ("name: position"),
/// reached with the Tab key; state borders are drawn over counties; colours come from classes (<c>m-c0</c>…
/// <c>m-c6</c>, a colour-blind-safe sequential palette in the stylesheet, the legend's classes spread over it) and regions without data are hatched
/// (<c>m-none</c>). The legend follows the drawing as an HTML list. Region paths are computed once by
/// <see cref="UsAtlas"/>, and each region's markup that never changes (its escaped name, its path element's tail)
/// once per renderer, so drawing a map writes a few cached strings per region straight to the page's writer
/// (<see cref="Draw"/>): no megabyte-sized string or builder is made for the county map, which kept the garbage
/// collector busy.</summary>
public sealed class PolicyMap
{
    public const int MaxClasses = 7;

    private readonly UsAtlas atlas;
    private readonly Dictionary<AtlasRegion, RegionMarkup> markup;
    private readonly string wholeCountryViewBox =
        $"0 0 {UsAtlas.Width.ToString(CultureInfo.InvariantCulture)} {UsAtlas.Height.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>A region's markup that is the same on every map: its FIPS code, escaped name and
    /// <c>" d="…"/&gt;&lt;/a&gt;</c> (the path data and the end of the link).</summary>
    private sealed record RegionMarkup(string Fips, string Name, string Tail);

    public PolicyMap(UsAtlas atlas)
    {
        this.atlas = atlas;
        markup = new Dictionary<AtlasRegion, RegionMarkup>(ReferenceEqualityComparer.Instance);
        foreach (var region in atlas.States.Concat(atlas.Counties))
            markup[region] = new RegionMarkup(region.Fips, Escaped(region.Name), "\" d=\"" + region.Path + "\"/></a>");
    }

    /// <summary>The map as one string (tests, tools); pages use <see cref="Draw"/>, which writes it without one.</summary>
    public string Render(MapRequest request)
    {
        var drawing = Draw(request);
        using var writer = new StringWriter(new StringBuilder(drawing.EstimatedLength), CultureInfo.InvariantCulture);
        drawing.WriteTo(writer);
        return writer.ToString();
    }

    /// <summary>The map for a page: checked now (an unknown state or too many classes throws here, before the
    /// response starts), written when the page writes it (<c>@Model.Map</c>).</summary>
    public MapDrawing Draw(MapRequest request)
    {
        if (request.Shading.Classes.Count > MaxClasses)
            throw new ArgumentException($"A map shows at most {MaxClasses} classes.", nameof(request));

        IReadOnlyList<AtlasRegion> regions;
        string? borders;
        string viewBox;
        var hatchScale = 1.0;
        if (request.StateFips is { } state)
        {
            if (!atlas.StateOutlines.TryGetValue(state, out var outline))
                throw new ArgumentException($"No state {state} in the atlas.", nameof(request));
            if (request.Level == MapLevel.Counties)
            {
                regions = atlas.CountiesByState.GetValueOrDefault(state) ?? [];
                borders = outline.Path;
            }
            else
            {
                regions = [atlas.States.First(s => s.Fips == state)];
                borders = null;
            }
            viewBox = ViewBox(outline.Bounds);
            // The hatching is in the drawing's units: a zoomed map scales it down to look as it does on the whole country.
            hatchScale = Math.Max(outline.Bounds.Width, outline.Bounds.Height) * 1.06 / UsAtlas.Width;
        }
        else
        {
            regions = request.Level == MapLevel.Counties ? atlas.Counties : atlas.States;
            borders = request.Level == MapLevel.Counties ? atlas.StateBorders : null;
            viewBox = wholeCountryViewBox;
        }
        return new MapDrawing(this, request, regions, borders, viewBox, hatchScale);
    }

    /// <summary>One map, ready to write: an <see cref="IHtmlContent"/>, so Razor hands it the response's writer.</summary>
    public sealed class MapDrawing : IHtmlContent
    {
        private readonly PolicyMap map;
        private readonly MapRequest request;
        private readonly IReadOnlyList<AtlasRegion> regions;
        private readonly string? borders;
        private readonly string viewBox;
        private readonly double hatchScale;

        internal MapDrawing(PolicyMap map, MapRequest request, IReadOnlyList<AtlasRegion> regions, string? borders, string viewBox, double hatchScale)
        {
            this.map = map;
            this.request = request;
            this.regions = regions;
            this.borders = borders;
            this.viewBox = viewBox;
            this.hatchScale = hatchScale;
        }

        /// <summary>About how many characters the map is (a little more).</summary>
        public int EstimatedLength
        {
            get
            {
                var length = (borders?.Length ?? 0) + 4096;
                foreach (var region in regions) length += region.Path.Length + region.Name.Length * 2 + 160;
                return length;
            }
        }

        public void WriteTo(TextWriter writer, HtmlEncoder encoder) => WriteTo(writer);

        public void WriteTo(TextWriter writer)
        {
            var shading = request.Shading;
            var id = request.IdPrefix;
            var hatch = id + "-no-data";
            writer.Write(request.StateFips is null ? "<figure class=\"policy-map\">" : "<figure class=\"policy-map policy-map-zoomed\">");
            writer.Write("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"");
            writer.Write(viewBox);
            writer.Write("\" role=\"group\" aria-labelledby=\"");
            writer.Write(id);
            writer.Write("-title\"><title id=\"");
            writer.Write(id);
            writer.Write("-title\">");
            writer.Write(Escaped(request.Title));
            writer.Write("</title><defs><pattern id=\"");
            writer.Write(hatch);
            writer.Write("\" patternUnits=\"userSpaceOnUse\" width=\"4\" height=\"4\" patternTransform=\"rotate(45)");
            if (hatchScale < 1)
            {
                writer.Write(" scale(");
                writer.Write(hatchScale.ToString("0.####", CultureInfo.InvariantCulture));
                writer.Write(')');
            }
            writer.Write("\"><rect class=\"m-hatch-ground\" width=\"4\" height=\"4\"/><line class=\"m-hatch\" x1=\"0\" y1=\"0\" x2=\"0\" y2=\"4\"/></pattern></defs>");
            writer.Write("<g class=\"m-regions\">");

            // Per class, the parts that follow a region's name: its label, then again in the title, then its colour.
            var classCount = shading.Classes.Count;
            var steps = new int[classCount];
            for (var i = 0; i < classCount; i++) steps[i] = Step(i, classCount);
            var labels = new string[classCount];
            var fills = new string[classCount];
            for (var i = 0; i < classCount; i++)
            {
                labels[i] = Escaped(": " + shading.Classes[i]);
                fills[i] = "m-c" + steps[i].ToString(CultureInfo.InvariantCulture);
            }
            var noData = Escaped(": " + shading.NoDataLabel);
            var noDataFill = "m-none\" fill=\"url(#" + hatch + ")";
            var linkStart = "<a href=\"" + Escaped(request.PathBase + "/jurisdictions/");
            foreach (var region in regions)
            {
                var known = map.markup[region];
                var cls = shading.ClassByFips.TryGetValue(region.Fips, out var c) && c >= 0 && c < classCount ? c : -1;
                var label = cls >= 0 ? labels[cls] : noData;
                writer.Write(linkStart);
                writer.Write(known.Fips);
                writer.Write("\" aria-label=\"");
                writer.Write(known.Name);
                writer.Write(label);
                writer.Write("\"><title>");
                writer.Write(known.Name);
                writer.Write(label);
                writer.Write("</title><path class=\"");
                writer.Write(cls >= 0 ? fills[cls] : noDataFill);
                writer.Write(known.Tail);
            }
            writer.Write("</g>");
            if (borders is not null)
            {
                writer.Write("<path class=\"m-borders\" aria-hidden=\"true\" d=\"");
                writer.Write(borders);
                writer.Write("\"/>");
            }
            writer.Write("</svg><figcaption><ul class=\"map-legend\">");
            for (var i = 0; i < classCount; i++)
            {
                writer.Write("<li>");
                Swatch(writer, fills[i], null);
                writer.Write(Escaped(shading.Classes[i]));
                writer.Write("</li>");
            }
            writer.Write("<li>");
            Swatch(writer, "m-none", hatch);
            writer.Write(Escaped(shading.NoDataLabel));
            writer.Write("</li></ul></figcaption></figure>");
        }
    }

    /// <summary>The palette step (0 lightest … 6 darkest) of class <paramref name="index"/> of <paramref name="count"/>:
    /// classes are spread over the whole palette, so three classes are light, middle and dark.</summary>
    public static int Step(int index, int count) =>
        count <= 1 ? MaxClasses / 2 : (int)Math.Round(index * (MaxClasses - 1) / (double)(count - 1), MidpointRounding.AwayFromZero);

    private static void Swatch(TextWriter writer, string cls, string? pattern)
    {
        writer.Write("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"map-swatch\" viewBox=\"0 0 16 16\" aria-hidden=\"true\" focusable=\"false\"><rect class=\"");
        writer.Write(cls);
        writer.Write('"');
        if (pattern is not null)
        {
            writer.Write(" fill=\"url(#");
            writer.Write(pattern);
            writer.Write(")\"");
        }
        writer.Write(" width=\"16\" height=\"16\"/></svg>");
    }

    /// <summary>The bounds with a margin of 3% of their larger side, in tenths.</summary>
    private static string ViewBox(MapBounds b)
    {
        var margin = Math.Max(b.Width, b.Height) * 0.03;
        var sb = new StringBuilder();
        SvgPath.AppendTenths(sb, SvgPath.Tenths(b.MinX - margin));
        sb.Append(' ');
        SvgPath.AppendTenths(sb, SvgPath.Tenths(b.MinY - margin));
        sb.Append(' ');
        SvgPath.AppendTenths(sb, SvgPath.Tenths(b.Width + 2 * margin));
        sb.Append(' ');
        SvgPath.AppendTenths(sb, SvgPath.Tenths(b.Height + 2 * margin));
        return sb.ToString();
    }

    private static string Escaped(string text)
    {
        if (text.AsSpan().IndexOfAny("&<>\"'") < 0) return text;
        var sb = new StringBuilder(text.Length + 8);
        Escape(sb, text);
        return sb.ToString();
    }

    /// <summary>Text for both element content and double-quoted attributes.</summary>
    private static void Escape(StringBuilder sb, string text)
    {
        foreach (var ch in text)
        {
            switch (ch)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&#39;"); break;
                default: sb.Append(ch); break;
            }
        }
    }
}
