using System.Globalization;
using System.Text;
using System.Xml;
using Haven.Core.Data;
using Haven.Core.Files;
using Haven.Core.Policies;
using Haven.Core.Resources;
using Haven.Core.Shared;
using Haven.Web.Feeds;
using Haven.Web.Localization;
using Haven.Web.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Net.Http.Headers;
using NodaTime;
using NodaTime.Text;

namespace Haven.Web.Policies;

/// <summary>The policy tracker's non-page answers: the Atom feed of changes, the CSV export of the whole history
/// (public, since the data is), and uploaded source documents.</summary>
public static class PolicyEndpoints
{
    public const int FeedEntries = 100;

    public static void MapPolicyEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/policies/changes.atom", async (string? area, string? state, HttpContext http, PolicyQueries queries,
            SiteSettings site, IStringLocalizer<SharedResource> L, IClock clock) =>
        {
            var page = await queries.ChangesAsync(area, state, 1, FeedEntries, http.RequestAborted);
            var bytes = Atom(page.Items, http.Request, site, L, clock.GetCurrentInstant(), area, state);
            return Results.Bytes(bytes, "application/atom+xml; charset=utf-8");
        });

        endpoints.MapGet("/policies/export.csv", async (HttpContext http, HavenDbContext db, IClock clock) =>
        {
            var day = LocalDatePattern.Iso.Format(clock.GetCurrentInstant().InUtc().Date);
            http.Response.ContentType = "text/csv; charset=utf-8";
            var disposition = new ContentDispositionHeaderValue("attachment");
            disposition.SetHttpFileName($"haven-policies-{day}.csv");
            http.Response.Headers[HeaderNames.ContentDisposition] = disposition.ToString();
            http.Response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
            await PolicyCsv.WriteAsync(db, http.Response.Body, http.RequestAborted);
        });

        endpoints.MapGet("/files/policy-sources/{id:int}/{name}", async (int id, string name, HttpContext http, HavenDbContext db, IFileStore files) =>
        {
            var source = await db.PolicySources.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id && s.StorageKey != null);
            if (source is null) return Results.NotFound();
            var stream = files.OpenRead(source.StorageKey!);
            if (stream is null) return Results.NotFound();
            var headers = http.Response.Headers;
            headers[HeaderNames.ContentSecurityPolicy] = "default-src 'none'; sandbox";
            headers[HeaderNames.XContentTypeOptions] = "nosniff";
            headers[HeaderNames.CacheControl] = "public, max-age=3600";
            var disposition = new ContentDispositionHeaderValue(source.ContentType == AttachmentRules.Pdf ? "inline" : "attachment");
            disposition.SetHttpFileName(source.FileName ?? "source");
            headers[HeaderNames.ContentDisposition] = disposition.ToString();
            return Results.Stream(stream, source.ContentType ?? "application/octet-stream", enableRangeProcessing: true);
        });
    }

    /// <summary>Where a source is served.</summary>
    public static string SourcePath(PolicySource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return $"/files/policy-sources/{source.Id.ToString(CultureInfo.InvariantCulture)}/{Uri.EscapeDataString(source.FileName ?? "source")}";
    }

    /// <summary>Atom 1.0 (RFC 4287): permanent tag: ids (RFC 4151) from the site's host and the record's id, RFC 3339
    /// times in UTC, one entry a record, newest first.</summary>
    internal static byte[] Atom(IReadOnlyList<PolicyChange> changes, HttpRequest request, SiteSettings site, IStringLocalizer L,
        Instant now, string? area, string? state)
    {
        var host = AtomFeed.TagHost(request, site);
        var query = new List<string>();
        if (!string.IsNullOrWhiteSpace(area)) query.Add("area=" + Uri.EscapeDataString(area));
        if (!string.IsNullOrWhiteSpace(state)) query.Add("state=" + Uri.EscapeDataString(state));
        var suffix = query.Count == 0 ? "" : "?" + string.Join("&", query);

        using var buffer = new MemoryStream();
        using (var xml = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
        {
            const string ns = "http://www.w3.org/2005/Atom";
            xml.WriteStartDocument();
            xml.WriteStartElement("feed", ns);
            xml.WriteElementString("id", ns, AtomFeed.Tag(host, "policy-changes" + suffix));
            xml.WriteElementString("title", ns, L["Policy changes: {0}", site.Name].Value);
            xml.WriteElementString("updated", ns, Time(changes.Count == 0 ? now : changes.Max(c => c.UpdatedAt)));
            xml.WriteStartElement("author", ns);
            xml.WriteElementString("name", ns, site.Name);
            xml.WriteEndElement();
            Link(xml, ns, "self", MailLinks.To(request, site, "/policies/changes.atom" + suffix), "application/atom+xml");
            Link(xml, ns, "alternate", MailLinks.To(request, site, "/policies/changes" + suffix), "text/html");
            foreach (var change in changes)
            {
                xml.WriteStartElement("entry", ns);
                xml.WriteElementString("id", ns, AtomFeed.Tag(host, "policy-record-" + change.RecordId.ToString(CultureInfo.InvariantCulture)));
                xml.WriteElementString("title", ns, $"{change.JurisdictionName}: {change.AreaName}: {change.PositionLabel}");
                xml.WriteElementString("updated", ns, Time(change.UpdatedAt));
                Link(xml, ns, "alternate", MailLinks.To(request, site, "/jurisdictions/" + Uri.EscapeDataString(change.JurisdictionKey)), "text/html");
                var summary = change.PreviousLabel is { } previous
                    ? L["From {0}: {1} (before: {2}).", PolicyPeriods.Iso(change.EffectiveOn), change.PositionLabel, previous].Value
                    : L["From {0}: {1}.", PolicyPeriods.Iso(change.EffectiveOn), change.PositionLabel].Value;
                if (change.IsDemo) summary += " " + L["Demo data, not facts."].Value;
                xml.WriteElementString("summary", ns, summary);
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
            xml.WriteEndDocument();
        }
        return buffer.ToArray();
    }

    private static void Link(XmlWriter xml, string ns, string rel, string href, string type)
    {
        xml.WriteStartElement("link", ns);
        xml.WriteAttributeString("rel", rel);
        xml.WriteAttributeString("type", type);
        xml.WriteAttributeString("href", href);
        xml.WriteEndElement();
    }

    private static string Time(Instant instant) => InstantPattern.ExtendedIso.Format(instant);
}
