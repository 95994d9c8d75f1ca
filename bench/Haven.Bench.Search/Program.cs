using System.Diagnostics;
using System.Globalization;
using System.Text;
using Haven.Core.Search;
using Haven.Search;
using NodaTime;

// Synthetic-corpus benchmark of LuceneResourceIndex:
//   dotnet run -c Release --project bench/Haven.Bench.Search -- --docs 100000 [--corpus sparse|dense|both] [--reps 300] [--seed 12345] [--nio]
// "sparse" is the original corpus (4,000-word skewed vocabulary: most words in few documents); "dense" resembles the
// site's synthetic corpus (src/Haven.Web/Demo/SyntheticCorpus.cs: Zipf over ~75 English / 40 Spanish real words and
// 1,500 made-up ones, so ordinary words are in most documents of their language). Each corpus gets its own index.
// --index PATH --urls FILE...: the engine alone on an existing index (a site's search-index folder, opened read-write,
// so stop the site first), with the library URLs of bench/load's lists, to split a search page's cost between the
// engine and the rest of the page; --alloc instead lists what the searches allocate, by type.
if (StringArg("--index", "") is { Length: > 0 } existing)
{
    ExistingIndex.Run(existing, args.SkipWhile(a => a != "--urls").Skip(1).TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList(), IntArg("--reps", 2_000), IntArg("--merge", 0), args.Contains("--alloc"));
    return;
}

var docs = IntArg("--docs", 100_000);
var reps = Math.Max(200, IntArg("--reps", 300));
var seed = IntArg("--seed", 12345);
var which = StringArg("--corpus", "both");
IBenchCorpus[] corpora = which switch
{
    "sparse" => [new Corpus(seed)],
    "dense" => [new DenseCorpus(seed)],
    _ => [new Corpus(seed), new DenseCorpus(seed)],
};

foreach (var corpus in corpora)
{
    Run(corpus);
}

void Run(IBenchCorpus corpus)
{
    var folder = Path.Combine(Path.GetTempPath(), "haven-bench-search-" + Guid.NewGuid().ToString("N"));
    Console.WriteLine();
    Console.WriteLine($"## Haven search benchmark, {corpus.Name} corpus: {docs:N0} documents, {reps} repetitions, index in {folder}");
    try
    {
        // --nio: Lucene's NIOFSDirectory instead of OpenAt's directory, to compare the two in one run.
        using var nioDirectory = args.Contains("--nio") ? new Lucene.Net.Store.NIOFSDirectory(folder) : null;
        using var index = nioDirectory is null ? LuceneResourceIndex.OpenAt(folder) : new LuceneResourceIndex(nioDirectory);
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

        var random = new Random(seed + 1);
        var rowSpecs = corpus.Rows(random);

        // Warm-up of the JIT and caches for every query shape measured below.
        for (var i = 0; i < 30; i++)
        {
            foreach (var (_, count, query) in rowSpecs)
            {
                index.Search(query(i % count));
            }
        }

        var gcPause = GC.GetTotalPauseDuration();
        int[] gcCounts = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
        var rows = new List<(string Name, int Hits, double[] Millis, long Bytes)>();
        foreach (var (name, count, query) in rowSpecs)
        {
            rows.Add(Measure(index, name, count < 0 ? reps : count, query));
        }

        Console.WriteLine($"During the searches: GC gen0/1/2 collections {GC.CollectionCount(0) - gcCounts[0]}/{GC.CollectionCount(1) - gcCounts[1]}/" +
                          $"{GC.CollectionCount(2) - gcCounts[2]}, total GC pause {(GC.GetTotalPauseDuration() - gcPause).TotalMilliseconds:F0} ms");

        // Throughput with as many searching threads as cores x 4 (what a busy site does), on the rotating queries.
        var threads = Environment.ProcessorCount * 4;
        var throughputQueries = corpus.ThroughputQueries(new Random(seed + 2));
        var done = 0L;
        var throughput = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            var i = t * 97;
            while (throughput.Elapsed.TotalSeconds < 5)
            {
                index.Search(throughputQueries[i++ % throughputQueries.Length]);
                Interlocked.Increment(ref done);
            }
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());
        var perSecond = done / throughput.Elapsed.TotalSeconds;

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
        table.AppendLine(CultureInfo.InvariantCulture,
            $"| Throughput: {threads} threads, rotating queries, 5 s | {done} | - | {perSecond:N0} searches/s | - | - | - |");
        Console.WriteLine(table);
    }
    finally
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

