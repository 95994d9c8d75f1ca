using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Haven.Core.Shared;

namespace Haven.Core.WordPress;

/// <summary>An author of the export (<c>wp:author</c>).</summary>
public sealed record WxrAuthor(string Login, string DisplayName);

/// <summary>A category or tag (<c>wp:category</c>, <c>wp:tag</c>, or an item's <c>category</c> element).</summary>
public sealed record WxrTerm(string Domain, string Slug, string Name);

/// <summary>A comment of an item (<c>wp:comment</c>). <see cref="Approved"/> is WordPress's value: 1, 0, spam or trash.</summary>
public sealed record WxrComment(long Id, long ParentId, string Author, string AuthorEmail, DateTime? DateGmt, string Content, string Approved);

/// <summary>One <c>item</c>: a post, page, attachment, menu entry or custom post type, with its terms, custom fields
/// (<c>wp:postmeta</c>) and comments.</summary>
public sealed record WxrItem(int Line, long PostId, string PostType, string Status, string Title, string PostName, string Creator,
    string Content, string Excerpt, DateTime? DateGmt, long ParentId, string AttachmentUrl,
    IReadOnlyList<WxrTerm> Terms, IReadOnlyList<KeyValuePair<string, string>> Meta, IReadOnlyList<WxrComment> Comments);

/// <summary>A WordPress export as read: the site's address (the key of the import map), its link, language, authors,
/// terms and items in file order.</summary>
public sealed record WxrExport(string SiteUrl, string Link, string Language, IReadOnlyList<WxrAuthor> Authors,
    IReadOnlyList<WxrTerm> Terms, IReadOnlyList<WxrItem> Items);

/// <summary>Reads a WordPress eXtended RSS file (WXR 1.0 to 1.2) with a streaming <see cref="XmlReader"/>: one item
/// at a time is held as a tree, never the whole document; DTDs are refused (no entity expansion, no external
/// resources). A file that is not well-formed is refused as a whole, naming the line and column, so that an import
/// never takes half a file.</summary>
public static class WxrReader
{
    public const long MaxBytes = 200L * 1024 * 1024;
    private static readonly string[] WpNamespaces =
        ["http://wordpress.org/export/1.2/", "http://wordpress.org/export/1.1/", "http://wordpress.org/export/1.0/"];
    private const string ContentNs = "http://purl.org/rss/1.0/modules/content/";
    private const string ExcerptNs = "http://wordpress.org/export/1.2/excerpt/";
    private const string DcNs = "http://purl.org/dc/elements/1.1/";

