using System.ComponentModel;
using System.Globalization;
using Haven.Core.Data;
using Haven.Core.Events;
using Haven.Core.Policies;
using Haven.Core.Resources;
using Haven.Core.Search;
using Haven.Core.Shared;
using Haven.Core.Taxonomy;
using Haven.Web.Discovery;
using Haven.Web.Events;
using Haven.Web.Files;
using Haven.Web.Pages.Resources;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;

namespace Haven.Web.Api;

/// <summary>The read side of the versioned JSON API (<c>/api/v1</c>): the same lists, filters and search as the pages,
/// one item by id or slug, opaque cursors, ETags. Everything here is public data; drafts never appear.</summary>
public static class ApiEndpoints
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    public static void MapHavenApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1").WithTags("Haven API v1");

        api.MapGet("/resources", ListResourcesAsync).WithName("ListResources")
            .WithSummary("Search and list published resources")
            .WithDescription("The library's search: all words must match (\"phrases\" and -exclusions work), filters as on the library page (repeat a parameter for several values), newest first without words. A cursor belongs to the library as it was when the first page was answered: if anything is published or changed meanwhile, the next page answers 409 and the listing starts again, rather than skipping or repeating results.")
            .Produces<ResourcePage>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/resources/{key}", GetResourceAsync).WithName("GetResource")
            .WithSummary("One published resource, by id or slug")
            .WithDescription("Its credits, subjects, body (sanitized HTML), files and links, and the resource that replaces it if there is one.")
            .Produces<ResourceDetail>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/events", ListEventsAsync).WithName("ListEvents")
            .WithSummary("List events")
            .WithDescription("Upcoming events (not yet ended) soonest first, or past ones latest first; filters as on the events page.")
            .Produces<ApiPage<EventItem>>().ProducesProblem(StatusCodes.Status400BadRequest);
        api.MapGet("/events/{key}", GetEventAsync).WithName("GetEvent")
            .WithSummary("One event, by id or slug").WithDescription("Join links and dial-in details are never part of it: they go to registrants only.")
            .Produces<EventItem>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/organizations", ListOrganizationsAsync).WithName("ListOrganizations")
            .WithSummary("List member organizations, by slug")
            .WithDescription("Every member organization, ordered by slug; the cursor is the last slug given, so new members never shift a walk.")
            .Produces<ApiPage<OrganizationItem>>().ProducesProblem(StatusCodes.Status400BadRequest);
        api.MapGet("/organizations/{key}", GetOrganizationAsync).WithName("GetOrganization")
            .WithSummary("One organization, by id or slug")
            .WithDescription("Its names, website, description and logo.")
            .Produces<OrganizationItem>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/campaigns", ListCampaignsAsync).WithName("ListCampaigns")
            .WithSummary("List campaigns and sign-ons")
            .WithDescription("Public campaigns, newest opening first, with their leads, dates, bills and the count of approved signatures; filter by status.")
            .Produces<ApiPage<CampaignItem>>().ProducesProblem(StatusCodes.Status400BadRequest);
        api.MapGet("/campaigns/{key}", GetCampaignAsync).WithName("GetCampaign")
            .WithSummary("One campaign, by id or slug")
            .WithDescription("Its text and the approved signatures as its page lists them (organization or name, city, state): never signers' emails.")
            .Produces<CampaignItem>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/policy-areas", ListPolicyAreasAsync).WithName("ListPolicyAreas")
            .WithSummary("The policy areas the tracker follows")
            .WithDescription("Each area with its positions in legend order, from most to least protective: the values /api/v1/policies answers with.")
            .Produces<ApiPage<PolicyAreaItem>>();
        api.MapGet("/policies", ListPoliciesAsync).WithName("ListPolicies")
            .WithSummary("Where each place stands on one policy area")
            .WithDescription("The map's data: every state or county with a record in force on the date, by FIPS code, with the position and the day it took effect.")
            .Produces<ApiPage<PolicyPositionItem>>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/jurisdictions/{key}/policies", GetPolicyHistoryAsync).WithName("GetPolicyHistory")
            .WithSummary("A place's policy history")
            .WithDescription("Every policy record of the place over time, by area, current first, with the model language, notes, verification and sources.")
            .Produces<PolicyHistory>().ProducesProblem(StatusCodes.Status404NotFound);
    }

    /// <summary>The library's query parameters, named for the API description; <see cref="LibraryState.FromQuery"/>
    /// reads the same query string, so the API and the library page parse a search alike.</summary>
    public sealed record ResourceListParameters(
        [property: FromQuery(Name = "q"), Description("Search words.")] string? Q,
        [property: FromQuery(Name = "topic"), Description("Topic slug; repeat for several.")] string[]? Topic,
        [property: FromQuery(Name = "audience"), Description("Audience slug.")] string[]? Audience,
        [property: FromQuery(Name = "jurisdiction"), Description("Jurisdiction slug.")] string[]? Jurisdiction,
        [property: FromQuery(Name = "organization"), Description("Authoring organization slug.")] string[]? Organization,
        [property: FromQuery(Name = "type"), Description("Resource type, e.g. practice-advisory.")] string[]? Type,
        [property: FromQuery(Name = "language"), Description("Language code, e.g. en, es.")] string[]? Language,
        [property: FromQuery(Name = "year"), Description("Publication year.")] string[]? Year,
        [property: FromQuery(Name = "sort"), Description("relevance (default), newest or oldest.")] string? Sort,
        [property: FromQuery(Name = "limit"), Description("Results a page, 1 to 100 (default 20).")] int? Limit,
        [property: FromQuery(Name = "cursor"), Description("The nextCursor of the previous page.")] string? Cursor);

    private static async Task<IResult> ListResourcesAsync([AsParameters] ResourceListParameters parameters, HttpContext http,
        LibrarySearch library, SiteSettings site, CancellationToken ct)
    {
        if (Limit(parameters.Limit) is not { } limit) return LimitRefused();
        var state = LibraryState.FromQuery(http.Request.Query) with { Page = 1 };
        var fingerprint = ApiCursor.Fingerprint(state.ToQueryString() + "|" + limit.ToString(CultureInfo.InvariantCulture));
        long? version = null;
        if (parameters.Cursor is { } cursor)
        {
            var parts = ApiCursor.Decode(cursor, 3);
            if (parts is null || parts[2] != fingerprint
                || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var page) || page < 2 || page > LibraryState.MaxPage
                || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var v))
                return ApiResults.BadRequest("This cursor is not one of this list's: pass the nextCursor of the previous page with the same filters.", "cursor");
            state = state with { Page = page };
            version = v;
        }
        var result = await library.SearchAsync(state, null, limit, ct);
        if (version is { } expected && result.IndexVersion != expected)
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "The library changed",
                detail: "Resources were published or changed since this listing began; start again without a cursor.");
        var root = PageAddress.Root(http.Request, site);
        var more = result.State.Page * limit < result.Total && result.State.Page < LibraryState.MaxPage;
        var next = more ? ApiCursor.Encode((result.State.Page + 1).ToString(CultureInfo.InvariantCulture),
            result.IndexVersion.ToString(CultureInfo.InvariantCulture), fingerprint) : null;
        var items = result.Items.Select(r => new ResourceListItem(r.Id, r.Slug, root + $"/resources/{r.Slug}", r.Title, r.Summary,
            r.Type.Slug(), r.Language, Date(r.PublishedOn), r.Authors, r.IsSuperseded, r.SnippetHtml)).ToList();
        var facets = result.Facets.ToDictionary(f => f.Key.Parameter(),
            f => (IReadOnlyList<ApiFacetValue>)f.Value.Select(v => new ApiFacetValue(v.Value, v.Label, v.Count, v.Selected)).ToList());
        return ApiResults.Ok(http, new ResourcePage(items, next, result.Total, facets));
    }

    private static async Task<IResult> GetResourceAsync([Description("The resource's id or slug.")] string key, HttpContext http,
        HavenDbContext db, IClock clock, SiteSettings site, CancellationToken ct)
    {
        var query = ResourcesWithDetails(db);
        var r = int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? await query.FirstOrDefaultAsync(x => x.Id == id, ct)
            : await query.FirstOrDefaultAsync(x => x.Slug == key, ct);
        var now = clock.GetCurrentInstant();
        if (r is null || !r.IsPublicAt(now)) return ApiResults.NotFound("No published resource has this id or slug.");
        return ApiResults.Ok(http, ResourceDetailOf(r, PageAddress.Root(http.Request, site), now));
    }

    internal static IQueryable<Resource> ResourcesWithDetails(HavenDbContext db) => db.Resources.AsNoTracking()
        .Include(r => r.Authors.OrderBy(a => a.Position)).ThenInclude(a => a.Organization)
        .Include(r => r.Topics).Include(r => r.Audiences).Include(r => r.Jurisdictions)
        .Include(r => r.Attachments.OrderBy(a => a.Position)).Include(r => r.Links.OrderBy(l => l.Position))
        .Include(r => r.SupersededBy)
        .AsSplitQuery();

    /// <summary>A public resource as GET /api/v1/resources/{key} answers it (the write side compares its ETag).</summary>
    internal static ResourceDetail ResourceDetailOf(Resource r, string root, Instant now) =>
        new(r.Id, r.Slug, root + $"/resources/{r.Slug}", r.Title, r.Summary, r.Type.Slug(), r.Language,
            Date(r.PublishedOn), Date(r.CurrentAsOf), InstantPattern.ExtendedIso.Format(r.UpdatedAt),
            r.Authors.Select(a => Organization(a.Organization, root)).ToList(),
            r.Topics.OrderBy(t => t.Name, StringComparer.Ordinal).Select(t => new ApiTerm(t.Slug, t.Name)).ToList(),
            r.Audiences.OrderBy(a => a.Name, StringComparer.Ordinal).Select(a => new ApiTerm(a.Slug, a.Name)).ToList(),
            r.Jurisdictions.OrderBy(j => j.Name, StringComparer.Ordinal).Select(Place).ToList(),
            r.BodyHtml,
            r.Attachments.Select(a => new ApiAttachment(a.FileName, root + $"/files/{a.Id}/{Uri.EscapeDataString(a.FileName)}", a.ContentType, a.Length)).ToList(),
            r.Links.Select(l => new ApiLink(l.Title, l.Url)).ToList(),
            r.SupersededBy is { } next && next.IsPublicAt(now) ? root + $"/resources/{next.Slug}" : null);

    public sealed record EventListParameters(
        [property: FromQuery(Name = "when"), Description("upcoming (default: not yet ended, soonest first) or past (latest first).")] string? When,
        [property: FromQuery(Name = "kind"), Description("webinar, teleconference, press-call, training or convening.")] string? Kind,
        [property: FromQuery(Name = "topic"), Description("Topic slug.")] string? Topic,
        [property: FromQuery(Name = "organization"), Description("Host organization slug.")] string? Organization,
        [property: FromQuery(Name = "language"), Description("Language code.")] string? Language,
        [property: FromQuery(Name = "limit"), Description("Events a page, 1 to 100 (default 20).")] int? Limit,
        [property: FromQuery(Name = "cursor"), Description("The nextCursor of the previous page.")] string? Cursor);

    private static async Task<IResult> ListEventsAsync([AsParameters] EventListParameters parameters, HttpContext http,
        HavenDbContext db, IClock clock, SiteSettings site, CancellationToken ct)
    {
        if (Limit(parameters.Limit) is not { } limit) return LimitRefused();
        var past = parameters.When switch
        {
            null or "" or "upcoming" => false,
            "past" => true,
            _ => (bool?)null,
        };
        if (past is null) return ApiResults.BadRequest("when is upcoming or past.", "when");
        if (parameters.Kind is { Length: > 0 } kind && EventLabels.KindFromParameter(kind) is null)
            return ApiResults.BadRequest("Unknown kind: use webinar, teleconference, press-call, training or convening.", "kind");
        var filter = EventFilter.FromQuery(http.Request.Query);
        // Keyset: the start and id of the last event given. Events are few, so the order is decided in memory, as on
        // the events page (an event's end is its start plus its length, not a column).
        (Instant StartsAt, int Id)? after = null;
        if (parameters.Cursor is { } cursor)
        {
            var parts = ApiCursor.Decode(cursor, 3);
            if (parts is null || parts[2] != (past.Value ? "past" : "upcoming")
                || !long.TryParse(parts[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ticks)
                || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var lastId))
                return ApiResults.BadRequest("This cursor is not one of this list's: pass the nextCursor of the previous page.", "cursor");
            after = (Instant.FromUnixTimeTicks(ticks), lastId);
        }
        var now = clock.GetCurrentInstant();
        var times = await filter.Apply(db.Events.AsNoTracking().Where(e => !e.IsDraft))
            .Select(e => new { e.Id, e.StartsAt, e.DurationMinutes }).ToListAsync(ct);
        var matching = times.Where(t => (t.StartsAt + Duration.FromMinutes(t.DurationMinutes) <= now) == past.Value);
        var ordered = past.Value
            ? matching.OrderByDescending(t => t.StartsAt).ThenByDescending(t => t.Id)
                .Where(t => after is not { } a || t.StartsAt < a.StartsAt || (t.StartsAt == a.StartsAt && t.Id < a.Id))
            : matching.OrderBy(t => t.StartsAt).ThenBy(t => t.Id)
                .Where(t => after is not { } a || t.StartsAt > a.StartsAt || (t.StartsAt == a.StartsAt && t.Id > a.Id));
        var window = ordered.Take(limit + 1).ToList();
        var ids = window.Take(limit).Select(t => t.Id).ToList();
        var events = await EventsWithDetails(db).Where(e => ids.Contains(e.Id)).ToListAsync(ct);
        var byId = events.ToDictionary(e => e.Id);
        var seats = await SeatsLeftAsync(db, events, ct);
        var root = PageAddress.Root(http.Request, site);
        var items = ids.Select(i => EventItem(byId[i], root, now, seats, details: false)).ToList();
        var next = window.Count > limit
            ? ApiCursor.Encode(window[limit - 1].StartsAt.ToUnixTimeTicks().ToString(CultureInfo.InvariantCulture),
                window[limit - 1].Id.ToString(CultureInfo.InvariantCulture), past.Value ? "past" : "upcoming")
            : null;
        return ApiResults.Ok(http, new ApiPage<EventItem>(items, next));
    }

    private static async Task<IResult> GetEventAsync([Description("The event's id or slug.")] string key, HttpContext http,
        HavenDbContext db, IClock clock, SiteSettings site, CancellationToken ct)
    {
        var query = EventsWithDetails(db).Where(e => !e.IsDraft);
        var e = int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? await query.FirstOrDefaultAsync(x => x.Id == id, ct)
            : await query.FirstOrDefaultAsync(x => x.Slug == key, ct);
        if (e is null) return ApiResults.NotFound("No event has this id or slug.");
        var seats = await SeatsLeftAsync(db, [e], ct);
        return ApiResults.Ok(http, EventItem(e, PageAddress.Root(http.Request, site), clock.GetCurrentInstant(), seats, details: true));
    }

    public sealed record PageParameters(
        [property: FromQuery(Name = "limit"), Description("Items a page, 1 to 100 (default 20).")] int? Limit,
        [property: FromQuery(Name = "cursor"), Description("The nextCursor of the previous page.")] string? Cursor);

    private static async Task<IResult> ListOrganizationsAsync([AsParameters] PageParameters parameters, HttpContext http,
        HavenDbContext db, SiteSettings site, CancellationToken ct)
    {
        if (Limit(parameters.Limit) is not { } limit) return LimitRefused();
        var query = db.Organizations.AsNoTracking();
        if (parameters.Cursor is { } cursor)
        {
            if (ApiCursor.Decode(cursor, 1) is not [var afterSlug]) return ApiResults.BadRequest("This cursor is not one of this list's.", "cursor");
            query = query.Where(o => string.Compare(o.Slug, afterSlug) > 0);
        }
        var rows = await query.OrderBy(o => o.Slug).Take(limit + 1).ToListAsync(ct);
        var root = PageAddress.Root(http.Request, site);
        var items = rows.Take(limit).Select(o => OrganizationItem(o, root)).ToList();
        return ApiResults.Ok(http, new ApiPage<OrganizationItem>(items, rows.Count > limit ? ApiCursor.Encode(rows[limit - 1].Slug) : null));
    }

    private static async Task<IResult> GetOrganizationAsync([Description("The organization's id or slug.")] string key, HttpContext http,
        HavenDbContext db, SiteSettings site, CancellationToken ct)
    {
        var o = int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? await db.Organizations.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct)
            : await db.Organizations.AsNoTracking().FirstOrDefaultAsync(x => x.Slug == key, ct);
        return o is null ? ApiResults.NotFound("No organization has this id or slug.") : ApiResults.Ok(http, OrganizationItem(o, PageAddress.Root(http.Request, site)));
    }

    public sealed record CampaignListParameters(
        [property: FromQuery(Name = "status"), Description("open (taking signatures now), upcoming, closed, or all (default).")] string? Status,
        [property: FromQuery(Name = "limit"), Description("Campaigns a page, 1 to 100 (default 20).")] int? Limit,
        [property: FromQuery(Name = "cursor"), Description("The nextCursor of the previous page.")] string? Cursor);

    private static async Task<IResult> ListCampaignsAsync([AsParameters] CampaignListParameters parameters, HttpContext http,
        HavenDbContext db, Haven.Core.Bills.BillLinks bills, IClock clock, SiteSettings site, CancellationToken ct)
    {
        if (Limit(parameters.Limit) is not { } limit) return LimitRefused();
        var status = string.IsNullOrEmpty(parameters.Status) ? "all" : parameters.Status;
        if (status is not ("all" or "open" or "upcoming" or "closed")) return ApiResults.BadRequest("status is open, upcoming, closed or all.", "status");
        var now = clock.GetCurrentInstant();
        var query = db.Campaigns.AsNoTracking().Where(c => !c.IsDraft);
        query = status switch
        {
            "open" => query.Where(c => c.OpensAt <= now && now < c.ClosesAt),
            "upcoming" => query.Where(c => now < c.OpensAt),
            "closed" => query.Where(c => c.ClosesAt <= now),
            _ => query,
        };
        // Keyset on (opening, id), newest first: a campaign added later never shifts a walk.
        if (parameters.Cursor is { } cursor)
        {
            var parts = ApiCursor.Decode(cursor, 3);
            if (parts is null || parts[2] != status
                || !long.TryParse(parts[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ticks)
                || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var lastId))
                return ApiResults.BadRequest("This cursor is not one of this list's: pass the nextCursor of the previous page.", "cursor");
            var opens = Instant.FromUnixTimeTicks(ticks);
            query = query.Where(c => c.OpensAt < opens || (c.OpensAt == opens && c.Id < lastId));
        }
        var rows = await query.OrderByDescending(c => c.OpensAt).ThenByDescending(c => c.Id).Take(limit + 1)
            .Include(c => c.Leads.OrderBy(l => l.Position)).ThenInclude(l => l.Organization).Include(c => c.Resource)
            .AsSplitQuery().ToListAsync(ct);
        var page = rows.Take(limit).ToList();
        var root = PageAddress.Root(http.Request, site);
        var items = new List<CampaignItem>();
        var counts = await SignatureCountsAsync(db, page.Select(c => c.Id).ToList(), ct);
        foreach (var c in page)
            items.Add(CampaignItem(c, root, now, counts.GetValueOrDefault(c.Id), await bills.OfCampaignAsync(c.Id, ct), details: null));
        var next = rows.Count > limit
            ? ApiCursor.Encode(page[^1].OpensAt.ToUnixTimeTicks().ToString(CultureInfo.InvariantCulture), page[^1].Id.ToString(CultureInfo.InvariantCulture), status)
            : null;
        return ApiResults.Ok(http, new ApiPage<CampaignItem>(items, next));
    }

    private static async Task<IResult> GetCampaignAsync([Description("The campaign's id or slug.")] string key, HttpContext http,
        HavenDbContext db, Haven.Core.Bills.BillLinks bills, Haven.Core.Text.MarkdownRenderer markdown, IClock clock, SiteSettings site, CancellationToken ct)
    {
        var query = db.Campaigns.AsNoTracking().Where(c => !c.IsDraft)
            .Include(c => c.Leads.OrderBy(l => l.Position)).ThenInclude(l => l.Organization).Include(c => c.Resource).AsSplitQuery();
        var c = int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? await query.FirstOrDefaultAsync(x => x.Id == id, ct)
            : await query.FirstOrDefaultAsync(x => x.Slug == key, ct);
        if (c is null) return ApiResults.NotFound("No campaign has this id or slug.");
        var signatures = await db.Endorsements.AsNoTracking()
            .Where(e => e.CampaignId == c.Id && e.Status == Haven.Core.Campaigns.EndorsementStatus.Approved)
            .OrderBy(e => e.ApprovedAt).ThenBy(e => e.Id).ToListAsync(ct);
        var details = (c.Body.Length > 0 ? markdown.ToHtml(c.Body) : "", signatures.Select(e => new ApiSignature(e.DisplayName, e.City, e.State)).ToList());
        return ApiResults.Ok(http, CampaignItem(c, PageAddress.Root(http.Request, site), clock.GetCurrentInstant(), signatures.Count,
            await bills.OfCampaignAsync(c.Id, ct), details));
    }

    private static async Task<Dictionary<int, int>> SignatureCountsAsync(HavenDbContext db, IReadOnlyList<int> campaignIds, CancellationToken ct) =>
        await db.Endorsements.AsNoTracking()
            .Where(e => campaignIds.Contains(e.CampaignId) && e.Status == Haven.Core.Campaigns.EndorsementStatus.Approved)
            .GroupBy(e => e.CampaignId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);

    private static CampaignItem CampaignItem(Haven.Core.Campaigns.Campaign c, string root, Instant now, int signatureCount,
        IReadOnlyList<Haven.Core.Bills.Bill> bills, (string BodyHtml, List<ApiSignature> Signatures)? details) =>
        new(c.Id, c.Slug, root + $"/campaigns/{c.Slug}", c.Title, c.Summary, c.Language,
            c.Leads.Select(l => Organization(l.Organization, root)).ToList(),
            InstantPattern.ExtendedIso.Format(c.OpensAt), InstantPattern.ExtendedIso.Format(c.ClosesAt), c.IsOpenAt(now),
            c.WhoMaySign.ToString().ToLowerInvariant(), signatureCount,
            c.Resource is { } r && r.IsPublicAt(now) ? root + $"/resources/{r.Slug}" : null,
            bills.Select(b => new ApiBill(b.Slug, b.Number, b.Title, b.Session, root + $"/bills/{b.Slug}")).ToList(),
            details?.BodyHtml, details?.Signatures);

    private static async Task<IResult> ListPolicyAreasAsync(HttpContext http, PolicyQueries policies, CancellationToken ct)
    {
        var areas = await policies.AreasAsync(ct);
        return ApiResults.Ok(http, new ApiPage<PolicyAreaItem>(areas.Select(a => new PolicyAreaItem(a.Id, a.Slug, a.Name, a.Description,
            a.Positions.Select(p => new ApiPolicyPosition(p.Slug, p.Label, p.Order)).ToList())).ToList(), null));
    }

    public sealed record PolicyListParameters(
        [property: FromQuery(Name = "area"), Description("The policy area's slug (see /api/v1/policy-areas).")] string? Area,
        [property: FromQuery(Name = "date"), Description("As of this day, yyyy-MM-dd (default: today in the site's zone).")] string? Date,
        [property: FromQuery(Name = "level"), Description("counties (default), states or all.")] string? Level,
        [property: FromQuery(Name = "state"), Description("A state's postal code, e.g. IL: that state and its counties only.")] string? State,
        [property: FromQuery(Name = "limit"), Description("Places a page, 1 to 100 (default 20).")] int? Limit,
        [property: FromQuery(Name = "cursor"), Description("The nextCursor of the previous page.")] string? Cursor);

    private static async Task<IResult> ListPoliciesAsync([AsParameters] PolicyListParameters parameters, HttpContext http,
        HavenDbContext db, PolicyQueries policies, IClock clock, SiteSettings site, CancellationToken ct)
    {
        if (Limit(parameters.Limit) is not { } limit) return LimitRefused();
        if (string.IsNullOrWhiteSpace(parameters.Area)) return ApiResults.BadRequest("Name the policy area: ?area=slug (see /api/v1/policy-areas).", "area");
        var area = (await policies.AreasAsync(ct)).FirstOrDefault(a => a.Slug == parameters.Area);
        if (area is null) return ApiResults.NotFound("No policy area has this slug.");
        var date = clock.GetCurrentInstant().InZone(site.Zone).Date;
        if (!string.IsNullOrEmpty(parameters.Date))
        {
            var parsed = LocalDatePattern.Iso.Parse(parameters.Date);
            if (!parsed.Success) return ApiResults.BadRequest("date is a day written yyyy-MM-dd.", "date");
            date = parsed.Value;
        }
        Func<JurisdictionKind, bool>? level = parameters.Level switch
        {
            null or "" or "counties" => k => k == JurisdictionKind.County,
            "states" => k => k == JurisdictionKind.State,
            "all" => _ => true,
            _ => null,
        };
        if (level is null) return ApiResults.BadRequest("level is counties, states or all.", "level");
        var state = parameters.State?.Trim().ToUpperInvariant();
        string? afterFips = null;
        if (parameters.Cursor is { } cursor)
        {
            if (ApiCursor.Decode(cursor, 1) is not [var fips]) return ApiResults.BadRequest("This cursor is not one of this list's.", "cursor");
            afterFips = fips;
        }
        var positions = (await policies.AsOfAsync(area.Id, date, ct))
            .Where(p => level(p.Kind) && (afterFips is null || string.CompareOrdinal(p.Fips, afterFips) > 0))
            .OrderBy(p => p.Fips, StringComparer.Ordinal).ToList();
        var fipsCodes = positions.Select(p => p.Fips).ToList();
        var places = await db.Jurisdictions.AsNoTracking().Where(j => j.Fips != null && fipsCodes.Contains(j.Fips))
            .Select(j => new { Fips = j.Fips!, j.Slug, j.Name, j.StateCode }).ToDictionaryAsync(j => j.Fips, ct);
        if (!string.IsNullOrEmpty(state))
            positions = positions.Where(p => places.TryGetValue(p.Fips, out var place) && place.StateCode == state).ToList();
        var labels = area.Positions.ToDictionary(p => p.Slug, p => p.Label);
        var root = PageAddress.Root(http.Request, site);
        var page = positions.Take(limit + 1).ToList();
        var items = page.Take(limit).Select(p =>
        {
            var place = places.GetValueOrDefault(p.Fips);
            return new PolicyPositionItem(p.Fips, place?.Name ?? p.Fips, Kind(p.Kind), place?.StateCode, root + $"/jurisdictions/{p.Fips}",
                p.PositionSlug, labels.GetValueOrDefault(p.PositionSlug, p.PositionSlug), LocalDatePattern.Iso.Format(p.EffectiveOn), p.IsDemo);
        }).ToList();
        return ApiResults.Ok(http, new ApiPage<PolicyPositionItem>(items, page.Count > limit ? ApiCursor.Encode(page[limit - 1].Fips) : null));
    }

    private static async Task<IResult> GetPolicyHistoryAsync([Description("The place's FIPS code (states, counties, cities with one) or slug.")] string key,
        HttpContext http, HavenDbContext db, PolicyQueries policies, SiteSettings site, CancellationToken ct)
    {
        var place = await db.Jurisdictions.AsNoTracking().FirstOrDefaultAsync(j => j.Fips == key, ct)
            ?? await db.Jurisdictions.AsNoTracking().FirstOrDefaultAsync(j => j.Slug == key, ct);
        if (place is null) return ApiResults.NotFound("No place has this FIPS code or slug.");
        var records = await policies.HistoryAsync(place.Id, ct);
        var root = PageAddress.Root(http.Request, site);
        return ApiResults.Ok(http, new PolicyHistory(Place(place), root + $"/jurisdictions/{place.Fips ?? place.Slug}", records.Select(r => new PolicyRecordItem(
            r.Id, r.Area!.Slug, r.Area.Name, r.Position!.Slug, r.Position.Label, LocalDatePattern.Iso.Format(r.EffectiveOn), Date(r.EndsOn),
            r.Basis == PolicyBasis.WrittenPolicy ? "written-policy" : "observed-practice", r.Excerpt, r.Notes, Date(r.VerifiedOn),
            r.Sources.OrderBy(s => s.Id).Select(s => new ApiLink(s.Title,
                s.Url ?? root + Policies.PolicyEndpoints.SourcePath(s))).ToList(), r.IsDemo)).ToList()));
    }

    internal static IQueryable<Event> EventsWithDetails(HavenDbContext db) => db.Events.AsNoTracking()
        .Include(e => e.Hosts.OrderBy(h => h.Position)).ThenInclude(h => h.Organization)
        .Include(e => e.Speakers.OrderBy(s => s.Position)).ThenInclude(s => s.Person).ThenInclude(p => p.Organization)
        .Include(e => e.Topics)
        .AsSplitQuery();

    internal static async Task<Dictionary<int, int>> SeatsLeftAsync(HavenDbContext db, IReadOnlyList<Event> events, CancellationToken ct)
    {
        var limited = events.Where(e => e.Capacity is not null && e.RegistrationMode != RegistrationMode.None).Select(e => e.Id).ToList();
        if (limited.Count == 0) return [];
        var held = await db.Registrations.AsNoTracking()
            .Where(r => limited.Contains(r.EventId) && r.Status == RegistrationStatus.Confirmed)
            .GroupBy(r => r.EventId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return events.Where(e => limited.Contains(e.Id)).ToDictionary(e => e.Id, e => Math.Max(0, e.Capacity!.Value - held.GetValueOrDefault(e.Id)));
    }

    internal static EventItem EventItem(Event e, string root, Instant now, Dictionary<int, int> seats, bool details)
    {
        var finished = e.Status == EventStatus.Completed || (e.IsPast(now) && e.Status == EventStatus.Scheduled);
        return new EventItem(e.Id, e.Slug, root + $"/events/{e.Slug}", root + $"/events/{e.Slug}.ics", e.Title, e.Kind.Parameter(),
            e.Status.ToString().ToLowerInvariant(), InstantPattern.ExtendedIso.Format(e.StartsAt), InstantPattern.ExtendedIso.Format(e.EndsAt),
            e.TimeZoneId, e.Language,
            e.Hosts.Select(h => Organization(h.Organization, root)).ToList(),
            e.Speakers.Select(s => new ApiSpeaker(s.Person.Name, Haven.Core.Shared.Slug.From(s.Role.DisplayName()),
                s.Title.Length > 0 ? s.Title : s.Person.Title, s.Affiliation.Length > 0 ? s.Affiliation : s.Person.Affiliation)).ToList(),
            e.Topics.OrderBy(t => t.Name, StringComparer.Ordinal).Select(t => new ApiTerm(t.Slug, t.Name)).ToList(),
            new ApiRegistration(e.RegistrationMode switch
                {
                    RegistrationMode.Open => "open",
                    RegistrationMode.Approval => "approval",
                    RegistrationMode.InvitationCode => "invitation-code",
                    _ => "none",
                },
                e.RegistrationMode != RegistrationMode.None && RegistrationRules.WhyClosed(e, now) is null,
                seats.TryGetValue(e.Id, out var left) ? left : null,
                e.RegistrationDeadline is { } deadline ? InstantPattern.ExtendedIso.Format(deadline) : null),
            details ? e.DescriptionHtml : null,
            finished && WebAddress.IsValid(e.RecordingUrl) ? e.RecordingUrl : null);
    }

    private static OrganizationItem OrganizationItem(Haven.Core.Organizations.Organization o, string root) =>
        new(o.Id, o.Slug, root + $"/organizations/{o.Slug}", o.Name, o.ShortName, WebAddress.IsValid(o.Website) ? o.Website : "", o.Description,
            o.LogoKey is { } key ? root + ImageDownloads.LogoUrl(o.Id, key) : null);

    private static ApiReference Organization(Haven.Core.Organizations.Organization o, string root) =>
        new(o.Slug, o.Name, root + $"/organizations/{o.Slug}");

    private static ApiPlace Place(Jurisdiction j) => new(j.Slug, j.Name, Kind(j.Kind), j.Fips);

    private static string Kind(JurisdictionKind kind) => kind.ToString().ToLowerInvariant();

    private static string? Date(LocalDate? date) => date is { } d ? LocalDatePattern.Iso.Format(d) : null;

    private static int? Limit(int? limit) => limit switch
    {
        null => DefaultLimit,
        >= 1 and <= MaxLimit => limit,
        _ => null,
    };

    private static IResult LimitRefused() => ApiResults.BadRequest($"limit is a number from 1 to {MaxLimit}.", "limit");
}
