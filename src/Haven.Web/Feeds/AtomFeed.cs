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
