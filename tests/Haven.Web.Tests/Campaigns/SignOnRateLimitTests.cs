using System.Net;
using AwesomeAssertions;
using Haven.TestSupport;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Haven.Web.Tests.Campaigns;

/// <summary>The sign-on limit, on a site of its own with a low limit: a flood of sign-ons from one address is slowed
/// down, reading the campaign is not.</summary>
public sealed class SignOnRateLimitTests : IAsyncLifetime
{
    private readonly SqliteSite _site = new();

    public ValueTask InitializeAsync()
    {
        _site.Settings["Haven:RateLimits:SignOnsPerMinute"] = "3";
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Repeated_sign_ons_from_one_address_are_slowed_down_but_reading_the_page_is_not()
    {
        var t = await _site.CreateTaxonomyAsync();
        var c = await _site.CreateCampaignAsync(t.Some, [t.Organization.Id]);
        var client = _site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            var response = await client.PostFormAsync($"/campaigns/{c.Slug}", $"/campaigns/{c.Slug}?handler=Sign",
                new Dictionary<string, string> { ["Form.Kind"] = "Organization", ["Form.Email"] = "nobody" });
            statuses.Add(response.StatusCode);
        }

        statuses.Take(3).Should().AllSatisfy(s => s.Should().Be(HttpStatusCode.UnprocessableEntity));
        statuses.Skip(3).Should().AllSatisfy(s => s.Should().Be(HttpStatusCode.TooManyRequests));
        (await client.GetAsync($"/campaigns/{c.Slug}")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    public async ValueTask DisposeAsync() => await _site.DisposeAsync();
}
