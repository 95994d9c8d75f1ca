using System.Diagnostics;
using System.Net;
using AwesomeAssertions;
using Haven.TestSupport;
using Haven.Web.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Haven.Web.Tests.Hosting;

/// <summary>Health, headers and the pieces of the host every page relies on. Runs on both databases.</summary>
public abstract class HostingTests(HavenFactory site)
{
    [Fact]
    public async Task Health_check_answers_200_when_the_database_is_reachable()
    {
        var response = await site.CreateClient().GetAsync("/healthz");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("Healthy");
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/resources")]
    [InlineData("/es/resources")]
    [InlineData("/account/signin")]
    public async Task Pages_carry_strict_security_headers(string url)
    {
        var response = await site.CreateClient().GetAsync(url);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        csp.Should().Contain("frame-ancestors 'none'").And.Contain("script-src 'self'").And.NotContain("unsafe-inline");
        response.Headers.GetValues("X-Content-Type-Options").Should().Contain("nosniff");
        response.Headers.GetValues("Referrer-Policy").Should().ContainSingle();
    }

    [Fact]
    public async Task The_stylesheet_is_linked_by_its_fingerprint_and_kept_a_year_while_the_bare_address_is_revalidated()
    {
        var client = site.CreateClient();
        var href = Html.Parse(await client.GetStringAsync("/")).QuerySelector("link[rel=stylesheet]")!.GetAttribute("href")!;
        href.Should().StartWith("/css/site.css?v=");
        var versioned = await client.GetAsync(href);
        versioned.StatusCode.Should().Be(HttpStatusCode.OK);
        versioned.Headers.CacheControl!.ToString().Should().Be("public, max-age=31536000, immutable");
        var bare = await client.GetAsync("/css/site.css");
        bare.Headers.CacheControl!.NoCache.Should().BeTrue();
        bare.Headers.ETag.Should().NotBeNull();
    }

    [Fact]
    public async Task An_unknown_address_gets_a_friendly_404_page()
    {
        var response = await site.CreateClient().GetAsync("/no/such/page");
        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        Html.Parse(await response.Content.ReadAsStringAsync()).QuerySelector("h1")!.TextContent.Should().Be("Page not found");
    }

    [Fact]
    public async Task The_migrations_of_this_database_match_the_model()
    {
        // A model change without `dotnet ef migrations add` for this provider fails here, not in production.
        (await site.WithDbAsync(db => Task.FromResult(db.Database.HasPendingModelChanges()))).Should().BeFalse();
    }

    [Fact]
    public async Task Forms_without_the_antiforgery_token_are_refused()
    {
        var client = site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.PostAsync("/account/signin", new FormUrlEncodedContent([new("email", "a@example.org"), new("password", "x")]));
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }
}

public sealed class HostingOnSqlite(SqliteSite site) : HostingTests(site), IClassFixture<SqliteSite>;

public sealed class HostingOnPostgres(PostgresSite site) : HostingTests(site), IClassFixture<PostgresSite>;

/// <summary>The command line, run as a real process the way an operator runs it.</summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "haven-cli-" + Guid.NewGuid().ToString("N"));

    private async Task<(int Code, string Output)> RunAsync(string stdin, params string[] args)
    {
        var haven = Path.Combine(AppContext.BaseDirectory, "haven.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(haven);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["Haven__DataPath"] = _data;
        start.Environment["Haven__LoadDemoContent"] = "false";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteLineAsync(stdin);
        process.StandardInput.Close();
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, output + error);
    }

    [Fact]
    public async Task An_administrator_is_created_from_the_command_line_and_can_sign_in()
    {
        var (code, output) = await RunAsync("a long enough passphrase", "admin", "create", "--email", "lead@example.org", "--password-stdin");
        code.Should().Be(0, output);

        await using var site = new CommandLineSite(_data);
        var client = site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.PostFormAsync("/account/signin", "/account/signin",
            new Dictionary<string, string> { ["email"] = "lead@example.org", ["password"] = "a long enough passphrase" });
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);

        // An administrator's first visit sets up two-factor sign-in before anything else.
        var admin = await client.GetAsync("/admin");
        admin.Headers.Location!.ToString().Should().Be("/account/security?required=true");
        var security = Html.Parse(await client.GetStringAsync("/account/security?required=true"));
        var key = security.QuerySelector(".authenticator-key")!.GetAttribute("data-key")!;
        security.QuerySelector(".qr-code svg").Should().NotBeNull();
        var enabled = await client.PostFormAsync("/account/security", "/account/security?handler=Enable",
            new Dictionary<string, string> { ["code"] = TestAccounts.CodeFor(key) });
        Html.Parse(await enabled.Content.ReadAsStringAsync()).QuerySelectorAll(".recovery-codes li").Should().HaveCount(10);
        (await client.GetAsync("/admin")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_short_password_or_a_second_account_for_the_email_changes_nothing()
    {
        (await RunAsync("short", "admin", "create", "--email", "lead@example.org", "--password-stdin")).Code.Should().Be(1);
        (await RunAsync("a long enough passphrase", "admin", "create", "--email", "lead@example.org", "--password-stdin")).Code.Should().Be(0);
        var second = await RunAsync("another long passphrase", "admin", "create", "--email", "lead@example.org", "--password-stdin");
        second.Code.Should().Be(1);
        second.Output.Should().Contain("already exists");
    }

    private sealed class CommandLineSite(string dataPath) : HavenFactory(DatabaseProvider.Sqlite, dataPath);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_data)) Directory.Delete(_data, recursive: true);
    }
}
