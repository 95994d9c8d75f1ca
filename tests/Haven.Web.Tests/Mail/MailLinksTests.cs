using AwesomeAssertions;
using Haven.Core.Shared;
using Haven.Web.Mail;
using Microsoft.AspNetCore.Http;

namespace Haven.Web.Tests.Mail;

/// <summary>Absolute links in mail: the configured origin wins over whatever Host a request claims, and the language
/// prefix of the request is kept.</summary>
public sealed class MailLinksTests
{
    private static HttpRequest Request(string host, string pathBase = "")
    {
        var context = new DefaultHttpContext();
        context.Request.Scheme = "http";
        context.Request.Host = new HostString(host);
        context.Request.PathBase = pathBase;
        return context.Request;
    }

    [Fact]
    public void The_configured_origin_is_used_whatever_host_the_request_claims()
    {
        var site = new SiteSettings { PublicUrl = "https://haven.example.org/" };
        MailLinks.To(Request("attacker.example", "/es"), site, "/account/reset?email=a%40b.org")
            .Should().Be("https://haven.example.org/es/account/reset?email=a%40b.org");
    }

    [Fact]
    public void Without_one_the_request_scheme_and_host_are_used()
    {
        MailLinks.To(Request("localhost:5000"), new SiteSettings(), "/account/reset").Should().Be("http://localhost:5000/account/reset");
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("https://haven.example.org", true)]
    [InlineData("http://localhost:5000/", true)]
    [InlineData("https://haven.example.org/haven", false)]
    [InlineData("haven.example.org", false)]
    [InlineData("ftp://haven.example.org", false)]
    public void Only_an_http_origin_can_be_configured(string value, bool accepted) =>
        MailLinks.IsOriginOrEmpty(value).Should().Be(accepted);
}
