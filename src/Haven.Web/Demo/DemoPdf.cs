using System.Text;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace Haven.Web.Demo;

/// <summary>Renders plain text pages as a simple PDF, so the demo has real attachments without binary files in the repository.</summary>
public static class DemoPdf
{
    private const int CharsPerLine = 88;

    public static byte[] Render(string title, IReadOnlyList<string> pages)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        var bold = builder.AddStandard14Font(Standard14Font.HelveticaBold);
        for (var p = 0; p < pages.Count; p++)
        {
            var page = builder.AddPage(UglyToad.PdfPig.Content.PageSize.Letter);
            var y = 740.0;
            if (p == 0)
            {
                foreach (var line in Wrap(Ascii(title), 70))
                {
                    page.AddText(line, 14, new PdfPoint(60, y), bold);
                    y -= 20;
                }
                y -= 10;
            }
            foreach (var paragraph in Ascii(pages[p]).Split('\n'))
            {
                foreach (var line in Wrap(paragraph, CharsPerLine))
                {
                    if (y < 60) break;
                    page.AddText(line, 10, new PdfPoint(60, y), font);
                    y -= 14;
                }
                y -= 6;
            }
        }
        return builder.Build();
    }

    private static IEnumerable<string> Wrap(string text, int width)
    {
        var line = new StringBuilder();
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                yield return line.ToString();
                line.Clear();
            }
            if (line.Length > 0) line.Append(' ');
            line.Append(word);
        }
        if (line.Length > 0) yield return line.ToString();
    }

    // PdfPig writes the standard PDF fonts with their standard encoding, which has no accented letters: fold them
    // to plain ASCII (the Spanish analyzer folds accents too, so search is unaffected) rather than embed a font file.
    private static string Ascii(string text)
    {
        var folded = text
            .Replace('\u2019', '\'').Replace('\u2018', '\'').Replace('\u201C', '"').Replace('\u201D', '"')
            .Replace('\u2013', '-').Replace('\u2014', '-').Replace("\u2026", "...", StringComparison.Ordinal)
            .Replace("\u00BF", "", StringComparison.Ordinal).Replace("\u00A1", "", StringComparison.Ordinal)
            .Normalize(NormalizationForm.FormD);
        return new string(folded
            .Where(c => System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark)
            .Select(c => c is '\n' || (c >= ' ' && c < '\u007F') ? c : '?').ToArray());
    }
}
