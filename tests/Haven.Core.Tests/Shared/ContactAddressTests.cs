using AwesomeAssertions;
using Haven.Core.Shared;

namespace Haven.Core.Tests.Shared;

public sealed class ContactAddressTests
{
    [Theory]
    [InlineData("https://defenders.example.org", true)]
    [InlineData("http://example.org/about?lang=es", true)]
    [InlineData("HTTPS://EXAMPLE.ORG/", true)]
    [InlineData("example.org", false)]
    [InlineData("www.example.org", false)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData("data:text/html,<script>alert(1)</script>", false)]
    [InlineData("ftp://example.org", false)]
    [InlineData("/organizations/other", false)]
    [InlineData("https://exa mple.org", false)]
    [InlineData("http:example.org", false)]
    [InlineData("https://", false)]
    [InlineData("", false)]
    public void A_website_is_a_whole_http_or_https_address(string text, bool valid)
    {
        WebAddress.IsValid(text).Should().Be(valid);
    }

    [Theory]
    [InlineData("info@defenders.example.org", true)]
    [InlineData("first.last+intake@example.org", true)]
    [InlineData("not an email", false)]
    [InlineData("missing-at.example.org", false)]
    [InlineData("root@localhost", false)]
    [InlineData("\"Intake\" <intake@example.org>", false)]
    [InlineData("a@b.org, c@d.org", false)]
    [InlineData("intake@example.org<script>", false)]
    [InlineData("intake@.org", false)]
    [InlineData("", false)]
    public void An_email_is_one_bare_address(string text, bool valid)
    {
        ContactAddress.IsValid(text).Should().Be(valid);
    }

    [Fact]
    public void An_email_longer_than_its_column_is_refused()
    {
        ContactAddress.IsValid(new string('a', 310) + "@example.org").Should().BeFalse();
    }
}
