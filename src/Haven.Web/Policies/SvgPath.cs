using System.Text;

namespace Haven.Web.Policies;

/// <summary>SVG path data from map points, coordinates rounded to a tenth. Each point is rounded on its own and
/// the path then moves by the differences of the rounded values (relative commands), so rounding never accumulates
/// and the text stays short; repeated points (after rounding) are dropped.</summary>
public static class SvgPath
{
    /// <summary>Closed rings ("M x,y l dx,dy … z" per ring).</summary>
    public static string Rings(IEnumerable<IReadOnlyList<MapPoint>> rings)
    {
        var sb = new StringBuilder();
        foreach (var ring in rings) Append(sb, ring, close: true);
        return sb.ToString();
    }

    /// <summary>Open lines ("M x,y l dx,dy …" per line).</summary>
    public static string Lines(IEnumerable<IReadOnlyList<MapPoint>> lines)
    {
        var sb = new StringBuilder();
        foreach (var line in lines) Append(sb, line, close: false);
        return sb.ToString();
    }

    private static void Append(StringBuilder sb, IReadOnlyList<MapPoint> points, bool close)
    {
        if (points.Count == 0) return;
        var count = points.Count;
        // A closed ring repeats its first point at the end; "z" draws that side.
        if (close && count > 1 && Tenths(points[0].X) == Tenths(points[^1].X) && Tenths(points[0].Y) == Tenths(points[^1].Y)) count--;
        var x = Tenths(points[0].X);
        var y = Tenths(points[0].Y);
        sb.Append('M');
        AppendTenths(sb, x);
        sb.Append(',');
        AppendTenths(sb, y);
        var first = true;
        for (var i = 1; i < count; i++)
        {
            var nx = Tenths(points[i].X);
            var ny = Tenths(points[i].Y);
            if (nx == x && ny == y) continue;
            sb.Append(first ? 'l' : ' ');
            first = false;
            AppendTenths(sb, nx - x);
            sb.Append(',');
            AppendTenths(sb, ny - y);
            x = nx;
            y = ny;
        }
        if (close) sb.Append('z');
    }

    public static long Tenths(double value) => (long)Math.Round(value * 10, MidpointRounding.AwayFromZero);

    /// <summary>A number of tenths as decimal text: 123 → "12.3", 120 → "12", -3 → "-0.3".</summary>
    public static void AppendTenths(StringBuilder sb, long tenths)
    {
        if (tenths < 0)
        {
            sb.Append('-');
            tenths = -tenths;
        }
        sb.Append(tenths / 10);
        var fraction = tenths % 10;
        if (fraction != 0) sb.Append('.').Append((char)('0' + fraction));
    }
}
