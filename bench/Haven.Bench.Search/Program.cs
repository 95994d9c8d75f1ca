using System.Diagnostics;
using System.Globalization;
using System.Text;
using Haven.Core.Search;
using Haven.Search;
using NodaTime;

// Synthetic-corpus benchmark of LuceneResourceIndex: dotnet run -c Release --project bench/Haven.Bench.Search -- --docs 100000
var docs = IntArg("--docs", 100_000);
var reps = Math.Max(200, IntArg("--reps", 300));
var seed = IntArg("--seed", 12345);
var folder = Path.Combine(Path.GetTempPath(), "haven-bench-search-" + Guid.NewGuid().ToString("N"));

var corpus = new Corpus(seed);
Console.WriteLine($"Haven search benchmark: {docs:N0} documents, {reps} repetitions, index in {folder}");
try
{
    using var index = LuceneResourceIndex.OpenAt(folder);
    var build = Stopwatch.StartNew();
    const int batchSize = 2_000;
    for (var start = 1; start <= docs; start += batchSize)
    {
        var batch = Enumerable.Range(start, Math.Min(batchSize, docs - start + 1)).Select(corpus.Document).ToList();
        index.Apply(batch, [], start + batch.Count - 1);
    }

    build.Stop();
    var warm = Stopwatch.StartNew();
    index.Warm();
    warm.Stop();
    var indexBytes = Directory.EnumerateFiles(folder).Sum(f => new FileInfo(f).Length);
    int segments;
    using (var reader = Lucene.Net.Index.DirectoryReader.Open(Lucene.Net.Store.FSDirectory.Open(folder)))
    {
        segments = reader.Leaves.Count;
    }

    Console.WriteLine($"Indexed in {build.Elapsed.TotalSeconds:F1} s ({docs / build.Elapsed.TotalSeconds:N0} docs/s) in batches of {batchSize:N0}, " +
                      $"{indexBytes / 1024.0 / 1024.0:F0} MiB on disk, {segments} segments, warmed in {warm.ElapsedMilliseconds} ms");

    var rows = new List<(string Name, int Hits, double[] Millis, long Bytes)>();
    var random = new Random(seed + 1);

    // Warm-up of the JIT and caches for every query shape measured below.
    for (var i = 0; i < 50; i++)
    {
        foreach (var word in Corpus.ControlWords)
        {
            index.Search(new ResourceQuery { Text = word });
        }

        index.Search(RandomQuery(random));
    }

    var gcPause = GC.GetTotalPauseDuration();
    int[] gcCounts = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
    foreach (var word in Corpus.ControlWords)
    {
        rows.Add(Measure($"`{word}` top 20 + all facets", reps, _ => new ResourceQuery { Text = word }));
    }

    rows.Add(Measure("`detainer` top 1 (no snippet work)", reps, _ => new ResourceQuery { Text = "detainer", PageSize = 1 }));
    rows.Add(Measure("no text, newest, top 20 + all facets", reps, _ => new ResourceQuery()));
    rows.Add(Measure("no text, type filter, newest, top 20 + all facets", reps, _ => new ResourceQuery
    {
        Filters = new Dictionary<ResourceFacet, IReadOnlyList<string>> { [ResourceFacet.Type] = [Corpus.Types[2]] },
    }));
    rows.Add(Measure("`detainer` + type & topic filters", reps, _ => new ResourceQuery
    {
        Text = "detainer",
        Filters = new Dictionary<ResourceFacet, IReadOnlyList<string>>
        {
            [ResourceFacet.Type] = [Corpus.Types[0], Corpus.Types[3]],
            [ResourceFacet.Topic] = [Corpus.Topics[1]],
        },
    }));
    rows.Add(Measure("`probation` page 50 (ranks 981-1000)", reps, _ => new ResourceQuery { Text = "probation", Page = 50 }));
    rows.Add(Measure("`\"county jail\"` phrase", reps, _ => new ResourceQuery { Text = "\"county jail\"" }));
    var rotating = Enumerable.Range(0, 1_000).Select(_ => RandomQuery(random)).ToArray();
    rows.Add(Measure("1,000 rotating two-word queries + random filters", rotating.Length, i => rotating[i]));

    Console.WriteLine($"During the searches: GC gen0/1/2 collections {GC.CollectionCount(0) - gcCounts[0]}/{GC.CollectionCount(1) - gcCounts[1]}/" +
                      $"{GC.CollectionCount(2) - gcCounts[2]}, total GC pause {(GC.GetTotalPauseDuration() - gcPause).TotalMilliseconds:F0} ms");
    var upserts = new List<double>();
    for (var i = 0; i < 100; i++)
    {
        var document = corpus.Document(1 + random.Next(docs));
        var watch = Stopwatch.StartNew();
        index.Apply([document], [], docs + i + 1);
        upserts.Add(watch.Elapsed.TotalMilliseconds);
    }

    upserts.Sort();
    var table = new StringBuilder();
    table.AppendLine();
    table.AppendLine("| query | runs | hits | p50 ms | p99 ms | max ms | KB allocated / search |");
    table.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
    foreach (var (name, hits, millis, bytes) in rows)
    {
        Array.Sort(millis);
        table.AppendLine(CultureInfo.InvariantCulture,
            $"| {name} | {millis.Length} | {(hits < 0 ? "varies" : hits.ToString("N0", CultureInfo.InvariantCulture))} | {Percentile(millis, 0.50):F2} | {Percentile(millis, 0.99):F2} | {millis[^1]:F2} | {bytes / millis.Length / 1024:N0} |");
    }

    table.AppendLine(CultureInfo.InvariantCulture,
        $"| Apply one upsert (commit + refresh, on disk) | {upserts.Count} | - | {Percentile([.. upserts], 0.50):F2} | {Percentile([.. upserts], 0.99):F2} | {upserts[^1]:F2} | - |");
    Console.WriteLine(table);

    (string, int, double[], long) Measure(string name, int count, Func<int, ResourceQuery> query)
    {
        var millis = new double[count];
        var hits = -2;
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < count; i++)
        {
            var q = query(i);
            var watch = Stopwatch.StartNew();
            var result = index.Search(q);
            millis[i] = watch.Elapsed.TotalMilliseconds;
            hits = hits == -2 || hits == result.Total ? result.Total : -1;
        }

        return (name, hits, millis, GC.GetAllocatedBytesForCurrentThread() - allocated);
    }
}
finally
{
    if (Directory.Exists(folder))
    {
        Directory.Delete(folder, recursive: true);
    }
}

