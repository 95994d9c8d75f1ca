namespace Haven.Search.Tests;

public sealed class FacetTests
{
    private static TestIndex Library() => new(
        Some.Resource(1, body: "detainer").With(ResourceFacet.Type, "advisory").With(ResourceFacet.Topic, "detainers", "bonds").With(ResourceFacet.Language, "en"),
        Some.Resource(2, body: "detainer").With(ResourceFacet.Type, "toolkit").With(ResourceFacet.Topic, "detainers").With(ResourceFacet.Language, "en"),
        Some.Resource(3, body: "detainer").With(ResourceFacet.Type, "advisory").With(ResourceFacet.Topic, "bonds").With(ResourceFacet.Language, "es"),
        Some.Resource(4, body: "parole").With(ResourceFacet.Type, "report").With(ResourceFacet.Topic, "parole").With(ResourceFacet.Language, "en"));

    private static ResourceQuery Query(string? text = null, params (ResourceFacet Facet, string[] Values)[] filters) =>
        new() { Text = text, Filters = Filters.Of(filters), PageSize = 100 };

    private static int[] Ids(ResourceSearchResult result) => result.Hits.Select(h => h.ResourceId).Order().ToArray();

    [Fact]
    public void A_scope_restricts_results_and_counts_its_own_facet_only_among_them()
    {
        using var index = Library();

        var result = index.Run(new ResourceQuery { Scope = Filters.Of((ResourceFacet.Topic, ["detainers"])), PageSize = 100 });

        Ids(result).Should().Equal(1, 2);
        result.Total.Should().Be(2);
        // Unlike a filter, the scope's facet is not counted as if it were unchosen: only the scoped documents count.
        result.Facets[ResourceFacet.Topic].Should().BeEquivalentTo([new FacetCount("detainers", 2, false), new FacetCount("bonds", 1, false)]);
        result.Facets[ResourceFacet.Type].Select(f => (f.Value, f.Count)).Should().BeEquivalentTo([("advisory", 1), ("toolkit", 1)]);
    }

    [Fact]
    public void A_scope_combines_with_text_filters_and_relevance()
    {
        using var index = Library();

        var result = index.Run(new ResourceQuery
        {
            Text = "detainer",
            Scope = Filters.Of((ResourceFacet.Topic, ["bonds"])),
            Filters = Filters.Of((ResourceFacet.Language, ["en"])),
            PageSize = 100,
        });

        Ids(result).Should().Equal(1);
        result.Hits.Single().Score.Should().BeGreaterThan(0, "the scope adds nothing to scores but does not erase them");
        result.Hits.Single().SnippetHtml.Should().Contain("<mark>");
    }

    [Fact]
    public void Values_of_one_facet_combine_with_or()
    {
        using var index = Library();

        var result = index.Run(Query(filters: (ResourceFacet.Type, ["toolkit", "report"])));

        Ids(result).Should().Equal(2, 4);
        result.Total.Should().Be(2);
    }

    [Fact]
    public void Facets_combine_with_and()
    {
        using var index = Library();

        var result = index.Run(Query(filters: [(ResourceFacet.Type, ["advisory"]), (ResourceFacet.Topic, ["detainers"])]));

        Ids(result).Should().Equal(1);
    }

    [Fact]
    public void A_multi_valued_document_passes_if_any_of_its_values_is_selected()
    {
        using var index = Library();

        Ids(index.Run(Query(filters: (ResourceFacet.Topic, ["bonds"])))).Should().Equal(1, 3);
    }

    [Fact]
    public void Counts_without_filters_describe_the_matches()
    {
        using var index = Library();

        var result = index.Run(Query("detainer"));

        result.Facets[ResourceFacet.Type].Should().Equal(new FacetCount("advisory", 2, false), new FacetCount("toolkit", 1, false));
        result.Facets[ResourceFacet.Topic].Should().Equal(new FacetCount("bonds", 2, false), new FacetCount("detainers", 2, false));
        result.Facets[ResourceFacet.Language].Should().Equal(new FacetCount("en", 2, false), new FacetCount("es", 1, false));
        result.Facets[ResourceFacet.Audience].Should().BeEmpty();
        result.Facets.Keys.Should().BeEquivalentTo(ResourceFacets.All);
    }

