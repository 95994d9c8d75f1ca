using AwesomeAssertions;
using Haven.Core.Shared;

namespace Haven.Core.Tests.Shared;

public sealed class SlugTests
{
    [Theory]
    [InlineData("Responding to ICE Detainers: 2025 edition", "responding-to-ice-detainers-2025-edition")]
    [InlineData("¿Qué es el programa 287(g)?", "que-es-el-programa-287-g")]
    [InlineData("  --Guía   rápida-- ", "guia-rapida")]
    [InlineData("<script>alert(1)</script>", "script-alert-1-script")]
    [InlineData("", "")]
    public void Slugs_are_lower_case_ascii_words_joined_by_hyphens(string text, string slug)
    {
        Slug.From(text).Should().Be(slug);
    }

    [Fact]
    public void Slugs_are_cut_to_the_maximum_length()
    {
        Slug.From(new string('a', 500)).Length.Should().Be(Slug.MaxLength);
    }

    [Theory]
    [InlineData("good-slug-1", true)]
    [InlineData("Bad-Slug", false)]
    [InlineData("two--hyphens", false)]
    [InlineData("-leading", false)]
    [InlineData("", false)]
    public void Only_canonical_slugs_are_valid(string slug, bool valid) => Slug.IsValid(slug).Should().Be(valid);
}
