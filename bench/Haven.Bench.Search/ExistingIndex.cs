using System.Diagnostics;
using System.Globalization;
using Haven.Core.Search;
using Haven.Search;

/// <summary>Runs the queries of library URLs (/resources?q=...&amp;sort=...&amp;page=...&amp;topic=...) against an existing
/// index: per list, time and allocation per search, after a warm-up.</summary>
internal static class ExistingIndex
{
    private const int PageSize = 20;

    public static void Run(string folder, IReadOnlyList<string> urlFiles, int reps, int mergeTo = 0, bool allocations = false)
    {
        if (mergeTo > 0)
        {
            var watch = Stopwatch.StartNew();
            using var directory = Lucene.Net.Store.FSDirectory.Open(folder);
            using var analyzer = new Lucene.Net.Analysis.Core.KeywordAnalyzer();
            using (var writer = new Lucene.Net.Index.IndexWriter(directory, new Lucene.Net.Index.IndexWriterConfig(Lucene.Net.Util.LuceneVersion.LUCENE_48, analyzer)))
            {
                writer.ForceMerge(mergeTo);
                writer.Commit();
            }

            Console.WriteLine($"merged to {mergeTo} segment(s) in {watch.Elapsed.TotalSeconds:F1} s");
        }

        using var index = LuceneResourceIndex.OpenAt(folder);
        index.Warm();
        Console.WriteLine($"## {folder}: {index.Count:N0} documents");
        var lists = urlFiles.Select(f => (Name: Path.GetFileNameWithoutExtension(f), Queries: File.ReadLines(f).Select(Parse).ToArray())).ToList();
        foreach (var (_, queries) in lists)
        {
            foreach (var q in queries.Take(300)) index.Search(q);
        }

        foreach (var (name, queries) in lists)
        {
            var count = Math.Max(reps, queries.Length);
            if (allocations)
            {
                using var listener = new AllocationTypes();
                listener.Start();
                for (var i = 0; i < count; i++) index.Search(queries[i % queries.Length]);
                Console.WriteLine(name);
                listener.Report(count);
                continue;
            }

            var millis = new double[count];
            var gc = GC.CollectionCount(0);
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            for (var i = 0; i < count; i++)
            {
                var watch = Stopwatch.StartNew();
                index.Search(queries[i % queries.Length]);
                millis[i] = watch.Elapsed.TotalMilliseconds;
            }

            var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / count;
            var bytes = (GC.GetAllocatedBytesForCurrentThread() - allocated) / count;
            Array.Sort(millis);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name,-16} {count,6} searches  mean {millis.Average():F3} ms  p50 {millis[count / 2]:F3}  p99 {millis[(int)(count * 0.99)]:F3}  cpu {cpuMs:F3} ms  {bytes / 1024.0:F0} KiB  gen0 {GC.CollectionCount(0) - gc}"));
        }
    }

    private static ResourceQuery Parse(string url)
    {
        var question = url.IndexOf('?', StringComparison.Ordinal);
        var text = (string?)null;
        var sort = ResourceSort.Relevance;
        var page = 1;
        var filters = new Dictionary<ResourceFacet, IReadOnlyList<string>>();
        foreach (var pair in question < 0 ? [] : url[(question + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var key = pair[..eq];
            var value = Uri.UnescapeDataString(pair[(eq + 1)..].Replace('+', ' '));
            switch (key)
            {
                case "q": text = value; break;
                case "sort": sort = value == "newest" ? ResourceSort.Newest : value == "oldest" ? ResourceSort.Oldest : ResourceSort.Relevance; break;
                case "page": page = int.Parse(value, CultureInfo.InvariantCulture); break;
                default:
                    if (Enum.TryParse<ResourceFacet>(key, ignoreCase: true, out var facet))
                    {
                        filters[facet] = [.. (filters.TryGetValue(facet, out var v) ? v : []), value];
                    }

                    break;
            }
        }

        return new ResourceQuery { Text = text, Sort = sort, Page = page, PageSize = PageSize, Filters = filters };
    }
}