    public static Outcome<WxrExport> Read(Stream stream, long maxBytes = MaxBytes)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (stream.CanSeek && stream.Length > maxBytes) return TooLarge(maxBytes);
        if (stream.CanSeek && stream.Length == 0) return Outcome<WxrExport>.Failure(new Problem("empty_file", "The file is empty."));
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true, IgnoreProcessingInstructions = true,
            IgnoreWhitespace = true, CloseInput = false,
        };
        string siteUrl = "", link = "", language = "";
        var authors = new List<WxrAuthor>();
        var terms = new List<WxrTerm>();
        var items = new List<WxrItem>();
        try
        {
            using var reader = XmlReader.Create(new CappedStream(stream, maxBytes), settings);
            if (!reader.ReadToFollowing("rss") || reader.Depth != 0)
                return Outcome<WxrExport>.Failure(new Problem("not_wxr", "This is not a WordPress export file (WXR): it has no rss element."));
            if (!reader.ReadToDescendant("channel"))
                return Outcome<WxrExport>.Failure(new Problem("not_wxr", "This is not a WordPress export file (WXR): it has no channel."));
            reader.Read();
            while (!reader.EOF && !(reader.NodeType == XmlNodeType.EndElement && reader.LocalName == "channel"))
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    reader.Read();
                    continue;
                }
                var isWp = WpNamespaces.Contains(reader.NamespaceURI);
                var lineInfo = (IXmlLineInfo)reader;
                var line = lineInfo.LineNumber;
                switch (reader.LocalName)
                {
                    case "link" when reader.NamespaceURI.Length == 0:
                        link = reader.ReadElementContentAsString().Trim();
                        break;
                    case "language" when reader.NamespaceURI.Length == 0:
                        language = reader.ReadElementContentAsString().Trim();
                        break;
                    case "base_blog_url" when isWp:
                        siteUrl = reader.ReadElementContentAsString().Trim();
                        break;
                    case "author" when isWp:
                        var a = (XElement)XNode.ReadFrom(reader);
                        authors.Add(new WxrAuthor(Wp(a, "author_login"), Wp(a, "author_display_name")));
                        break;
                    case "category" when isWp:
                        var c = (XElement)XNode.ReadFrom(reader);
                        terms.Add(new WxrTerm("category", Wp(c, "category_nicename"), Wp(c, "cat_name")));
                        break;
                    case "tag" when isWp:
                        var t = (XElement)XNode.ReadFrom(reader);
                        terms.Add(new WxrTerm("post_tag", Wp(t, "tag_slug"), Wp(t, "tag_name")));
                        break;
                    case "item" when reader.NamespaceURI.Length == 0:
                        items.Add(ReadItem((XElement)XNode.ReadFrom(reader), line));
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }
            // Read to the end, so a file broken after its last item is refused too.
            while (reader.Read()) { }
        }
        catch (XmlException e)
        {
            return Outcome<WxrExport>.Failure(new Problem("malformed_xml",
                "The file is not well-formed XML (line {0}, column {1}); nothing was imported. Export it again from WordPress.", null,
                e.LineNumber, e.LinePosition));
        }
        catch (FileTooLargeException)
        {
            return TooLarge(maxBytes);
        }
        if (siteUrl.Length == 0) siteUrl = link;
        if (siteUrl.Length == 0)
            return Outcome<WxrExport>.Failure(new Problem("not_wxr", "This is not a WordPress export file (WXR): it does not name its site."));
        return Outcome<WxrExport>.Success(new WxrExport(siteUrl.TrimEnd('/'), link, language, authors, terms, items));
    }

    private static Outcome<WxrExport> TooLarge(long maxBytes) =>
        Outcome<WxrExport>.Failure(new Problem("file_too_large", "The file is larger than {0} MB.", null, Math.Max(1, maxBytes / (1024 * 1024))));

    private sealed class FileTooLargeException : Exception;

    /// <summary>Reads through to the inner stream and stops with <see cref="FileTooLargeException"/> past the cap, for
    /// streams that cannot tell their length (an upload, a pipe).</summary>
    private sealed class CappedStream(Stream inner, long cap) : Stream
    {
        private long read;
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => read; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = inner.Read(buffer, offset, count);
            read += n;
            if (read > cap) throw new FileTooLargeException();
            return n;
        }
    }

    private static XElement? WpElement(XElement parent, string name) =>
        WpNamespaces.Select(ns => parent.Element(XName.Get(name, ns))).FirstOrDefault(e => e is not null);

    private static string Wp(XElement parent, string name) => WpElement(parent, name)?.Value.Trim() ?? "";

    private static long Number(string text) => long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0;

    /// <summary>WordPress's "2019-03-04 15:22:10" in UTC; null for "0000-00-00 00:00:00" (never published) or empty.</summary>
    private static DateTime? Date(string text) =>
        DateTime.TryParseExact(text, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var d) ? d : null;

    private static WxrItem ReadItem(XElement item, int line)
    {
        var itemTerms = item.Elements("category")
            .Select(c => new WxrTerm((string?)c.Attribute("domain") ?? "category", (string?)c.Attribute("nicename") ?? "", c.Value.Trim()))
            .ToList();
        var meta = item.Elements().Where(e => e.Name.LocalName == "postmeta" && WpNamespaces.Contains(e.Name.NamespaceName))
            .Select(m => new KeyValuePair<string, string>(Wp(m, "meta_key"), Wp(m, "meta_value"))).ToList();
        var comments = item.Elements().Where(e => e.Name.LocalName == "comment" && WpNamespaces.Contains(e.Name.NamespaceName))
            .Select(c => new WxrComment(Number(Wp(c, "comment_id")), Number(Wp(c, "comment_parent")), Wp(c, "comment_author"),
                Wp(c, "comment_author_email"), Date(Wp(c, "comment_date_gmt")), WpElement(c, "comment_content")?.Value ?? "",
                Wp(c, "comment_approved")))
            .ToList();
        var gmt = Date(Wp(item, "post_date_gmt"));
        // Drafts carry no GMT date; their local date is the next best.
        gmt ??= Date(Wp(item, "post_date"));
        return new WxrItem(line, Number(Wp(item, "post_id")), Wp(item, "post_type"), Wp(item, "status"),
            item.Element("title")?.Value.Trim() ?? "", Wp(item, "post_name"), item.Element(XName.Get("creator", DcNs))?.Value.Trim() ?? "",
            item.Element(XName.Get("encoded", ContentNs))?.Value ?? "", item.Element(XName.Get("encoded", ExcerptNs))?.Value ?? "",
            gmt, Number(Wp(item, "post_parent")), Wp(item, "attachment_url"), itemTerms, meta, comments);
    }
}
