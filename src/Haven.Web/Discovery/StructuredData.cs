using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using Haven.Core.Events;
using Haven.Core.Organizations;
using Haven.Core.Resources;
using Microsoft.AspNetCore.Html;
using NodaTime;
using NodaTime.Text;

namespace Haven.Web.Discovery;

/// <summary>schema.org JSON-LD for public pages, so search engines and other sites read what a page is: a resource as a
/// Report or Article, an event as an online Event with its organizers and performers, an organization. Addresses are
/// absolute (each method's <c>root</c> is <see cref="PageAddress.Root"/>). Join links never appear:
/// an event's location is its public page.</summary>
public static class StructuredData
{
    private const string Schema = "https://schema.org";
    // Headlines past 110 characters are cut by search engines' article rules.
    private const int HeadlineMax = 110;

    // The default encoder's HTML-safe escaping keeps "</script>" inside a value from closing the element; all of
    // Unicode stays readable.
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    public static JsonObject ForResource(Resource r, string root, string language)
    {
        ArgumentNullException.ThrowIfNull(r);
        var url = root + PageAddress.PathIn(language, $"/resources/{r.Slug}");
        var data = new JsonObject
        {
            ["@context"] = Schema,
            ["@type"] = r.Type is ResourceType.Report or ResourceType.PolicyMemo ? "Report" : "Article",
            ["headline"] = r.Title.Length <= HeadlineMax ? r.Title : r.Title[..(HeadlineMax - 1)].TrimEnd() + "…",
            ["name"] = r.Title,
            ["url"] = url,
            ["mainEntityOfPage"] = url,
            ["inLanguage"] = r.Language,
            ["isAccessibleForFree"] = true,
        };
        if (r.Summary.Length > 0) data["description"] = r.Summary;
        if (r.PublishedOn is { } published) data["datePublished"] = LocalDatePattern.Iso.Format(published);
        data["dateModified"] = InstantPattern.ExtendedIso.Format(r.UpdatedAt);
        var authors = r.Authors.OrderBy(a => a.Position).Select(a => a.Organization).ToList();
        if (authors.Count > 0)
        {
            data["author"] = new JsonArray(authors.Select(o => (JsonNode)OrganizationReference(o, root, language)).ToArray());
            data["publisher"] = OrganizationReference(authors[0], root, language);
        }
        if (r.Topics.Count > 0) data["keywords"] = string.Join(", ", r.Topics.Select(t => t.Name));
        if (r.Jurisdictions.Count > 0)
            data["spatialCoverage"] = new JsonArray(r.Jurisdictions.Select(j => (JsonNode)new JsonObject { ["@type"] = "Place", ["name"] = j.Name }).ToArray());
        return data;
    }

    /// <summary>An event, online (Haven's events are webinars, calls and trainings): its location is the public page,
    /// registration (where there is any) a free offer that is sold out when no seat is left.</summary>
    public static JsonObject ForEvent(Event e, string root, string language, string description, int? seatsLeft, bool registrationOpen)
    {
        ArgumentNullException.ThrowIfNull(e);
        var url = root + PageAddress.PathIn(language, $"/events/{e.Slug}");
        var data = new JsonObject
        {
            ["@context"] = Schema,
            ["@type"] = "Event",
            ["name"] = e.Title,
            ["url"] = url,
            ["startDate"] = ZonedIso(e.StartsAt, e.Zone),
            ["endDate"] = ZonedIso(e.EndsAt, e.Zone),
            ["eventStatus"] = Schema + "/" + e.Status switch
            {
                EventStatus.Cancelled => "EventCancelled",
                EventStatus.Postponed => "EventPostponed",
                _ => "EventScheduled",
            },
            ["eventAttendanceMode"] = Schema + "/OnlineEventAttendanceMode",
            ["location"] = new JsonObject { ["@type"] = "VirtualLocation", ["url"] = url },
            ["inLanguage"] = e.Language,
            ["isAccessibleForFree"] = true,
        };
        if (description.Length > 0) data["description"] = description;
        var hosts = e.Hosts.OrderBy(h => h.Position).Select(h => h.Organization).ToList();
        if (hosts.Count > 0)
            data["organizer"] = new JsonArray(hosts.Select(o => (JsonNode)OrganizationReference(o, root, language)).ToArray());
        if (e.Speakers.Count > 0)
            data["performer"] = new JsonArray(e.Speakers.OrderBy(s => s.Position).Select(s => (JsonNode)Performer(s)).ToArray());
        if (e.RegistrationMode != RegistrationMode.None && registrationOpen)
        {
            data["offers"] = new JsonObject
            {
                ["@type"] = "Offer",
                ["url"] = url,
                ["price"] = 0,
                ["priceCurrency"] = "USD",
                ["availability"] = Schema + (seatsLeft == 0 ? "/SoldOut" : "/InStock"),
                ["validFrom"] = InstantPattern.ExtendedIso.Format(e.CreatedAt),
            };
        }
        if (e.Topics.Count > 0) data["keywords"] = string.Join(", ", e.Topics.Select(t => t.Name));
        return data;
    }

    public static JsonObject ForOrganization(Organization o, string root, string language, string? logoPath)
    {
        ArgumentNullException.ThrowIfNull(o);
        var data = OrganizationReference(o, root, language);
        data.Insert(0, "@context", Schema);
        if (o.ShortName.Length > 0) data["alternateName"] = o.ShortName;
        if (o.Description.Length > 0) data["description"] = o.Description;
        if (logoPath is not null) data["logo"] = root + logoPath;
        if (Core.Shared.WebAddress.IsValid(o.Website)) data["sameAs"] = o.Website;
        return data;
    }

    /// <summary>The element to put in the page's head.</summary>
    public static IHtmlContent Script(JsonObject data) =>
        new HtmlString("<script type=\"application/ld+json\">" + data.ToJsonString(Json) + "</script>");

    private static JsonObject OrganizationReference(Organization o, string root, string language) => new()
    {
        ["@type"] = "Organization",
        ["name"] = o.Name,
        ["url"] = root + PageAddress.PathIn(language, $"/organizations/{o.Slug}"),
    };

    private static JsonObject Performer(EventSpeaker s)
    {
        var title = s.Title.Length > 0 ? s.Title : s.Person.Title;
        var affiliation = s.Affiliation.Length > 0 ? s.Affiliation : s.Person.Affiliation.Length > 0 ? s.Person.Affiliation : s.Person.Organization?.Name ?? "";
        var person = new JsonObject { ["@type"] = "Person", ["name"] = s.Person.Name };
        if (title.Length > 0) person["jobTitle"] = title;
        if (affiliation.Length > 0) person["affiliation"] = new JsonObject { ["@type"] = "Organization", ["name"] = affiliation };
        return person;
    }

    // Hours and minutes of offset always ("-05:00"): the form search engines' event rules show in their examples.
    private static readonly OffsetDateTimePattern LocalWithOffset = OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'sso<m>");

    private static string ZonedIso(Instant instant, DateTimeZone zone) => LocalWithOffset.Format(instant.InZone(zone).ToOffsetDateTime());
}