static (string, int, double[], long) Measure(LuceneResourceIndex index, string name, int count, Func<int, ResourceQuery> query)
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

static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

int IntArg(string name, int fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], CultureInfo.InvariantCulture, out var value) ? value : fallback;
}

string StringArg(string name, string fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
}

/// <summary>A benchmark corpus: its documents and the rows measured on it.</summary>
internal interface IBenchCorpus
{
    string Name { get; }

    ResourceSearchDocument Document(int id);

    /// <summary>Rows to measure: name, number of runs (-1 for the default repetitions) and the query of each run.</summary>
    List<(string Name, int Count, Func<int, ResourceQuery> Query)> Rows(Random random);

    ResourceQuery[] ThroughputQueries(Random random);
}

/// <summary>Shared facet values and query helpers of both corpora.</summary>
internal static class BenchFacets
{
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

    public static Dictionary<ResourceFacet, IReadOnlyList<string>> FacetValues(Random random, bool spanish, int year) => new()
    {
        [ResourceFacet.Type] = [Types[Skewed(random, Types.Length)]],
        [ResourceFacet.Topic] = Pick(random, Topics, 1 + random.Next(4)),
        [ResourceFacet.Organization] = Pick(random, Organizations, 1 + random.Next(2)),
        [ResourceFacet.Audience] = Pick(random, Audiences, 1 + random.Next(2)),
        [ResourceFacet.Jurisdiction] = [Jurisdictions[Skewed(random, Jurisdictions.Length)]],
        [ResourceFacet.Language] = [spanish ? "es" : "en"],
        [ResourceFacet.Year] = [year.ToString(CultureInfo.InvariantCulture)],
    };

    /// <summary>Two words of the pool with 0 to 3 random facet filters, by relevance (newest one time in four).</summary>
    public static ResourceQuery RandomQuery(Random random, string[] pool)
    {
        var text = pool[random.Next(pool.Length)] + " " + pool[random.Next(pool.Length)];
        var filters = new Dictionary<ResourceFacet, IReadOnlyList<string>>();
        var facetCount = random.Next(4);
        for (var i = 0; i < facetCount; i++)
        {
            var (facet, values) = Facets[random.Next(Facets.Length)];
            filters[facet] = Enumerable.Range(0, 1 + random.Next(2)).Select(_ => values[random.Next(values.Length)]).Distinct().ToList();
        }

        return new ResourceQuery { Text = text, Filters = filters, Sort = random.Next(4) == 0 ? ResourceSort.Newest : ResourceSort.Relevance };
    }

    /// <summary>An index skewed towards 0 (a rough Zipf shape).</summary>
    public static int Skewed(Random random, int length) => Math.Min(length - 1, (int)(length * Math.Pow(random.NextDouble(), 2.5)));

    private static string[] Pick(Random random, string[] values, int count) =>
        Enumerable.Range(0, count).Select(_ => values[Skewed(random, values.Length)]).Distinct().ToArray();

    private static string[] Names(string prefix, int count) =>
        Enumerable.Range(1, count).Select(i => $"{prefix}-{i:D2}").ToArray();
}

/// <summary>Deterministic synthetic library ("sparse"; the same documents in every run): 15 types, 40 topics, 60 organizations, 2 languages, 16 years,
/// ~300-word bodies from a skewed pseudo-word vocabulary, plus control words at known document frequencies.</summary>
internal sealed class Corpus : IBenchCorpus
{
    public static readonly string[] ControlWords = ["detainer", "probation", "sheriff", "wso"];
    private static readonly double[] _controlFrequencies = [0.25, 0.60, 0.05, 0.001];

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

