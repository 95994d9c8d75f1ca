using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using Haven.Web.Policies;

// The county map of one policy area, as /policies will draw it:
//   dotnet run -c Release --project bench/Haven.Bench.Map -- [--reps 500] [--seed 12345] [--write map.html]
// Each repetition renders the whole county map with a fresh random shading (five classes, a tenth of counties
// without data) and is timed alone; prints p50/p99 render time and the page's size raw, gzip and Brotli.
var reps = IntArg("--reps", 500);
var seed = IntArg("--seed", 12345);

var load = Stopwatch.StartNew();
var atlas = UsAtlas.Shared;
load.Stop();
var map = new PolicyMap(atlas);
Console.WriteLine($"## Haven map benchmark: {atlas.Counties.Count:N0} counties, {reps} repetitions");
Console.WriteLine($"atlas decoded and paths computed in {load.Elapsed.TotalMilliseconds:F0} ms (once per process)");

var random = new Random(seed);
string[] classes = ["Declines detainers", "Judicial warrant only", "Honors some", "Honors all", "Under review"];
MapRequest Request()
{
    var shading = new Dictionary<string, int>();
    foreach (var county in atlas.Counties)
        if (random.NextDouble() >= 0.1) shading[county.Fips] = random.Next(classes.Length);
    return new MapRequest(MapLevel.Counties, new MapShading(classes, shading, "No data"), "ICE detainers by county");
}

for (var i = 0; i < 30; i++) map.Render(Request());   // warm up
var times = new double[reps];
string svg = "";
for (var i = 0; i < reps; i++)
{
    var request = Request();
    var watch = Stopwatch.StartNew();
    svg = map.Render(request);
    times[i] = watch.Elapsed.TotalMilliseconds;
}
Array.Sort(times);
var bytes = Encoding.UTF8.GetBytes(svg);
Console.WriteLine($"render: p50 {Percentile(0.50):F2} ms, p99 {Percentile(0.99):F2} ms, max {times[^1]:F2} ms");
Console.WriteLine($"size: {bytes.Length:N0} bytes raw, {Compressed(s => new GZipStream(s, CompressionLevel.Optimal, leaveOpen: true)):N0} gzip (optimal), " +
    $"{Compressed(s => new GZipStream(s, CompressionLevel.Fastest, leaveOpen: true)):N0} gzip (fastest), {Compressed(s => new BrotliStream(s, CompressionLevel.Fastest, leaveOpen: true)):N0} Brotli (fastest)");

var one = map.Render(Request() with { StateFips = "48" });
Console.WriteLine($"one state's counties (Texas, 254): {Encoding.UTF8.GetByteCount(one):N0} bytes raw");
var states = map.Render(new MapRequest(MapLevel.States, new MapShading(classes, new Dictionary<string, int>(), "No data"), "States"));
Console.WriteLine($"state map: {Encoding.UTF8.GetByteCount(states):N0} bytes raw");

if (StringArg("--write") is { } file)
{
    // A page to look at: the county map as the site would show it, with the site's stylesheet.
    var css = Path.Combine(AppContext.BaseDirectory, "../../../../../src/Haven.Web/wwwroot/css/site.css");
    File.WriteAllText(file, $"<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><title>Map</title><link rel=\"stylesheet\" href=\"{Path.GetFullPath(css)}\"><main>{svg}{one}</main></html>");
    Console.WriteLine($"wrote {file}");
}

double Percentile(double p) => times[Math.Min(times.Length - 1, (int)Math.Ceiling(p * times.Length) - 1)];

long Compressed(Func<Stream, Stream> compressor)
{
    using var output = new MemoryStream();
    using (var stream = compressor(output)) stream.Write(bytes);
    return output.Length;
}

string? StringArg(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

int IntArg(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var value) ? value : fallback;
}
