using AwesomeAssertions;
using Haven.Core.Text;

namespace Haven.Core.Tests.Text;

public sealed class UserTextTests
{
    [Theory]
    [InlineData("<script>alert(1)</script>Centro Legal", "Centro Legal")]
    [InlineData("Centro <b>Legal</b>", "Centro Legal")]
    [InlineData("<img src=x onerror=alert(1)>Ana", "Ana")]
    [InlineData("<scr<b>ipt>alert(1)</script>", "")]
    [InlineData("Ana <!-- hidden --> Ruiz", "Ana Ruiz")]
    [InlineData("  Ana \t  Ruiz \n", "Ana Ruiz")]
    [InlineData("a < b and 3 > 2, <3", "a < b and 3 > 2, <3")]
    [InlineData("Ana\u0000Ruiz", "AnaRuiz")]
    [InlineData("I think a<b holds", "I think a<b holds")]
    [InlineData(null, "")]
    public void A_line_keeps_the_text_and_loses_the_markup(string? input, string expected) =>
        UserText.Line(input).Should().Be(expected);

    [Fact]
    public void Unclosed_script_drops_everything_after_it() =>
        UserText.Line("Hola <script>alert(1)").Should().Be("Hola");

    [Fact]
    public void Paragraphs_keep_line_breaks_and_at_most_one_blank_line() =>
        UserText.Paragraphs("First line\r\n\r\n\r\n\r\nSecond <i>line</i>\nthird").Should().Be("First line\n\nSecond line\nthird");

    [Fact]
    public void Long_text_is_cut_at_the_limit() =>
        UserText.Line(new string('a', 50), maxLength: 10).Should().HaveLength(10);

    [Fact]
    public void Accents_are_normalized_to_one_form() =>
        UserText.Line("Jose\u0301").Should().Be("Jos\u00e9");

    [Theory]
    [InlineData("plain", false)]
    [InlineData("x <a href=y>z</a>", true)]
    [InlineData("1 < 2", false)]
    public void Markup_is_detected(string input, bool expected) => UserText.HasMarkup(input).Should().Be(expected);
}
