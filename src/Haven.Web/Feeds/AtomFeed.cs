using System.Text;
using System.Xml;
using Haven.Core.Shared;
using NodaTime;
using NodaTime.Text;

namespace Haven.Web.Feeds;

/// <summary>What Haven's Atom 1.0 feeds (RFC 4287) share: permanent tag: ids (RFC 4151) from the site's host (the
/// configured <c>Site:PublicUrl</c>'s, else the request's) and a record's id, RFC 3339 times in UTC, typed links.</summary>
public static class AtomFeed
{
    public const string Namespace = "http://www.w3.org/2005/Atom";
    public const string ContentType = "application/atom+xml; charset=utf-8";

    /// <summary>The host in every tag: id ("tag:{host},2026:...").</summary>
    public static string TagHost(HttpRequest request, SiteSettings site)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(site);
        return site.PublicUrl.Length > 0 && Uri.TryCreate(site.PublicUrl, UriKind.Absolute, out var origin) ? origin.Host : request.Host.Host;
    }

    /// <summary>A permanent id: "tag:{host},2026:{specific}".</summary>
    public static string Tag(string host, string specific) => $"tag:{host},2026:{specific}";

    /// <summary>The feed's own elements: its id (from <paramref name="name"/> and the filters' query string), title, last
    /// change, the site as author, and links to itself and to the page it mirrors, each with the same filters.</summary>
    public static void Head(XmlWriter xml, HttpRequest request, SiteSettings site, string name, string title, Instant updated,
        string feedPath, string pagePath, string filters)
    {
        ArgumentNullException.ThrowIfNull(xml);
        ArgumentNullException.ThrowIfNull(site);
        xml.WriteElementString("id", Namespace, Tag(TagHost(request, site), name + filters));
        xml.WriteElementString("title", Namespace, title);
        xml.WriteElementString("updated", Namespace, Time(updated));
        Person(xml, "author", site.Name);
        Link(xml, "self", Mail.MailLinks.To(request, site, feedPath + filters), "application/atom+xml");
        Link(xml, "alternate", Mail.MailLinks.To(request, site, pagePath + filters), "text/html");
    }

    /// <summary>Writes a whole feed document (the caller writes its contents inside the feed element).</summary>
    public static byte[] Write(Action<XmlWriter> contents)
    {
        ArgumentNullException.ThrowIfNull(contents);
        using var buffer = new MemoryStream();
        using (var xml = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("feed", Namespace);
            contents(xml);
            xml.WriteEndElement();
            xml.WriteEndDocument();
        }
        return buffer.ToArray();
    }

    public static void Link(XmlWriter xml, string rel, string href, string type)
    {
        ArgumentNullException.ThrowIfNull(xml);
        xml.WriteStartElement("link", Namespace);
        xml.WriteAttributeString("rel", rel);
        xml.WriteAttributeString("type", type);
        xml.WriteAttributeString("href", href);
        xml.WriteEndElement();
    }

    public static void Person(XmlWriter xml, string element, string name)
    {
        ArgumentNullException.ThrowIfNull(xml);
        xml.WriteStartElement(element, Namespace);
        xml.WriteElementString("name", Namespace, name);
        xml.WriteEndElement();
    }

    public static void Category(XmlWriter xml, string term, string label)
    {
        ArgumentNullException.ThrowIfNull(xml);
        xml.WriteStartElement("category", Namespace);
        xml.WriteAttributeString("term", term);
        xml.WriteAttributeString("label", label);
        xml.WriteEndElement();
    }

    public static string Time(Instant instant) => InstantPattern.ExtendedIso.Format(instant);
}