    [Fact]
    public void A_filtered_facet_counts_as_if_its_own_filter_were_off()
    {
        using var index = Library();

        var result = index.Run(Query(filters: [(ResourceFacet.Type, ["toolkit"]), (ResourceFacet.Language, ["en"])]));

        Ids(result).Should().Equal(2);
        result.Facets[ResourceFacet.Type].Should().Equal(
            new FacetCount("advisory", 1, false),
            new FacetCount("report", 1, false),
            new FacetCount("toolkit", 1, true));
        result.Facets[ResourceFacet.Language].Should().Equal(new FacetCount("en", 1, true));
        result.Facets[ResourceFacet.Topic].Should().Equal(new FacetCount("detainers", 1, false));
    }

    [Fact]
    public void A_selected_value_without_matches_is_listed_with_zero()
    {
        using var index = Library();

        var result = index.Run(Query("parole", (ResourceFacet.Type, ["advisory"])));

        result.Total.Should().Be(0);
        result.Facets[ResourceFacet.Type].Should().Equal(new FacetCount("report", 1, false), new FacetCount("advisory", 0, true));
    }

    [Fact]
    public void An_unknown_filter_value_matches_nothing_without_throwing()
    {
        using var index = Library();

        var result = index.Run(Query(filters: (ResourceFacet.Topic, ["no-such-topic", "", "'; DROP TABLE"])));

        result.Total.Should().Be(0);
        result.Hits.Should().BeEmpty();
        result.Facets[ResourceFacet.Topic].Should().Contain(new FacetCount("no-such-topic", 0, true));
        result.Facets[ResourceFacet.Topic].Should().Contain(new FacetCount("bonds", 2, false));
    }

    [Fact]
    public void An_unknown_value_beside_a_known_one_does_not_change_the_result()
    {
        using var index = Library();

        Ids(index.Run(Query(filters: (ResourceFacet.Type, ["toolkit", "nonsense"])))).Should().Equal(2);
    }

    [Fact]
    public void Years_are_listed_newest_first_and_other_facets_by_count_then_value()
    {
        using var index = new TestIndex(
            Some.Resource(1, date: Some.Date(2019)).With(ResourceFacet.Organization, "b-org"),
            Some.Resource(2, date: Some.Date(2024)).With(ResourceFacet.Organization, "a-org"),
            Some.Resource(3, date: Some.Date(2021)).With(ResourceFacet.Organization, "c-org"),
            Some.Resource(4, date: Some.Date(2021)).With(ResourceFacet.Organization, "c-org"));

        var result = index.Run(Query());

        result.Facets[ResourceFacet.Year].Select(f => f.Value).Should().Equal("2024", "2021", "2019");
        result.Facets[ResourceFacet.Organization].Select(f => f.Value).Should().Equal("c-org", "a-org", "b-org");
    }

    [Fact]
    public void Explicit_facet_values_win_over_the_fallbacks_from_language_and_date()
    {
        using var index = new TestIndex(
            Some.Resource(1, language: "es", date: Some.Date(2020)).With(ResourceFacet.Year, "2019").With(ResourceFacet.Language, "es"),
            Some.Resource(2, language: "en", date: Some.Date(2022)));

        var result = index.Run(Query());

        result.Facets[ResourceFacet.Year].Select(f => f.Value).Should().Equal("2022", "2019");
        result.Facets[ResourceFacet.Language].Select(f => f.Value).Should().BeEquivalentTo(["en", "es"]);
    }

