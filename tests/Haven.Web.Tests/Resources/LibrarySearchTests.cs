using System.Net;
using AwesomeAssertions;
using Haven.Core.Accounts;
using Haven.Core.Organizations;
using Haven.Core.Resources;
using Haven.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Haven.Web.Tests.Resources;

/// <summary>The public library over HTTP: search, facets, sorting, paging and hostile input. Runs on both databases.</summary>
public abstract class LibrarySearchTests(HavenFactory site)
{
    private readonly HttpClient _client = site.CreateClient();

    [Fact]
    public async Task A_published_resource_is_found_by_a_stemmed_word_as_soon_as_it_is_saved()
    {
        var t = await site.CreateTaxonomyAsync();
        await site.SaveResourceAsync(t.Resource($"Answering a detainer {t.Some.Token}", "How defenders answer a detainer request."));
        await site.SaveResourceAsync(t.Resource($"Unpublished detainer notes {t.Some.Token}"), SaveAction.SaveDraft);

        var page = await _client.GetDocumentAsync($"/resources?q=detainers+{t.Some.Token}");

        page.ResultTitles().Should().Equal($"Answering a detainer {t.Some.Token}");
        page.ResultCount().Should().Be(1);
        page.QuerySelector(".snippet mark")!.TextContent.Should().BeEquivalentTo("detainer");
    }

    [Fact]
    public async Task The_count_reads_as_a_sentence_in_both_languages_one_included()
    {
        var t = await site.CreateTaxonomyAsync();
        await site.SaveResourceAsync(t.Resource($"Counted once {t.Some.Token}"));
        string Count(AngleSharp.Dom.IDocument page) => page.QuerySelector(".results-count")!.TextContent.Trim();

        Count(await _client.GetDocumentAsync($"/resources?q={t.Some.Token}")).Should().Be("1 resource");
        Count(await _client.GetDocumentAsync($"/es/resources?q={t.Some.Token}")).Should().Be("1 recurso");

        await site.SaveResourceAsync(t.Resource($"Counted twice {t.Some.Token}"));
        Count(await _client.GetDocumentAsync($"/resources?q={t.Some.Token}")).Should().Be("2 resources");
        Count(await _client.GetDocumentAsync($"/es/resources?q={t.Some.Token}")).Should().Be("2 recursos");
        Count(await _client.GetDocumentAsync($"/resources?q=nothingmatches{t.Some.Token}")).Should().Be("0 resources");
    }

    [Fact]
    public async Task A_word_found_only_inside_a_pdf_attachment_finds_its_resource()
    {
        var t = await site.CreateTaxonomyAsync();
        var resource = await site.SaveResourceAsync(t.Resource($"Screening guide {t.Some.Token}", "Nothing special in the body."));
        await site.AttachPdfAsync(resource.Id, "guide.pdf", $"Page one mentions the xylophonic{t.Some.Token} pilot program in passing.");

        var page = await _client.GetDocumentAsync($"/resources?q=xylophonic{t.Some.Token}");

        page.ResultTitles().Should().Equal($"Screening guide {t.Some.Token}");
        page.QuerySelector(".snippet")!.InnerHtml.Should().Contain("<mark>");
    }

