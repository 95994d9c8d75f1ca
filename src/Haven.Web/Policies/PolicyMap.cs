using System.Globalization;
using System.Text;

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
/// <see cref="UsAtlas"/>, so a render only joins strings.</summary>
public sealed class PolicyMap(UsAtlas atlas)
{
    public const int MaxClasses = 7;

    public string Render(MapRequest request)
    {
        var shading = request.Shading;
        if (shading.Classes.Count > MaxClasses)
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
            viewBox = $"0 0 {UsAtlas.Width.ToString(CultureInfo.InvariantCulture)} {UsAtlas.Height.ToString(CultureInfo.InvariantCulture)}";
        }

        var id = request.IdPrefix;
        var hatch = id + "-no-data";
        var sb = new StringBuilder(regions.Sum(r => r.Path.Length + r.Name.Length * 2 + 160) + (borders?.Length ?? 0) + 4096);
        sb.Append(request.StateFips is null ? "<figure class=\"policy-map\">" : "<figure class=\"policy-map policy-map-zoomed\">").Append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"").Append(viewBox)
            .Append("\" role=\"group\" aria-labelledby=\"").Append(id).Append("-title\"><title id=\"").Append(id).Append("-title\">");
        Escape(sb, request.Title);
        sb.Append("</title><defs><pattern id=\"").Append(hatch)
            .Append("\" patternUnits=\"userSpaceOnUse\" width=\"4\" height=\"4\" patternTransform=\"rotate(45)");
        if (hatchScale < 1) sb.Append(" scale(").Append(hatchScale.ToString("0.####", CultureInfo.InvariantCulture)).Append(')');
        sb.Append("\">")
            .Append("<rect class=\"m-hatch-ground\" width=\"4\" height=\"4\"/><line class=\"m-hatch\" x1=\"0\" y1=\"0\" x2=\"0\" y2=\"4\"/></pattern></defs>")
            .Append("<g class=\"m-regions\">");

        var steps = new int[shading.Classes.Count];
        for (var i = 0; i < steps.Length; i++) steps[i] = Step(i, steps.Length);
        var labels = new string[shading.Classes.Count];
        for (var i = 0; i < labels.Length; i++) labels[i] = Escaped(": " + shading.Classes[i]);
        var noData = Escaped(": " + shading.NoDataLabel);
        var href = Escaped(request.PathBase + "/jurisdictions/");
        foreach (var region in regions)
        {
            var cls = shading.ClassByFips.TryGetValue(region.Fips, out var c) && c >= 0 && c < labels.Length ? c : -1;
            var name = Escaped(region.Name);
            var label = cls >= 0 ? labels[cls] : noData;
            sb.Append("<a href=\"").Append(href).Append(region.Fips).Append("\" aria-label=\"").Append(name).Append(label)
                .Append("\"><title>").Append(name).Append(label).Append("</title><path class=\"");
            if (cls >= 0) sb.Append("m-c").Append(steps[cls]); else sb.Append("m-none\" fill=\"url(#").Append(hatch).Append(')');
            sb.Append("\" d=\"").Append(region.Path).Append("\"/></a>");
        }
        sb.Append("</g>");
        if (borders is not null) sb.Append("<path class=\"m-borders\" aria-hidden=\"true\" d=\"").Append(borders).Append("\"/>");
        sb.Append("</svg><figcaption><ul class=\"map-legend\">");
        for (var i = 0; i < labels.Length; i++)
        {
            sb.Append("<li>");
            Swatch(sb, "m-c" + steps[i].ToString(CultureInfo.InvariantCulture), null);
            Escape(sb, shading.Classes[i]);
            sb.Append("</li>");
        }
        sb.Append("<li>");
        Swatch(sb, "m-none", hatch);
        Escape(sb, shading.NoDataLabel);
        sb.Append("</li></ul></figcaption></figure>");
        return sb.ToString();
    }

    /// <summary>The palette step (0 lightest … 6 darkest) of class <paramref name="index"/> of <paramref name="count"/>:
    /// classes are spread over the whole palette, so three classes are light, middle and dark.</summary>
    public static int Step(int index, int count) =>
        count <= 1 ? MaxClasses / 2 : (int)Math.Round(index * (MaxClasses - 1) / (double)(count - 1), MidpointRounding.AwayFromZero);

    private static void Swatch(StringBuilder sb, string cls, string? pattern)
    {
        sb.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"map-swatch\" viewBox=\"0 0 16 16\" aria-hidden=\"true\" focusable=\"false\"><rect class=\"").Append(cls).Append('"');
        if (pattern is not null) sb.Append(" fill=\"url(#").Append(pattern).Append(")\"");
        sb.Append(" width=\"16\" height=\"16\"/></svg>");
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