    public string Name => "sparse";

    public string[] QueryWords { get; }

    public List<(string Name, int Count, Func<int, ResourceQuery> Query)> Rows(Random random)
    {
        var rows = new List<(string Name, int Count, Func<int, ResourceQuery> Query)>();
        foreach (var word in ControlWords)
        {
            rows.Add(($"`{word}` top 20 + all facets", -1, _ => new ResourceQuery { Text = word }));
        }

        rows.Add(("`detainer` top 1 (no snippet work)", -1, _ => new ResourceQuery { Text = "detainer", PageSize = 1 }));
        rows.Add(("no text, newest, top 20 + all facets", -1, _ => new ResourceQuery()));
        rows.Add(("no text, type filter, newest, top 20 + all facets", -1, _ => new ResourceQuery
        {
            Filters = new Dictionary<ResourceFacet, IReadOnlyList<string>> { [ResourceFacet.Type] = [BenchFacets.Types[2]] },
        }));
        rows.Add(("`detainer` + type & topic filters", -1, _ => new ResourceQuery
        {
            Text = "detainer",
            Filters = new Dictionary<ResourceFacet, IReadOnlyList<string>>
            {
                [ResourceFacet.Type] = [BenchFacets.Types[0], BenchFacets.Types[3]],
                [ResourceFacet.Topic] = [BenchFacets.Topics[1]],
            },
        }));
        rows.Add(("`probation` page 50 (ranks 981-1000)", -1, _ => new ResourceQuery { Text = "probation", Page = 50 }));
        rows.Add(("`\"county jail\"` phrase", -1, _ => new ResourceQuery { Text = "\"county jail\"" }));
        rows.Add(("`probation court` (both common)", -1, _ => new ResourceQuery { Text = "probation court" }));
        rows.Add(("`court county` (both in ~all English docs)", -1, _ => new ResourceQuery { Text = "court county" }));
        var rotating = Enumerable.Range(0, 1_000).Select(_ => BenchFacets.RandomQuery(random, QueryWords)).ToArray();
        rows.Add(("1,000 rotating two-word queries + random filters", rotating.Length, i => rotating[i]));
        return rows;
    }

    public ResourceQuery[] ThroughputQueries(Random random) =>
        Enumerable.Range(0, 1_000).Select(_ => BenchFacets.RandomQuery(random, QueryWords)).ToArray();

