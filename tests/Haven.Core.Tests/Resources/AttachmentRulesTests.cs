using AwesomeAssertions;
using Haven.Core.Resources;

namespace Haven.Core.Tests.Resources;

public sealed class AttachmentRulesTests
{
    [Fact]
    public void A_pdf_is_recognised_by_its_signature()
    {
        var outcome = AttachmentRules.Check("advisory.PDF", 1000, "%PDF-1.7"u8);
        outcome.Value.Should().Be(AttachmentRules.Pdf);
    }

    [Fact]
    public void A_docx_is_recognised_by_its_zip_signature()
    {
        AttachmentRules.Check("memo.docx", 1000, "PK\u0003\u0004xxxx"u8).Value.Should().Be(AttachmentRules.Docx);
    }

    [Theory]
    [InlineData("page.html", "<html>")]
    [InlineData("fake.pdf", "<script>")]
    [InlineData("renamed.docx", "%PDF-1.4")]
    [InlineData("program.exe", "MZ\u0090\u0000")]
    public void Anything_else_is_refused_whatever_its_name_says(string name, string head)
    {
        var outcome = AttachmentRules.Check(name, 100, System.Text.Encoding.Latin1.GetBytes(head));
        outcome.Succeeded.Should().BeFalse();
        outcome.Problems.Single().Code.Should().Be("attachment_type");
    }

    [Fact]
    public void Oversized_and_empty_files_are_refused()
    {
        AttachmentRules.Check("big.pdf", AttachmentRules.MaxBytes + 1, "%PDF-"u8).Problems.Single().Code.Should().Be("attachment_too_large");
        AttachmentRules.Check("empty.pdf", 0, ""u8).Problems.Single().Code.Should().Be("attachment_empty");
    }

    [Theory]
    [InlineData("../../etc/passwd.pdf", "passwd.pdf")]
    [InlineData("C:\\Users\\me\\advisory.pdf", "advisory.pdf")]
    [InlineData("a\"b<c>.pdf", "abc.pdf")]
    [InlineData("", "attachment")]
    public void File_names_are_cleaned_for_download_headers(string given, string expected)
    {
        AttachmentRules.CleanFileName(given).Should().Be(expected);
    }
}
