using Haven.Core.Data;
using Haven.Core.Organizations;
using Haven.Core.Resources;
using Haven.Core.Taxonomy;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Haven.Web.Demo;

/// <summary>Deterministic synthetic resources for benchmarks: 15 types, 40 topics, 60 organizations, 2 languages,
/// 16 years, ~300-word bodies; "detainer" in a quarter of them, "probation" in 60%, "sheriff" in 5%, "wso" in 0.1%.
/// Other words follow a Zipf distribution over a vocabulary of real domain words and made-up ones, as natural text
/// does: a few words are in nearly every document, most in few.</summary>
internal sealed class SyntheticCorpus(int seed)
{
    private static readonly string[] EnglishWords =
    [
        "court", "county", "immigration", "hold", "release", "custody", "notice", "hearing", "charge", "plea", "conviction",
        "sentence", "counsel", "defense", "client", "removal", "relief", "status", "warrant", "jail", "booking", "officer",
        "policy", "agreement", "program", "federal", "state", "local", "community", "rights", "advisory", "consequence",
        "offense", "misdemeanor", "felony", "diversion", "citation", "arrest", "record", "petition", "judge", "prosecutor",
        "family", "worker", "youth", "school", "health", "treatment", "data", "sharing", "report", "budget", "contract",
        "detention", "facility", "transfer", "interview", "request", "form", "deadline", "appeal", "motion", "vacatur",
        "expungement", "sealing", "evidence", "safety", "trust", "language", "access", "interpreter", "practice", "guide",
    ];

    private static readonly string[] SpanishWords =
    [
        "tribunal", "condado", "inmigración", "custodia", "aviso", "audiencia", "cargo", "condena", "abogado", "defensa",
        "derechos", "familia", "comunidad", "policía", "cárcel", "orden", "juez", "fiscal", "programa", "acuerdo", "datos",
        "trabajadores", "escuela", "salud", "tratamiento", "detención", "traslado", "entrevista", "solicitud", "plazo",
        "apelación", "registro", "seguridad", "confianza", "idioma", "acceso", "intérprete", "guía", "consulta", "ayuda",
    ];

    private static readonly ResourceType[] Types = Enum.GetValues<ResourceType>().Take(15).ToArray();

    private const int MadeUpWords = 1500;
    private readonly int _seed = seed;
    private readonly string[] _englishVocabulary = Vocabulary(EnglishWords, seed);
    private readonly string[] _spanishVocabulary = Vocabulary(SpanishWords, seed + 1);
    private readonly double[] _englishCumulative = ZipfCumulative(EnglishWords.Length + MadeUpWords);
    private readonly double[] _spanishCumulative = ZipfCumulative(SpanishWords.Length + MadeUpWords);

    /// <summary>Real words spread over ranks 20 to ~600 (so they occur in about 95% down to 5% of documents),
    /// made-up words filling the other ranks.</summary>
    private static string[] Vocabulary(string[] real, int seed)
    {
        var random = new Random(seed);
        const string consonants = "bcdfgklmnprstvz";
        const string vowels = "aeiou";
        var madeUp = new HashSet<string>();
        while (madeUp.Count < MadeUpWords)
        {
            var length = 2 + random.Next(3);
            var word = string.Concat(Enumerable.Range(0, length).Select(_ => $"{consonants[random.Next(consonants.Length)]}{vowels[random.Next(vowels.Length)]}"));
            madeUp.Add(word);
        }
        var vocabulary = madeUp.ToList();
        var step = Math.Max(1, 600 / real.Length);
        for (var i = 0; i < real.Length; i++) vocabulary.Insert(Math.Min(vocabulary.Count, 20 + i * step), real[i]);
        return vocabulary.ToArray();
    }

    private static double[] ZipfCumulative(int size)
    {
        var weights = Enumerable.Range(1, size).Select(rank => 1.0 / rank).ToArray();
        var total = weights.Sum();
        var cumulative = new double[size];
        var running = 0.0;
        for (var i = 0; i < size; i++) cumulative[i] = running += weights[i] / total;
        return cumulative;
    }

    private static string Draw(Random random, string[] vocabulary, double[] cumulative)
    {
        var index = Array.BinarySearch(cumulative, random.NextDouble());
        return vocabulary[Math.Min(index < 0 ? ~index : index, vocabulary.Length - 1)];
    }

