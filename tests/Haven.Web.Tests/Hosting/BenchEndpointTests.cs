using System.Net;
using AwesomeAssertions;
using Haven.TestSupport;
using Haven.Web.Hosting;

namespace Haven.Web.Tests.Hosting;

/// <summary>The benchmarks' endpoints exist only when a bench run turns them on, and the one that costs what is asked
/// checks what it is asked.</summary>
public sealed class BenchEndpointTests
{
    private sealed class BenchSite : HavenFactory
    {
        public BenchSite(bool benchEndpoints) : base(DatabaseProvider.Sqlite)
        {
            if (benchEndpoints) Settings["Haven:Bench:Plaintext"] = "true";
        }
    }

    [Fact]
    public async Task Work_answers_a_search_page_s_worth_of_text_after_the_time_asked()
    {
        await using var site = new BenchSite(benchEndpoints: true);
        using var client = site.CreateClient();

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var answer = await client.GetStringAsync("/_bench/work?us=20000");

        System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds.Should().BeGreaterThanOrEqualTo(20);
        answer.Length.Should().Be(BenchWork.AnswerLength);
        (await client.GetStringAsync("/_bench/work?us=0")).Length.Should().Be(BenchWork.AnswerLength);
    }

    [Theory]
    [InlineData("/_bench/work?us=-1")]
    [InlineData("/_bench/work?us=100001")]
    [InlineData("/_bench/work?us=abc")]
    [InlineData("/_bench/work")]
    public async Task Work_refuses_a_missing_or_unreasonable_time(string url)
    {
        await using var site = new BenchSite(benchEndpoints: true);
        using var client = site.CreateClient();

        (await client.GetAsync(url)).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("/_bench/plaintext")]
    [InlineData("/_bench/work?us=10")]
    public async Task Without_a_bench_run_the_endpoints_do_not_exist(string url)
    {
        await using var site = new BenchSite(benchEndpoints: false);
        using var client = site.CreateClient();

        (await client.GetAsync(url)).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