    [Fact]
    public void Disjunctive_counts_equal_what_filtering_would_give()
    {
        var random = new Random(20240611);
        string[] words = ["detainer", "probation", "sheriff", "asylum", "warrant"];
        string[] types = ["advisory", "toolkit", "report", "webinar"];
        string[] topics = ["bonds", "detainers", "parole", "crimmigration", "youth", "raids"];
        string[] audiences = ["attorneys", "advocates", "community"];
        string[] languages = ["en", "es"];
        var documents = new Dictionary<int, ResourceSearchDocument>();

        using var index = new TestIndex();
        for (var batch = 0; batch < 6; batch++)
        {
            var upserts = new List<ResourceSearchDocument>();
            for (var i = 0; i < 40; i++)
            {
                var id = random.Next(1, 200);
                var body = string.Join(' ', words.Where(_ => random.NextDouble() < 0.4).Append("filler"));
                var language = languages[random.Next(2)];
                var document = Some.Resource(id, body: body, language: language, date: Some.Date(2010 + random.Next(10)))
                    .With(ResourceFacet.Type, types[random.Next(types.Length)])
                    .With(ResourceFacet.Topic, topics.Where(_ => random.NextDouble() < 0.3).ToArray())
                    .With(ResourceFacet.Audience, audiences.Where(_ => random.NextDouble() < 0.5).ToArray())
                    .With(ResourceFacet.Language, language);
                upserts.Add(document);
                documents[id] = document;
            }

            var deletions = Enumerable.Range(0, 5).Select(_ => random.Next(1, 200)).Where(id => !upserts.Any(u => u.ResourceId == id)).ToList();
            index.Index.Apply(upserts, deletions, batch + 1);
            deletions.ForEach(id => documents.Remove(id));
        }

        var facets = new (ResourceFacet Facet, string[] Values)[]
        {
            (ResourceFacet.Type, types), (ResourceFacet.Topic, topics), (ResourceFacet.Audience, audiences),
            (ResourceFacet.Language, languages), (ResourceFacet.Year, ["2011", "2013", "2015", "2017", "2030"]),
        };

        for (var round = 0; round < 150; round++)
        {
            // Round 0: no words and no filters (the precomputed-counts path); then random words and filters.
            var queryWords = round == 0 ? [] : words.Where(_ => random.NextDouble() < 0.25).ToArray();
            var filters = new Dictionary<ResourceFacet, IReadOnlyList<string>>();
            foreach (var (facet, values) in facets)
            {
                if (round > 0 && random.NextDouble() < 0.45)
                {
                    var chosen = values.Where(_ => random.NextDouble() < 0.4).ToList();
                    if (random.NextDouble() < 0.1)
                    {
                        chosen.Add("unknown-value");
                    }

                    filters[facet] = chosen;
                }
            }

            var result = index.Run(new ResourceQuery { Text = string.Join(' ', queryWords), Filters = filters, PageSize = 100 });

            bool MatchesText(ResourceSearchDocument d) => queryWords.All(w => d.Body.Split(' ').Contains(w));
            bool Passes(ResourceSearchDocument d, ResourceFacet facet) =>
                !filters.TryGetValue(facet, out var selected) || selected.Count == 0 || Values(d, facet).Any(selected.Contains);

            var expectedHits = documents.Values.Where(d => MatchesText(d) && ResourceFacets.All.All(f => Passes(d, f))).ToList();
            result.Total.Should().Be(expectedHits.Count, "round {0}", round);
            if (expectedHits.Count <= 100)
            {
                result.Hits.Select(h => h.ResourceId).Should().BeEquivalentTo(expectedHits.Select(d => d.ResourceId), "round {0}", round);
            }

            foreach (var facet in ResourceFacets.All)
            {
                var counted = documents.Values
                    .Where(d => MatchesText(d) && ResourceFacets.All.Where(f => f != facet).All(f => Passes(d, f)))
                    .SelectMany(d => Values(d, facet))
                    .GroupBy(v => v)
                    .ToDictionary(g => g.Key, g => g.Count());
                var selectedValues = filters.TryGetValue(facet, out var s) ? s : [];
                var expected = counted.Keys.Union(selectedValues)
                    .Select(v => new FacetCount(v, counted.GetValueOrDefault(v), selectedValues.Contains(v)))
                    .ToList();

                result.Facets[facet].Should().BeEquivalentTo(expected, "round {0}, facet {1}", round, facet);
            }
        }
    }

    private static IEnumerable<string> Values(ResourceSearchDocument document, ResourceFacet facet) =>
        facet == ResourceFacet.Year
            ? [document.Date!.Value.Year.ToString(System.Globalization.CultureInfo.InvariantCulture)]
            : document.FacetValues.TryGetValue(facet, out var values) ? values : [];
}