    public async Task EnsureTaxonomyAsync(HavenDbContext db, CancellationToken ct)
    {
        var topicCount = await db.Topics.CountAsync(ct);
        for (var i = topicCount; i < 40; i++)
            db.Topics.Add(new Topic { Slug = $"synthetic-topic-{i + 1}", Name = $"Synthetic topic {i + 1}", NameEs = $"Tema sintético {i + 1}" });
        var organizationCount = await db.Organizations.CountAsync(ct);
        for (var i = organizationCount; i < 60; i++)
            db.Organizations.Add(new Organization { Slug = $"synthetic-organization-{i + 1}", Name = $"Synthetic Organization {i + 1}" });
        var audienceCount = await db.Audiences.CountAsync(ct);
        for (var i = audienceCount; i < 8; i++)
            db.Audiences.Add(new Audience { Slug = $"synthetic-audience-{i + 1}", Name = $"Synthetic audience {i + 1}", NameEs = $"Público sintético {i + 1}" });
        var jurisdictionCount = await db.Jurisdictions.CountAsync(ct);
        for (var i = jurisdictionCount; i < 30; i++)
            db.Jurisdictions.Add(new Jurisdiction { Slug = $"synthetic-place-{i + 1}", Name = $"Synthetic County {i + 1}", Kind = JurisdictionKind.County });
        await db.SaveChangesAsync(ct);
    }

    public Resource Resource(int n, IReadOnlyList<Organization> organizations, IReadOnlyList<Topic> topics,
        IReadOnlyList<Audience> audiences, IReadOnlyList<Jurisdiction> jurisdictions, Instant now)
    {
        var random = new Random(_seed + n);
        var spanish = random.NextDouble() < 0.3;
        var vocabulary = spanish ? _spanishVocabulary : _englishVocabulary;
        var cumulative = spanish ? _spanishCumulative : _englishCumulative;
        var marked = new List<string>();
        if (random.NextDouble() < 0.25) marked.Add("detainer");
        if (random.NextDouble() < 0.60) marked.Add("probation");
        if (random.NextDouble() < 0.05) marked.Add("sheriff");
        if (random.NextDouble() < 0.001) marked.Add("wso");

        string Sentence(int length)
        {
            var picked = Enumerable.Range(0, length).Select(_ => Draw(random, vocabulary, cumulative)).ToList();
            foreach (var word in marked.Where(_ => random.NextDouble() < 0.3)) picked.Insert(random.Next(picked.Count), word);
            var text = string.Join(' ', picked);
            return char.ToUpperInvariant(text[0]) + text[1..] + ".";
        }

        var bodyParagraphs = Enumerable.Range(0, 4).Select(_ => string.Join(' ', Enumerable.Range(0, 6).Select(_ => Sentence(12)))).ToList();
        // Make sure each marked word really occurs at least once.
        bodyParagraphs.Add(string.Join(' ', marked));
        var year = 2011 + random.Next(16);
        var date = new LocalDate(year, 1 + random.Next(12), 1 + random.Next(28));
        var title = Sentence(6).TrimEnd('.');
        var resource = new Resource
        {
            Slug = $"synthetic-{n + 1}",
            Type = Types[random.Next(Types.Length)],
            Title = title,
            Summary = Sentence(20),
            BodyMarkdown = string.Join("\n\n", bodyParagraphs),
            BodyHtml = string.Join("", bodyParagraphs.Select(p => $"<p>{System.Net.WebUtility.HtmlEncode(p)}</p>")),
            Language = spanish ? "es" : "en",
            PublishedOn = date,
            CreatedAt = now,
            UpdatedAt = now,
            Revision = 1,
        };
        resource.Publish(now, DateTimeZone.Utc);
        var authorCount = 1 + (random.NextDouble() < 0.3 ? 1 : 0);
        foreach (var organization in Pick(random, organizations, authorCount))
            resource.Authors.Add(new ResourceAuthor { OrganizationId = organization.Id, Position = resource.Authors.Count });
        resource.Topics.AddRange(Pick(random, topics, 1 + random.Next(3)));
        resource.Audiences.AddRange(Pick(random, audiences, 1 + random.Next(2)));
        resource.Jurisdictions.AddRange(Pick(random, jurisdictions, random.Next(2)));
        return resource;
    }

    private static IEnumerable<T> Pick<T>(Random random, IReadOnlyList<T> items, int count) =>
        Enumerable.Range(0, Math.Min(count, items.Count)).Select(_ => items[random.Next(items.Count)]).Distinct();
}