    [Fact]
    public async Task Facet_counts_agree_with_the_results_and_facets_combine()
    {
        var t = await site.CreateTaxonomyAsync();
        var both = t.Resource($"Alpha {t.Some.Token}") with { TopicIds = [t.Topic.Id, t.OtherTopic.Id] };
        await site.SaveResourceAsync(both);
        await site.SaveResourceAsync(t.Resource($"Beta {t.Some.Token}", type: ResourceType.Toolkit));
        await site.SaveResourceAsync(t.Resource($"Gamma {t.Some.Token}", type: ResourceType.Toolkit) with { TopicIds = [t.OtherTopic.Id] });

        var all = await _client.GetDocumentAsync($"/resources?q={t.Some.Token}");
        all.ResultCount().Should().Be(3);
        all.FacetCount("topic", t.Topic.Slug).Should().Be(2);
        all.FacetCount("topic", t.OtherTopic.Slug).Should().Be(2);
        all.FacetCount("type", "toolkit").Should().Be(2);
        all.FacetCount("type", "practice-advisory").Should().Be(1);

        // Two facets narrow together (AND)...
        var narrowed = await _client.GetDocumentAsync($"/resources?q={t.Some.Token}&type=toolkit&topic={t.OtherTopic.Slug}");
        narrowed.ResultTitles().Should().Equal($"Gamma {t.Some.Token}");
        narrowed.FacetSelected("type", "toolkit").Should().BeTrue();
        // ...and the other facets' counts describe exactly the results on the page.
        narrowed.FacetCount("organization", t.Organization.Slug).Should().Be(narrowed.ResultCount());

        // Two values of one facet widen (OR).
        var either = await _client.GetDocumentAsync($"/resources?q={t.Some.Token}&type=toolkit&type=practice-advisory&topic={t.OtherTopic.Slug}");
        either.ResultCount().Should().Be(2);
    }

    [Fact]
    public async Task Facet_links_keep_the_whole_search_in_the_url()
    {
        var t = await site.CreateTaxonomyAsync();
        await site.SaveResourceAsync(t.Resource($"Delta {t.Some.Token}"));
        var page = await _client.GetDocumentAsync($"/resources?q={t.Some.Token}&sort=oldest");
        var link = page.QuerySelectorAll("a.facet-option").First(a => a.GetAttribute("data-value") == t.Topic.Slug).GetAttribute("href")!;
        link.Should().Contain($"q={t.Some.Token}").And.Contain("sort=oldest").And.Contain($"topic={t.Topic.Slug}");
        var followed = await _client.GetDocumentAsync(link);
        followed.ResultTitles().Should().Equal($"Delta {t.Some.Token}");
    }

    [Fact]
    public async Task Results_sort_by_date_both_ways()
    {
        var t = await site.CreateTaxonomyAsync();
        await site.SaveResourceAsync(t.Resource($"Middle {t.Some.Token}", publishedOn: "2020-06-01"));
        await site.SaveResourceAsync(t.Resource($"Old {t.Some.Token}", publishedOn: "2015-01-01"));
        await site.SaveResourceAsync(t.Resource($"New {t.Some.Token}", publishedOn: "2025-12-31"));

        (await _client.GetDocumentAsync($"/resources?q={t.Some.Token}&sort=newest")).ResultTitles()
            .Should().Equal($"New {t.Some.Token}", $"Middle {t.Some.Token}", $"Old {t.Some.Token}");
        (await _client.GetDocumentAsync($"/resources?q={t.Some.Token}&sort=oldest")).ResultTitles()
            .Should().Equal($"Old {t.Some.Token}", $"Middle {t.Some.Token}", $"New {t.Some.Token}");
    }

    [Fact]
    public async Task Pages_split_long_results_and_odd_page_numbers_are_safe()
    {
        var t = await site.CreateTaxonomyAsync();
        for (var i = 0; i < 23; i++)
            await site.SaveResourceAsync(t.Resource($"Item {i:00} {t.Some.Token}", publishedOn: $"2020-01-{i + 1:00}"));

        var first = await _client.GetDocumentAsync($"/resources?q={t.Some.Token}&sort=newest");
        first.ResultTitles().Should().HaveCount(20);
        first.QuerySelector("a[rel=next]")!.GetAttribute("href").Should().Contain("page=2");
        var second = await _client.GetDocumentAsync($"/resources?q={t.Some.Token}&sort=newest&page=2");
        second.ResultTitles().Should().HaveCount(3).And.Contain($"Item 00 {t.Some.Token}");

        (await _client.GetDocumentAsync($"/resources?q={t.Some.Token}&page=-5")).ResultTitles().Should().HaveCount(20);
        (await _client.GetDocumentAsync($"/resources?q={t.Some.Token}&page=abc")).ResultTitles().Should().HaveCount(20);
        var beyond = await _client.GetDocumentAsync($"/resources?q={t.Some.Token}&page=99999999999");
        beyond.ResultCount().Should().Be(23);
    }

