using System.Diagnostics;
using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text;
using Haven.Web.Policies;

// The county map of one policy area, as /policies will draw it:
//   dotnet run -c Release --project bench/Haven.Bench.Map -- [--reps 500] [--seed 12345] [--write map.html] [--dump dir]
// Each repetition renders the whole county map with a fresh random shading (five classes, a tenth of counties
// without data) and is timed alone; prints p50/p99 render time and the page's size raw, gzip and Brotli.
// --dump writes fixed renders of each kind of map, to compare two versions' output byte for byte.
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

// Two ways to render: as one string (Render: tests, tools; the page did this until 2026-11-24), and as the page
// does now (Draw, written to a UTF-8 writer over a reused buffer, as Razor writes it to the response).
var response = new MemoryStream();
var writer = new StreamWriter(response, new UTF8Encoding(false), 16 * 1024);
for (var i = 0; i < 30; i++) { map.Render(Request()); Write(Request()); }   // warm up
// Each way in its own loop, so that one's garbage does not land in the other's timings.
double[] lastCpu = [];
GC.Collect();
var gcBefore = Collections();
var written = Time(Write);
var gcWritten = Subtract(Collections(), gcBefore);
var writtenCpu = lastCpu;
GC.Collect();
gcBefore = Collections();
string svg = "";
var times = Time(request => svg = map.Render(request));
var gcRendered = Subtract(Collections(), gcBefore);
var renderedCpu = lastCpu;
Console.WriteLine($"written to the response (Draw): p50 {Percentile(written, 0.50):F2} ms, p99 {Percentile(written, 0.99):F2} ms, max {written[^1]:F2} ms; collections gen0/1/2: {gcWritten}");
Console.WriteLine($"  the thread's own CPU time:    p50 {Percentile(writtenCpu, 0.50):F2} ms, p99 {Percentile(writtenCpu, 0.99):F2} ms (the rest of the wall time is waiting for the core)");
Console.WriteLine($"as one string (Render):        p50 {Percentile(times, 0.50):F2} ms, p99 {Percentile(times, 0.99):F2} ms, max {times[^1]:F2} ms; collections gen0/1/2: {gcRendered}");
Console.WriteLine($"  the thread's own CPU time:    p50 {Percentile(renderedCpu, 0.50):F2} ms, p99 {Percentile(renderedCpu, 0.99):F2} ms");
var bytes = Encoding.UTF8.GetBytes(svg);
Console.WriteLine($"size: {bytes.Length:N0} bytes raw, {Compressed(s => new GZipStream(s, CompressionLevel.Optimal, leaveOpen: true)):N0} gzip (optimal), " +
    $"{Compressed(s => new GZipStream(s, CompressionLevel.Fastest, leaveOpen: true)):N0} gzip (fastest), {Compressed(s => new BrotliStream(s, CompressionLevel.Fastest, leaveOpen: true)):N0} Brotli (fastest)");

var one = map.Render(Request() with { StateFips = "48" });
Console.WriteLine($"one state's counties (Texas, 254): {Encoding.UTF8.GetByteCount(one):N0} bytes raw");
var states = map.Render(new MapRequest(MapLevel.States, new MapShading(classes, new Dictionary<string, int>(), "No data"), "States"));
Console.WriteLine($"state map: {Encoding.UTF8.GetByteCount(states):N0} bytes raw");

if (StringArg("--dump") is { } dump)
{
    // Fixed renders (seed 7) of every kind of map, to compare the output of two versions byte for byte.
    Directory.CreateDirectory(dump);
    random = new Random(7);
    var fixedClasses = new[] { "Declines & refuses", "Judicial \"warrant\" only", "Honors <all>" };
    MapRequest Fixed(MapLevel level) => new(level, new MapShading(fixedClasses,
        (level == MapLevel.States ? atlas.States : atlas.Counties).Where(_ => random.NextDouble() >= 0.2).ToDictionary(r => r.Fips, _ => random.Next(4) - 0), "No 'data'"), "Map <of> \"things\" & more");
    File.WriteAllText(Path.Combine(dump, "counties.html"), map.Render(Fixed(MapLevel.Counties)));
    File.WriteAllText(Path.Combine(dump, "counties-es.html"), map.Render(Fixed(MapLevel.Counties) with { PathBase = "/es", IdPrefix = "m2" }));
    File.WriteAllText(Path.Combine(dump, "states.html"), map.Render(Fixed(MapLevel.States)));
    File.WriteAllText(Path.Combine(dump, "texas.html"), map.Render(Fixed(MapLevel.Counties) with { StateFips = "48" }));
    File.WriteAllText(Path.Combine(dump, "alaska-state.html"), map.Render(Fixed(MapLevel.States) with { StateFips = "02" }));
    Console.WriteLine($"wrote {dump}");
}

if (StringArg("--write") is { } file)
{
    // A page to look at: the county map as the site would show it, with the site's stylesheet.
    var css = Path.Combine(AppContext.BaseDirectory, "../../../../../src/Haven.Web/wwwroot/css/site.css");
    File.WriteAllText(file, $"<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><title>Map</title><link rel=\"stylesheet\" href=\"{Path.GetFullPath(css)}\"><main>{svg}{one}</main></html>");
    Console.WriteLine($"wrote {file}");
}

// Times each repetition alone; the shading is made before the clock starts.
// Wall time per repetition (sorted), and the thread's own CPU time in lastCpu (sorted): on a shared machine the
// wall time's tail is mostly other processes holding the core.
double[] Time(Action<MapRequest> render)
{
    var result = new double[reps];
    var cpu = new double[reps];
    for (var i = 0; i < reps; i++)
    {
        var request = Request();
        var cpuStart = ThreadCpu.Milliseconds();
        var watch = Stopwatch.StartNew();
        render(request);
        result[i] = watch.Elapsed.TotalMilliseconds;
        cpu[i] = ThreadCpu.Milliseconds() - cpuStart;
    }
    Array.Sort(result);
    Array.Sort(cpu);
    lastCpu = cpu;
    return result;
}

static string Collections() => $"{GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}";

static string Subtract(string after, string before) =>
    string.Join('/', after.Split('/').Zip(before.Split('/'), (a, b) => (int.Parse(a) - int.Parse(b)).ToString()));

void Write(MapRequest request)
{
    response.SetLength(0);
    map.Draw(request).WriteTo(writer);
    writer.Flush();
}

static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

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

/// <summary>The calling thread's CPU time, from clock_gettime(CLOCK_THREAD_CPUTIME_ID) on Linux (0 elsewhere).</summary>
internal static partial class ThreadCpu
{
    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds, Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    public static double Milliseconds()
    {
        const int threadCpuTime = 3;
        if (!OperatingSystem.IsLinux() || ClockGetTime(threadCpuTime, out var t) != 0) return 0;
        return t.Seconds * 1000.0 + t.Nanoseconds / 1e6;
    }
}
