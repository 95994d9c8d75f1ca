using System.Text;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.Extensions.Logging;
using UglyToad.PdfPig;

namespace Haven.Core.Resources;

/// <summary>Pulls the text out of PDF and DOCX files so search finds words inside attachments. A file that cannot
/// be read (damaged, encrypted, scanned images) still attaches; it is just not searchable.</summary>
public sealed class AttachmentTextExtractor(ILogger<AttachmentTextExtractor> logger)
{
    /// <summary>Upper bound on kept text, so a huge document cannot bloat the index.</summary>
    public const int MaxChars = 500_000;

    public string Extract(Stream content, string contentType)
    {
        try
        {
            var text = contentType switch
            {
                AttachmentRules.Pdf => FromPdf(content),
                AttachmentRules.Docx => FromDocx(content),
                _ => "",
            };
            return text.Length > MaxChars ? text[..MaxChars] : text;
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not extract text from a {ContentType} attachment", contentType);
            return "";
        }
    }

    private static string FromPdf(Stream content)
    {
        using var document = PdfDocument.Open(content);
        var sb = new StringBuilder();
        foreach (var page in document.GetPages())
        {
            sb.AppendLine(string.Join(' ', page.GetWords().Select(w => w.Text)));
            if (sb.Length > MaxChars) break;
        }
        return sb.ToString().Trim();
    }

    private static string FromDocx(Stream content)
    {
        using var document = WordprocessingDocument.Open(content, false);
        var body = document.MainDocumentPart?.Document?.Body;
        if (body is null) return "";
        var sb = new StringBuilder();
        foreach (var paragraph in body.Descendants<DocumentFormat.OpenXml.Wordprocessing.Paragraph>())
        {
            sb.AppendLine(paragraph.InnerText);
            if (sb.Length > MaxChars) break;
        }
        return sb.ToString().Trim();
    }
}