ResourceQuery RandomQuery(Random random)
{
    var pool = corpus.QueryWords;
    var text = pool[random.Next(pool.Length)] + " " + pool[random.Next(pool.Length)];
    var filters = new Dictionary<ResourceFacet, IReadOnlyList<string>>();
    var facetCount = random.Next(4);
    for (var i = 0; i < facetCount; i++)
    {
        var (facet, values) = Corpus.Facets[random.Next(Corpus.Facets.Length)];
        filters[facet] = Enumerable.Range(0, 1 + random.Next(2)).Select(_ => values[random.Next(values.Length)]).Distinct().ToList();
    }

    return new ResourceQuery { Text = text, Filters = filters, Sort = random.Next(4) == 0 ? ResourceSort.Newest : ResourceSort.Relevance };
}

static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

int IntArg(string name, int fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], CultureInfo.InvariantCulture, out var value) ? value : fallback;
}

/// <summary>Deterministic synthetic library: 15 types, 40 topics, 60 organizations, 2 languages, 16 years,
/// ~300-word bodies from a skewed pseudo-word vocabulary, plus control words at known document frequencies.</summary>
internal sealed class Corpus
{
    public static readonly string[] ControlWords = ["detainer", "probation", "sheriff", "wso"];
    private static readonly double[] _controlFrequencies = [0.25, 0.60, 0.05, 0.001];

    public static readonly string[] Types = Names("type", 15);
    public static readonly string[] Topics = Names("topic", 40);
    public static readonly string[] Organizations = Names("org", 60);
    public static readonly string[] Audiences = ["attorneys", "advocates", "community", "students", "judges"];
    public static readonly string[] Jurisdictions = Names("state", 20);
    public static readonly string[] Languages = ["en", "es"];
    public static readonly string[] Years = Enumerable.Range(2010, 16).Select(y => y.ToString(CultureInfo.InvariantCulture)).ToArray();

    public static readonly (ResourceFacet Facet, string[] Values)[] Facets =
    [
        (ResourceFacet.Type, Types), (ResourceFacet.Topic, Topics), (ResourceFacet.Organization, Organizations),
        (ResourceFacet.Audience, Audiences), (ResourceFacet.Jurisdiction, Jurisdictions), (ResourceFacet.Language, Languages),
        (ResourceFacet.Year, Years),
    ];

    private static readonly string[] _englishGlue = ["the", "of", "and", "to", "in", "for", "court", "county", "jail", "immigration", "client"];
    private static readonly string[] _spanishGlue = ["el", "la", "de", "los", "y", "en", "corte", "derechos", "cárcel", "inmigración"];

    private readonly string[] _vocabulary;
    private readonly int _seed;

