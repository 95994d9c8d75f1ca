using System.Net;
using AwesomeAssertions;
using Haven.Core.Accounts;
using Haven.TestSupport;
using Haven.Web.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Haven.Web.Tests.Hosting;

/// <summary>Behind a TLS-terminating proxy: with the proxy listed in Haven:TrustedProxies, its X-Forwarded-Proto makes
/// the sign-in cookie Secure; from anyone else the header is ignored. Served by Kestrel on a real port, since the
/// forwarded headers are only believed from a known remote address.</summary>
public sealed class TrustedProxyTests
{
    private sealed class KestrelSite : HavenFactory
    {
        public KestrelSite(string? trustedProxies) : base(DatabaseProvider.Sqlite)
        {
            if (trustedProxies is not null) Settings["Haven:TrustedProxies"] = trustedProxies;
            UseKestrel(0);
        }
    }

    private static async Task<string> SessionCookieAsync(string? trustedProxies)
    {
        await using var site = new KestrelSite(trustedProxies);
        site.StartServer();
        var t = await site.CreateTaxonomyAsync();
        var email = await site.CreateMemberAsync(t.Organization.Id, MembershipRole.Editor);
        var address = site.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() };
        using var client = new HttpClient(handler) { BaseAddress = new Uri(address) };
        var page = await client.GetStringAsync("/account/signin");
        var token = WebUtility.HtmlDecode(TestAccounts.AntiforgeryToken().Match(page).Groups[1].Value);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/account/signin")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["email"] = email, ["password"] = TestAccounts.Password, ["__RequestVerificationToken"] = token }),
        };
        request.Headers.Add("X-Forwarded-Proto", "https");
        var response = await client.SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        return response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("haven-session=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_trusted_proxys_https_makes_the_session_cookie_secure()
    {
        (await SessionCookieAsync("127.0.0.1")).Should().Contain("secure");
    }

    [Fact]
    public async Task The_same_header_from_an_address_not_listed_is_ignored()
    {
        (await SessionCookieAsync(null)).Should().NotContain("secure");
        (await SessionCookieAsync("10.9.8.7")).Should().NotContain("secure");
    }

    [Fact]
    public void Proxies_are_read_as_a_list_or_a_comma_separated_value()
    {
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Haven:TrustedProxies"] = "10.0.0.1, 192.168.0.0/16" }).Build();
        TrustedProxies.From(configuration).Should().Equal("10.0.0.1", "192.168.0.0/16");
    }
}
