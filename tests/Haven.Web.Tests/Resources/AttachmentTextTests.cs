using AwesomeAssertions;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Haven.Core.Resources;
using Haven.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Haven.Web.Tests.Resources;

/// <summary>Attachments through the use case: Word text is searchable, limits hold, a refused file leaves nothing behind.</summary>
public sealed class AttachmentTextTests(SqliteSite site) : IClassFixture<SqliteSite>
{
    private static byte[] Docx(string text)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            main.Document = new Document(new Body(new Paragraph(new Run(new Text(text)))));
        }
        return stream.ToArray();
    }

    private async Task<Haven.Core.Shared.Outcome<ResourceAttachment>> AddAsync(int resourceId, string name, byte[] bytes)
    {
        await using var scope = site.Scope();
        return await scope.ServiceProvider.GetRequiredService<ManageAttachments>().AddAsync(Haven.Core.Accounts.Actor.System("test"), resourceId, name, new MemoryStream(bytes));
    }

    [Fact]
    public async Task Text_inside_a_word_document_is_searchable()
    {
        var t = await site.CreateTaxonomyAsync();
        var resource = await site.SaveResourceAsync(t.Resource($"Sample motion {t.Some.Token}"));
        var added = await AddAsync(resource.Id, "motion.docx", Docx($"Sample motion to vacate under the halcyon{t.Some.Token} standard."));
        added.Succeeded.Should().BeTrue();
        added.Value!.ContentType.Should().Be(AttachmentRules.Docx);

        var page = await site.CreateClient().GetDocumentAsync($"/resources?q=halcyon{t.Some.Token}");
        page.ResultTitles().Should().Equal($"Sample motion {t.Some.Token}");
    }

    [Fact]
    public async Task An_oversized_file_is_refused_and_nothing_is_stored()
    {
        var t = await site.CreateTaxonomyAsync();
        var resource = await site.SaveResourceAsync(t.Resource($"Big file {t.Some.Token}"));
        var bytes = new byte[AttachmentRules.MaxBytes + 10];
        "%PDF-1.7"u8.CopyTo(bytes);
        var filesBefore = Directory.Exists(Path.Combine(site.DataPath, "files")) ? Directory.GetFiles(Path.Combine(site.DataPath, "files"), "*", SearchOption.AllDirectories).Length : 0;

        var outcome = await AddAsync(resource.Id, "big.pdf", bytes);

        outcome.Problems.Single().Code.Should().Be("attachment_too_large");
        var filesAfter = Directory.Exists(Path.Combine(site.DataPath, "files")) ? Directory.GetFiles(Path.Combine(site.DataPath, "files"), "*", SearchOption.AllDirectories).Length : 0;
        filesAfter.Should().Be(filesBefore);
        (await site.WithDbAsync(db => Task.FromResult(db.ResourceAttachments.Count(a => a.ResourceId == resource.Id)))).Should().Be(0);
    }

    [Fact]
    public async Task A_damaged_pdf_still_attaches_but_has_no_searchable_text()
    {
        var t = await site.CreateTaxonomyAsync();
        var resource = await site.SaveResourceAsync(t.Resource($"Damaged {t.Some.Token}"));
        var outcome = await AddAsync(resource.Id, "scan.pdf", "%PDF-1.4 garbage that is not a real PDF"u8.ToArray());
        outcome.Succeeded.Should().BeTrue();
        outcome.Value!.ExtractedText.Should().BeEmpty();
    }
}
