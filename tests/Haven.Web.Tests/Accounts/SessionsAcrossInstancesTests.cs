using System.Net;
using AwesomeAssertions;
using Haven.TestSupport;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Haven.Web.Tests.Accounts;

/// <summary>Two instances of one site behind a load balancer: the keys that protect sign-in cookies live in the
/// database, so a session opened on one instance is honoured by the other. Both databases.</summary>
public abstract class SessionsAcrossInstancesTests(HavenFactory first) : IAsyncLifetime
{
    private HavenFactory _second = null!;

    public ValueTask InitializeAsync()
    {
        _second = new HavenFactory(first);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task A_session_opened_on_one_instance_works_on_the_other()
    {
        var t = await first.CreateTaxonomyAsync();
        var email = await first.CreateMemberAsync(t.Organization.Id);
        var client = first.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var page = await client.GetAsync("/account/signin");
        var antiforgeryCookie = page.Headers.GetValues("Set-Cookie").First(c => c.StartsWith("haven-antiforgery=", StringComparison.Ordinal)).Split(';')[0];
        var token = WebUtility.HtmlDecode(TestAccounts.AntiforgeryToken().Match(await page.Content.ReadAsStringAsync()).Groups[1].Value);
        using var signIn = new HttpRequestMessage(HttpMethod.Post, "/account/signin")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["email"] = email, ["password"] = TestAccounts.Password, ["__RequestVerificationToken"] = token }),
        };
        signIn.Headers.Add("Cookie", antiforgeryCookie);
        var signedIn = await client.SendAsync(signIn);
        var session = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("haven-session=", StringComparison.Ordinal)).Split(';')[0];

        var other = _second.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin");
        request.Headers.Add("Cookie", session);
        (await other.SendAsync(request)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await first.WithDbAsync(db => db.DataProtectionKeys.CountAsync())).Should().BeGreaterThan(0);
    }

    public async ValueTask DisposeAsync() => await _second.DisposeAsync();
}

public sealed class SessionsAcrossInstancesOnSqlite(SqliteSite site) : SessionsAcrossInstancesTests(site), IClassFixture<SqliteSite>;

public sealed class SessionsAcrossInstancesOnPostgres(PostgresSite site) : SessionsAcrossInstancesTests(site), IClassFixture<PostgresSite>;