    public Corpus(int seed)
    {
        _seed = seed;
        _vocabulary = BuildVocabulary(new Random(seed), 4_000);
        // Control words, common words of both languages, and vocabulary words from frequent to rare.
        QueryWords = [.. ControlWords, "court", "county", "jail", "immigration", "client", "derechos", "corte", "inmigración",
            .. Enumerable.Range(0, 24).Select(i => _vocabulary[(int)(_vocabulary.Length * Math.Pow(i / 24.0, 2.5))])];
    }

    public string[] QueryWords { get; }

    public ResourceSearchDocument Document(int id)
    {
        var random = new Random(HashCode.Combine(_seed, id));
        var spanish = random.NextDouble() < 0.3;
        var body = Words(random, 250 + random.Next(100), spanish);
        for (var c = 0; c < ControlWords.Length; c++)
        {
            if (random.NextDouble() < _controlFrequencies[c])
            {
                var times = 1 + random.Next(3);
                for (var t = 0; t < times; t++)
                {
                    body.Insert(random.Next(body.Count + 1), ControlWords[c]);
                }
            }
        }

        var year = 2010 + random.Next(16);
        return new ResourceSearchDocument
        {
            ResourceId = id,
            Language = spanish ? "es" : "en",
            Title = Sentence(Words(random, 5 + random.Next(6), spanish)),
            Summary = Sentence(Words(random, 25 + random.Next(15), spanish)),
            Body = Sentence(body),
            AttachmentText = random.NextDouble() < 0.3 ? Sentence(Words(random, 150 + random.Next(100), spanish)) : "",
            Date = random.NextDouble() < 0.97 ? new LocalDate(year, 1 + random.Next(12), 1 + random.Next(28)) : null,
            FacetValues = new Dictionary<ResourceFacet, IReadOnlyList<string>>
            {
                [ResourceFacet.Type] = [Types[Skewed(random, Types.Length)]],
                [ResourceFacet.Topic] = Pick(random, Topics, 1 + random.Next(4)),
                [ResourceFacet.Organization] = Pick(random, Organizations, 1 + random.Next(2)),
                [ResourceFacet.Audience] = Pick(random, Audiences, 1 + random.Next(2)),
                [ResourceFacet.Jurisdiction] = [Jurisdictions[Skewed(random, Jurisdictions.Length)]],
                [ResourceFacet.Language] = [spanish ? "es" : "en"],
                [ResourceFacet.Year] = [year.ToString(CultureInfo.InvariantCulture)],
            },
        };
    }

    private List<string> Words(Random random, int count, bool spanish)
    {
        var glue = spanish ? _spanishGlue : _englishGlue;
        var words = new List<string>(count + 8);
        for (var i = 0; i < count; i++)
        {
            words.Add(random.NextDouble() < 0.3 ? glue[random.Next(glue.Length)] : _vocabulary[Skewed(random, _vocabulary.Length)]);
        }

        return words;
    }

    private static string Sentence(List<string> words)
    {
        var text = new StringBuilder();
        for (var i = 0; i < words.Count; i++)
        {
            text.Append(words[i]).Append(i % 17 == 16 ? ". " : " ");
        }

        return text.ToString().TrimEnd() + ".";
    }

    /// <summary>An index skewed towards 0 (a rough Zipf shape).</summary>
    private static int Skewed(Random random, int length) => Math.Min(length - 1, (int)(length * Math.Pow(random.NextDouble(), 2.5)));

    private static string[] Pick(Random random, string[] values, int count) =>
        Enumerable.Range(0, count).Select(_ => values[Skewed(random, values.Length)]).Distinct().ToArray();

    private static string[] Names(string prefix, int count) =>
        Enumerable.Range(1, count).Select(i => $"{prefix}-{i:D2}").ToArray();

    private static string[] BuildVocabulary(Random random, int count)
    {
        string[] onsets = ["b", "c", "d", "f", "g", "l", "m", "n", "p", "r", "s", "t", "v", "br", "tr", "pl", "st", "gr"];
        string[] vowels = ["a", "e", "i", "o", "u", "ai", "ou", "ea"];
        string[] codas = ["", "n", "r", "s", "l", "nt", "st", "m"];
        var words = new HashSet<string>(StringComparer.Ordinal);
        while (words.Count < count)
        {
            var syllables = 2 + random.Next(3);
            var word = new StringBuilder();
            for (var s = 0; s < syllables; s++)
            {
                word.Append(onsets[random.Next(onsets.Length)]).Append(vowels[random.Next(vowels.Length)]);
            }

            word.Append(codas[random.Next(codas.Length)]);
            words.Add(word.ToString());
        }

        words.ExceptWith(ControlWords);
        return [.. words];
    }

}
