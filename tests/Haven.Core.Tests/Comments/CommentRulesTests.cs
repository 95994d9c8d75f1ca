using AwesomeAssertions;
using Haven.Core.Comments;

namespace Haven.Core.Tests.Comments;

public sealed class CommentRulesTests
{
    private static readonly CommentOptions Options = new() { MaxLinks = 2 };

    [Theory]
    [InlineData("no links here", 0)]
    [InlineData("see https://example.org and www.example.com", 2)]
    [InlineData("http://a.example http://b.example HTTPS://c.example", 3)]
    public void Links_are_counted(string text, int expected) => CommentRules.CountLinks(text).Should().Be(expected);

    [Fact]
    public void Words_match_whole_words_ignoring_case_and_accents()
    {
        const string list = "spam\r\ncheap pills\n\n  Estafa  \nSPAM";
        CommentRules.Words(list).Should().Equal("spam", "cheap pills", "Estafa");
        CommentRules.MatchingWords("Buy CHEAP   pills now!", list).Should().Equal("cheap pills");
        CommentRules.MatchingWords("Es una estafá.", list).Should().Equal("Estafa");
        CommentRules.MatchingWords("spammer and pillsbury", list).Should().BeEmpty("only whole words count");
    }

    [Fact]
    public void A_first_time_commenter_is_held_and_a_trusted_one_published()
    {
        var (held, why) = CommentRules.Judge("Thank you for this.", trusted: false, null, Options);
        held.Should().Be(CommentVerdict.Hold);
        why.Should().Equal(HoldReasons.FirstTime);
        var (verdict, reasons) = CommentRules.Judge("Thank you for this.", trusted: true, null, Options);
        verdict.Should().Be(CommentVerdict.Publish);
        reasons.Should().BeEmpty();
    }

    [Fact]
    public void More_links_than_allowed_hold_even_a_trusted_comment()
    {
        var (verdict, reasons) = CommentRules.Judge("https://a.example https://b.example https://c.example", trusted: true, null, Options);
        verdict.Should().Be(CommentVerdict.Hold);
        reasons.Should().Equal(HoldReasons.TooManyLinks);
        CommentRules.Judge("https://a.example https://b.example", trusted: true, null, Options).Verdict.Should().Be(CommentVerdict.Publish);
    }

    [Fact]
    public void Word_lists_hold_or_reject()
    {
        var words = new CommentWordList { RejectWords = "casino", HoldWords = "lawyer referral" };
        CommentRules.Judge("Best casino online", trusted: true, words, Options).Verdict.Should().Be(CommentVerdict.Reject);
        var (verdict, reasons) = CommentRules.Judge("Need a lawyer referral?", trusted: true, words, Options);
        verdict.Should().Be(CommentVerdict.Hold);
        reasons.Should().Equal(HoldReasons.HeldWord);
    }
}
