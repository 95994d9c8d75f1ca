using AwesomeAssertions;
using Haven.Core.Shared;

namespace Haven.Core.Tests.Shared;

public sealed class UniqueSlugTests
{
    [Fact]
    public void An_address_is_made_from_the_name_or_from_the_fallback()
    {
        UniqueSlug.FromName("Centro Legal de Inmigrantes", "organization").Should().Be("centro-legal-de-inmigrantes");
        UniqueSlug.FromName("中文", "organization").Should().Be("organization");
        UniqueSlug.FromName(new string('x', 300), "person").Length.Should().BeLessThanOrEqualTo(Slug.MaxLength - 4);
    }

    [Fact]
    public void A_taken_address_gets_the_first_free_number()
    {
        UniqueSlug.FirstFree("legal-aid", []).Should().Be("legal-aid");
        UniqueSlug.FirstFree("legal-aid", ["legal-aid", "legal-aid-2", "legal-aid-society"]).Should().Be("legal-aid-3");
    }

    [Theory]
    [InlineData("Legal Aid", "legal-aid")]
    [InlineData("legal_aid", "legal-aid")]
    [InlineData("<script>", "script")]
    [InlineData("!!!", "organization")]
    public void A_malformed_address_is_refused_with_a_suggestion(string typed, string suggestion)
    {
        var problem = UniqueSlug.Check(typed, "organization")!;
        problem.Code.Should().Be("invalid_slug");
        problem.Field.Should().Be("Slug");
        problem.Arguments.Should().Equal(suggestion);
        UniqueSlug.Check("legal-aid-2", "organization").Should().BeNull();
    }
}
