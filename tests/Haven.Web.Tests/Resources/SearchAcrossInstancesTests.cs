using AwesomeAssertions;
using Haven.Core.Resources;
using Haven.TestSupport;

namespace Haven.Web.Tests.Resources;

/// <summary>Two instances of one site (one database, each with its own search index): a change saved through one
/// is searchable through the other at its very next search. Runs on both databases.</summary>
public abstract class SearchAcrossInstancesTests(HavenFactory first) : IAsyncLifetime
{
    private HavenFactory _second = null!;

    public ValueTask InitializeAsync()
    {
        _second = new HavenFactory(first);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task A_resource_saved_on_one_instance_is_found_and_then_forgotten_on_the_other()
    {
        var t = await first.CreateTaxonomyAsync();
        var other = _second.CreateClient();
        (await other.GetDocumentAsync($"/resources?q={t.Some.Token}")).ResultCount().Should().Be(0);

        var resource = await first.SaveResourceAsync(t.Resource($"Shared across instances {t.Some.Token}"));
        (await other.GetDocumentAsync($"/resources?q={t.Some.Token}")).ResultTitles().Should().Equal($"Shared across instances {t.Some.Token}");

        await first.AttachPdfAsync(resource.Id, "extra.pdf", $"The ptarmigan{t.Some.Token} appendix.");
        (await other.GetDocumentAsync($"/resources?q=ptarmigan{t.Some.Token}")).ResultCount().Should().Be(1);

        await first.SaveResourceAsync(t.Resource($"Shared across instances {t.Some.Token}"), SaveAction.Unpublish, resource.Id, resource.Revision);
        (await other.GetDocumentAsync($"/resources?q={t.Some.Token}")).ResultCount().Should().Be(0);
    }

    public async ValueTask DisposeAsync() => await _second.DisposeAsync();
}

public sealed class SearchAcrossInstancesOnSqlite(SqliteSite site) : SearchAcrossInstancesTests(site), IClassFixture<SqliteSite>;

public sealed class SearchAcrossInstancesOnPostgres(PostgresSite site) : SearchAcrossInstancesTests(site), IClassFixture<PostgresSite>;