    public ResourceSearchDocument Document(int id)
    {
        var random = new Random(unchecked((_seed * 1_000_003) + id));
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
            FacetValues = BenchFacets.FacetValues(random, spanish, year),
        };
    }

    private List<string> Words(Random random, int count, bool spanish)
    {
        var glue = spanish ? _spanishGlue : _englishGlue;
        var words = new List<string>(count + 8);
        for (var i = 0; i < count; i++)
        {
            words.Add(random.NextDouble() < 0.3 ? glue[random.Next(glue.Length)] : _vocabulary[BenchFacets.Skewed(random, _vocabulary.Length)]);
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

/// <summary>The "dense" corpus, shaped like the site's synthetic corpus (src/Haven.Web/Demo/SyntheticCorpus.cs): 30%
/// Spanish; titles of 6 words, summaries of 20, bodies of 4 paragraphs of 6 sentences of 12 words drawn from a Zipf
/// distribution over real domain words (at ranks 20 to ~600, so "court" is in ~85% of English documents) and made-up
/// ones; "detainer" in 25%, "probation" in 60%, "sheriff" in 5%, "wso" in 0.1% of documents.</summary>
internal sealed class DenseCorpus : IBenchCorpus
{
    private const int MadeUpWords = 1500;

    private static readonly string[] _englishWords =
    [
        "court", "county", "immigration", "hold", "release", "custody", "notice", "hearing", "charge", "plea", "conviction",
        "sentence", "counsel", "defense", "client", "removal", "relief", "status", "warrant", "jail", "booking", "officer",
        "policy", "agreement", "program", "federal", "state", "local", "community", "rights", "advisory", "consequence",
        "offense", "misdemeanor", "felony", "diversion", "citation", "arrest", "record", "petition", "judge", "prosecutor",
        "family", "worker", "youth", "school", "health", "treatment", "data", "sharing", "report", "budget", "contract",
        "detention", "facility", "transfer", "interview", "request", "form", "deadline", "appeal", "motion", "vacatur",
        "expungement", "sealing", "evidence", "safety", "trust", "language", "access", "interpreter", "practice", "guide",
    ];

    private static readonly string[] _spanishWords =
    [
        "tribunal", "condado", "inmigración", "custodia", "aviso", "audiencia", "cargo", "condena", "abogado", "defensa",
        "derechos", "familia", "comunidad", "policía", "cárcel", "orden", "juez", "fiscal", "programa", "acuerdo", "datos",
        "trabajadores", "escuela", "salud", "tratamiento", "detención", "traslado", "entrevista", "solicitud", "plazo",
        "apelación", "registro", "seguridad", "confianza", "idioma", "acceso", "intérprete", "guía", "consulta", "ayuda",
    ];

    /// <summary>Words readers would type: the control words and the most common real words of both languages.</summary>
    private static readonly string[] _queryWords =
    [
        "detainer", "probation", "sheriff", "court", "county", "immigration", "hold", "release", "custody", "notice",
        "hearing", "charge", "plea", "tribunal", "condado", "inmigración", "custodia", "aviso", "audiencia",
    ];

    private readonly int _seed;
    private readonly string[] _englishVocabulary;
    private readonly string[] _spanishVocabulary;
    private readonly double[] _englishCumulative = ZipfCumulative(_englishWords.Length + MadeUpWords);
    private readonly double[] _spanishCumulative = ZipfCumulative(_spanishWords.Length + MadeUpWords);

    public DenseCorpus(int seed)
    {
        _seed = seed;
        _englishVocabulary = Vocabulary(_englishWords, seed);
        _spanishVocabulary = Vocabulary(_spanishWords, seed + 1);
    }

    public string Name => "dense";

    public List<(string Name, int Count, Func<int, ResourceQuery> Query)> Rows(Random random)
    {
        var rows = new List<(string Name, int Count, Func<int, ResourceQuery> Query)>
        {
            ("`probation` (60%) top 20 + all facets", -1, _ => new ResourceQuery { Text = "probation" }),
            ("`court` (~85% of English) top 20 + all facets", -1, _ => new ResourceQuery { Text = "court" }),
            ("`probation court`", -1, _ => new ResourceQuery { Text = "probation court" }),
            ("`court county`", -1, _ => new ResourceQuery { Text = "court county" }),
            ("`probation detainer`", -1, _ => new ResourceQuery { Text = "probation detainer" }),
            ("`tribunal condado` (Spanish)", -1, _ => new ResourceQuery { Text = "tribunal condado" }),
            ("`court county immigration` (three common words)", -1, _ => new ResourceQuery { Text = "court county immigration" }),
            ("`probation court`, newest first", -1, _ => new ResourceQuery { Text = "probation court", Sort = ResourceSort.Newest }),
            ("`probation court` + type & topic filters", -1, _ => new ResourceQuery
            {
                Text = "probation court",
                Filters = new Dictionary<ResourceFacet, IReadOnlyList<string>>
                {
                    [ResourceFacet.Type] = [BenchFacets.Types[0], BenchFacets.Types[3]],
                    [ResourceFacet.Topic] = [BenchFacets.Topics[1]],
                },
            }),
            ("`probation court` page 50", -1, _ => new ResourceQuery { Text = "probation court", Page = 50 }),
            ("`court -county` (exclusion)", -1, _ => new ResourceQuery { Text = "court -county" }),
            ("`\"court county\"` phrase", -1, _ => new ResourceQuery { Text = "\"court county\"" }),
        };
        var rotating = ThroughputQueries(random);
        rows.Add(("1,000 rotating two common words + random filters", rotating.Length, i => rotating[i]));
        return rows;
    }

    public ResourceQuery[] ThroughputQueries(Random random) =>
        Enumerable.Range(0, 1_000).Select(_ => BenchFacets.RandomQuery(random, _queryWords)).ToArray();

    public ResourceSearchDocument Document(int id)
    {
        var random = new Random(unchecked((_seed * 1_000_003) + id));
        var spanish = random.NextDouble() < 0.3;
        var vocabulary = spanish ? _spanishVocabulary : _englishVocabulary;
        var cumulative = spanish ? _spanishCumulative : _englishCumulative;
        var marked = new List<string>();
        if (random.NextDouble() < 0.25)
        {
            marked.Add("detainer");
        }

        if (random.NextDouble() < 0.60)
        {
            marked.Add("probation");
        }

        if (random.NextDouble() < 0.05)
        {
            marked.Add("sheriff");
        }

        if (random.NextDouble() < 0.001)
        {
            marked.Add("wso");
        }

        string Sentence(int length)
        {
            var picked = Enumerable.Range(0, length).Select(_ => Draw(random, vocabulary, cumulative)).ToList();
            foreach (var word in marked.Where(_ => random.NextDouble() < 0.3))
            {
                picked.Insert(random.Next(picked.Count), word);
            }

            var text = string.Join(' ', picked);
            return char.ToUpperInvariant(text[0]) + text[1..] + ".";
        }

        var paragraphs = Enumerable.Range(0, 4).Select(_ => string.Join(' ', Enumerable.Range(0, 6).Select(_ => Sentence(12)))).ToList();
        paragraphs.Add(string.Join(' ', marked));
        var year = 2011 + random.Next(15);
        return new ResourceSearchDocument
        {
            ResourceId = id,
            Language = spanish ? "es" : "en",
            Title = Sentence(6).TrimEnd('.'),
            Summary = Sentence(20),
            Body = string.Join("\n\n", paragraphs),
            AttachmentText = "",
            Date = new LocalDate(year, 1 + random.Next(12), 1 + random.Next(28)),
            FacetValues = BenchFacets.FacetValues(random, spanish, year),
        };
    }

    private static string[] Vocabulary(string[] real, int seed)
    {
        var random = new Random(seed);
        const string consonants = "bcdfgklmnprstvz";
        const string vowels = "aeiou";
        var madeUp = new HashSet<string>();
        while (madeUp.Count < MadeUpWords)
        {
            var length = 2 + random.Next(3);
            madeUp.Add(string.Concat(Enumerable.Range(0, length).Select(_ => $"{consonants[random.Next(consonants.Length)]}{vowels[random.Next(vowels.Length)]}")));
        }

        var vocabulary = madeUp.ToList();
        var step = Math.Max(1, 600 / real.Length);
        for (var i = 0; i < real.Length; i++)
        {
            vocabulary.Insert(Math.Min(vocabulary.Count, 20 + (i * step)), real[i]);
        }

        return [.. vocabulary];
    }

    private static double[] ZipfCumulative(int size)
    {
        var weights = Enumerable.Range(1, size).Select(rank => 1.0 / rank).ToArray();
        var total = weights.Sum();
        var cumulative = new double[size];
        var running = 0.0;
        for (var i = 0; i < size; i++)
        {
            cumulative[i] = running += weights[i] / total;
        }

        return cumulative;
    }

    private static string Draw(Random random, string[] vocabulary, double[] cumulative)
    {
        var index = Array.BinarySearch(cumulative, random.NextDouble());
        return vocabulary[Math.Min(index < 0 ? ~index : index, vocabulary.Length - 1)];
    }
}