    [Theory]
    [InlineData("\"")]
    [InlineData("NEAR(")]
    [InlineData("*")]
    [InlineData("title:(a OR")]
    [InlineData("-")]
    [InlineData("\\")]
    [InlineData("AND OR NOT")]
    public async Task Malformed_searches_answer_normally(string query)
    {
        var response = await _client.GetAsync("/resources?q=" + Uri.EscapeDataString(query));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_ten_thousand_character_search_is_shortened_with_a_notice()
    {
        var page = await _client.GetDocumentAsync("/resources?q=" + new string('a', 5000) + "+" + new string('b', 5000));
        page.QuerySelector(".notice")!.TextContent.Should().Contain("500");
    }

    [Fact]
    public async Task Unknown_facet_values_are_ignored()
    {
        var t = await site.CreateTaxonomyAsync();
        await site.SaveResourceAsync(t.Resource($"Epsilon {t.Some.Token}"));
        var page = await _client.GetDocumentAsync($"/resources?q={t.Some.Token}&topic=no-such-topic&type=<script>&year=20x5&language=zz");
        page.ResultTitles().Should().Equal($"Epsilon {t.Some.Token}");
    }

    [Fact]
    public async Task Spanish_resources_are_found_through_spanish_stemming()
    {
        var t = await site.CreateTaxonomyAsync();
        await site.SaveResourceAsync(t.Resource($"Conozca sus derechos {t.Some.Token}", "Los derechos de las familias inmigrantes.", language: "es"));
        var page = await _client.GetDocumentAsync($"/es/resources?q=derecho+{t.Some.Token}");
        page.ResultTitles().Should().Equal($"Conozca sus derechos {t.Some.Token}");
        page.FacetCount("language", "es").Should().Be(1);
    }

    [Fact]
    public async Task Unpublishing_removes_a_resource_from_search()
    {
        var t = await site.CreateTaxonomyAsync();
        var resource = await site.SaveResourceAsync(t.Resource($"Zeta {t.Some.Token}"));
        (await _client.GetDocumentAsync($"/resources?q={t.Some.Token}")).ResultCount().Should().Be(1);

        await site.SaveResourceAsync(t.Resource($"Zeta {t.Some.Token}"), SaveAction.Unpublish, resource.Id, resource.Revision);

        (await _client.GetDocumentAsync($"/resources?q={t.Some.Token}")).ResultCount().Should().Be(0);
        (await _client.GetAsync($"/resources/{resource.Slug}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
    [Fact]
    public async Task A_renamed_topic_shows_its_new_name_after_the_next_save_or_within_a_minute()
    {
        var t = await site.CreateTaxonomyAsync();
        await site.SaveResourceAsync(t.Resource($"Theta {t.Some.Token}"));
        (await TopicLabelAsync(t)).Should().Be(t.Topic.Name);

        await RenameTopicAsync(t, $"Detention holds {t.Some.Token}");
        site.Clock.Advance(NodaTime.Duration.FromSeconds(61));
        (await TopicLabelAsync(t)).Should().Be($"Detention holds {t.Some.Token}");

        await RenameTopicAsync(t, $"Immigration holds {t.Some.Token}");
        await site.SaveResourceAsync(t.Resource($"Iota {t.Some.Token}"));
        (await TopicLabelAsync(t)).Should().Be($"Immigration holds {t.Some.Token}");
    }

    [Fact]
    public async Task The_result_list_shows_what_the_database_says_after_every_change_it_shows()
    {
        // The list is read from the index, not the tables: every change it shows must reach the index.
        var t = await site.CreateTaxonomyAsync();
        var old = await site.SaveResourceAsync(t.Resource($"Kappa old {t.Some.Token}"));
        (await ResultAsync(t, old.Slug)).Badges.Should().NotContain("Superseded");

        var newer = await site.SaveResourceAsync(t.Resource($"Kappa new {t.Some.Token}") with { SupersedesId = old.Id });
        (await ResultAsync(t, old.Slug)).Badges.Should().Contain("Superseded");
        (await ResultAsync(t, newer.Slug)).Badges.Should().NotContain("Superseded");

        await site.SaveResourceAsync(t.Resource($"Kappa new {t.Some.Token}") with { SupersedesId = null }, id: newer.Id, expectedRevision: newer.Revision);
        (await ResultAsync(t, old.Slug)).Badges.Should().NotContain("Superseded");

        // An organization's new name (same address) reaches the authors line of every resource it wrote.
        await using (var scope = site.Scope())
        {
            var renamed = await scope.ServiceProvider.GetRequiredService<SaveOrganization>().RunAsync(new OrganizationEdit
            {
                OrganizationId = t.Organization.Id,
                Actor = Actor.System("test"),
                Fields = new OrganizationFields { Name = $"Renamed Defenders {t.Some.Token}", Slug = t.Organization.Slug, ShortName = "RD" },
            });
            renamed.Succeeded.Should().BeTrue(string.Join("; ", renamed.Problems));
        }

        (await ResultAsync(t, old.Slug)).Authors.Should().Be($"Renamed Defenders {t.Some.Token}");

        // A new title, summary and type reach the list with the save.
        var edited = await site.SaveResourceAsync(t.Resource($"Kappa edited {t.Some.Token}", type: ResourceType.Toolkit), id: old.Id, expectedRevision: old.Revision);
        var result = await ResultAsync(t, edited.Slug);
        result.Title.Should().Be($"Kappa edited {t.Some.Token}");
        result.Summary.Should().Be($"Summary of Kappa edited {t.Some.Token}.");
        result.Badges.Should().Contain("Toolkit");
    }

    private async Task<(string Title, string? Summary, string? Authors, IReadOnlyList<string> Badges)> ResultAsync(TestTaxonomy t, string slug)
    {
        var page = await _client.GetDocumentAsync($"/resources?organization={t.Organization.Slug}");
        var item = page.QuerySelectorAll(".result").Single(r => r.QuerySelector(".result-title a")!.GetAttribute("href") == $"/resources/{slug}");
        return (item.QuerySelector(".result-title a")!.TextContent.Trim(), item.QuerySelector(".summary")?.TextContent.Trim(),
            item.QuerySelector(".result-authors")?.TextContent.Trim(), item.QuerySelectorAll(".badge").Select(b => b.TextContent.Trim()).ToList());
    }

    private async Task<string?> TopicLabelAsync(TestTaxonomy t)
    {
        var page = await _client.GetDocumentAsync($"/resources?q={t.Some.Token}");
        var option = page.QuerySelectorAll("a.facet-option")
            .FirstOrDefault(a => a.GetAttribute("data-facet") == "topic" && a.GetAttribute("data-value") == t.Topic.Slug);
        return option?.QuerySelector(".facet-label")?.TextContent.Trim();
    }

    private Task RenameTopicAsync(TestTaxonomy t, string name) => site.WithDbAsync(async db =>
    {
        var topic = await db.Topics.SingleAsync(x => x.Id == t.Topic.Id);
        topic.Name = name;
        return await db.SaveChangesAsync();
    });
}

public sealed class LibrarySearchOnSqlite(SqliteSite site) : LibrarySearchTests(site), IClassFixture<SqliteSite>;

public sealed class LibrarySearchOnPostgres(PostgresSite site) : LibrarySearchTests(site), IClassFixture<PostgresSite>;
