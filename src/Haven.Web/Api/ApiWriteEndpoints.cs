using System.ComponentModel;
using System.Globalization;
using Haven.Core.Accounts;
using Haven.Core.Data;
using Haven.Core.Resources;
using Haven.Core.Shared;
using Haven.Web.Discovery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using Microsoft.OpenApi;
using NodaTime;

namespace Haven.Web.Api;

/// <summary>What a client sends to create or replace a resource: the editor's fields, with organizations, topics,
/// audiences and places named by their slugs (as the read side gives them).</summary>
public sealed record ResourceInput(
    [property: Description("Up to 300 characters.")] string? Title,
    [property: Description("The address (lower-case letters, digits, hyphens); left out, made from the title for a new resource and kept as it is on a replace.")] string? Slug,
    [property: Description("Resource type, e.g. practice-advisory, report, fact-sheet.")] string? Type,
    [property: Description("One or two plain sentences.")] string? Summary,
    [property: Description("Markdown.")] string? Body,
    [property: Description("Language code: en or es.")] string? Language,
    [property: Description("Publication date, yyyy-MM-dd.")] string? PublishedOn,
    [property: Description("The date the content is current as of, yyyy-MM-dd.")] string? CurrentAsOf,
    [property: Description("Crediting organizations' slugs, the token's organization first (the default).")] IReadOnlyList<string>? Authors,
    [property: Description("Topic slugs.")] IReadOnlyList<string>? Topics,
    [property: Description("Audience slugs.")] IReadOnlyList<string>? Audiences,
    [property: Description("Jurisdiction slugs.")] IReadOnlyList<string>? Jurisdictions,
    [property: Description("Links to other pages (https).")] IReadOnlyList<ApiLink>? Links,
    [property: Description("Whether readers may comment.")] bool? CommentsEnabled,
    [property: Description("draft (the default for a new resource), published, or scheduled (with publishAt). Left out on a replace, the status stays as it is. Where the organization asks for review, publishing waits for one of its editors.")] string? Status,
    [property: Description("For scheduled: local date and time in the site's zone, yyyy-MM-ddTHH:mm.")] string? PublishAt);

/// <summary>Where a resource stands after a write.</summary>
public sealed record ResourceWriteResult(
    int Id, string Slug,
    [property: Description("The public page (answers 404 until the resource is published).")] string Url,
    [property: Description("draft, in-review, scheduled or published.")] string Status,
    [property: Description("Send it back as If-Match (\"r<revision>\") to replace or unpublish.")] int Revision,
    [property: Description("True when the change waits for another editor's approval and readers still see the previous version.")] bool ChangePending);

/// <summary>One problem with the request, by the field it is about (null for the whole request).</summary>
public sealed record ApiFieldProblem(string Code, string? Field, string Message);

/// <summary>The write side of the API: resources created, replaced and taken off the site by another system with an
/// organization's API token, through the same use case as the editor (same validation, the organization's review
/// rule, revisions, audit entries naming the token).</summary>
public static class ApiWriteEndpoints
{
    public const string SecuritySchemeName = "apiToken";

    public static void MapHavenApiWrites(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1").WithTags("Haven API v1").AddEndpointFilter<ApiTokenFilter>().AddEndpointFilter<ApiWriteLimitFilter>()
            .AddOpenApiOperationTransformer((operation, context, _) =>
            {
                operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SecuritySchemeName, context.Document)] = [] }];
                return Task.CompletedTask;
            });

        api.MapPost("/resources", CreateResourceAsync).WithName("CreateResource")
            .WithSummary("Create a resource of the token's organization")
            .WithDescription("The editor's fields and validation. A new resource is a draft unless status says published or scheduled; where the organization asks for review, publishing waits for one of its editors (status in-review). Every problem with the fields is listed at once (422).")
            .Accepts<ResourceInput>("application/json")
            .Produces<ResourceWriteResult>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        api.MapPut("/resources/{key:int}", ReplaceResourceAsync).WithName("ReplaceResource")
            .WithSummary("Replace a resource's fields")
            .WithDescription("Every field is replaced (lists left out become empty; authors default to the token's organization; the slug stays unless given). If-Match is required: the ETag of the last write (\"r<revision>\") or of GET /api/v1/resources/{id}; a stale one gets 412. Resources of other organizations get 403.")
            .Accepts<ResourceInput>("application/json")
            .Produces<ResourceWriteResult>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status428PreconditionRequired);
        api.MapDelete("/resources/{key:int}", UnpublishResourceAsync).WithName("UnpublishResource")
            .WithSummary("Take a resource off the site")
            .WithDescription("The resource goes back to a draft (nothing is deleted: its editors still find it, with its revisions). If-Match is required, as for a replace.")
            .Produces<ResourceWriteResult>()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);
        api.MapEventWrites();
    }

    /// <summary>The body, read after the token is checked (a bound parameter would be read before the filter runs, so a
    /// request without a token could get 400 instead of 401).</summary>
    private static Task<(ResourceInput? Input, IResult? Refusal)> InputAsync(HttpContext http) => InputAsync<ResourceInput>(http, "resource");

    internal static async Task<(T? Input, IResult? Refusal)> InputAsync<T>(HttpContext http, string what) where T : class
    {
        if (!http.Request.HasJsonContentType())
            return (null, Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type",
                detail: $"Send the {what} as JSON (Content-Type: application/json)."));
        try
        {
            var input = await http.Request.ReadFromJsonAsync<T>(ApiResults.Json, http.RequestAborted);
            return input is null ? (null, ApiResults.BadRequest($"Send the {what} as a JSON object.")) : (input, null);
        }
        catch (System.Text.Json.JsonException e)
        {
            return (null, ApiResults.BadRequest($"The body is not the JSON expected: {e.Message}"));
        }
    }

    private static async Task<IResult> CreateResourceAsync(HttpContext http, HavenDbContext db, SaveResource save,
        SiteSettings site, CancellationToken ct)
    {
        var session = ApiTokenFilter.SessionOf(http);
        var (input, refusal) = await InputAsync(http);
        if (input is null) return refusal!;
        var (action, statusProblem) = ActionOf(input.Status, isNew: true);
        var fields = await FieldsAsync(input, session.Token.OrganizationId, db, null, ct);
        if (statusProblem is not null) return Invalid([statusProblem]);
        var outcome = await save.RunAsync(new ResourceEdit { Fields = fields, Action = action, PublishAt = input.PublishAt, Actor = session.Actor }, ct);
        if (!outcome.Succeeded) return Refused(outcome.Problems);
        var result = Result(outcome.Value!, http, site);
        SetETag(http, result.Revision);
        return Results.Created($"{PageAddress.Root(http.Request, site)}/api/v1/resources/{result.Id}", result);
    }

    private static async Task<IResult> ReplaceResourceAsync([Description("The resource's id (a slug names it only for reading).")] int key,
        [FromHeader(Name = "If-Match"), Description("\"r<revision>\" from the last write, or the ETag of GET /api/v1/resources/{id}.")] string? ifMatch,
        HttpContext http, HavenDbContext db, SaveResource save, IClock clock, SiteSettings site, CancellationToken ct)
    {
        var id = key;
        var session = ApiTokenFilter.SessionOf(http);
        var (input, refusal) = await InputAsync(http);
        if (input is null) return refusal!;
        var (action, statusProblem) = ActionOf(input.Status, isNew: false);
        var current = await db.Resources.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (current is null) return ApiResults.NotFound("No resource has this id.");
        var fields = await FieldsAsync(input, session.Token.OrganizationId, db, current, ct);
        return await WriteAsync(http, db, save, clock, site, session.Actor, current, ifMatch, statusProblem,
            revision => new ResourceEdit { ResourceId = id, ExpectedRevision = revision, Fields = fields, Action = action, PublishAt = input.PublishAt, Actor = session.Actor }, ct);
    }

    private static async Task<IResult> UnpublishResourceAsync([Description("The resource's id (a slug names it only for reading).")] int key,
        [FromHeader(Name = "If-Match"), Description("\"r<revision>\" from the last write, or the ETag of GET /api/v1/resources/{id}.")] string? ifMatch,
        HttpContext http, HavenDbContext db, SaveResource save, IClock clock, SiteSettings site, CancellationToken ct)
    {
        var id = key;
        var session = ApiTokenFilter.SessionOf(http);
        var current = await db.Resources.AsNoTracking()
            .Include(r => r.Authors).Include(r => r.Topics).Include(r => r.Audiences).Include(r => r.Jurisdictions).Include(r => r.Links)
            .AsSplitQuery().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (current is null) return ApiResults.NotFound("No resource has this id.");
        var fields = ResourceSnapshot.Of(current);
        return await WriteAsync(http, db, save, clock, site, session.Actor, current, ifMatch, null,
            revision => new ResourceEdit { ResourceId = id, ExpectedRevision = revision, Fields = fields, Action = SaveAction.Unpublish, Actor = session.Actor }, ct);
    }

    /// <summary>A change to an existing resource: refused for other organizations (as the editor refuses, audited),
    /// without If-Match (428) or with a stale one (412); then the use case decides.</summary>
    private static async Task<IResult> WriteAsync(HttpContext http, HavenDbContext db, SaveResource save, IClock clock, SiteSettings site,
        Actor actor, Resource current, string? ifMatch, Problem? inputProblem, Func<int, ResourceEdit> edit, CancellationToken ct)
    {
        if (!actor.CanEdit(current))
        {
            // The use case refuses it and leaves the audit entry, as it does for the editor.
            var refused = await save.RunAsync(edit(current.Revision), ct);
            return Refused(refused.Problems);
        }
        if (string.IsNullOrWhiteSpace(ifMatch))
            return Results.Problem(statusCode: StatusCodes.Status428PreconditionRequired, title: "If-Match required",
                detail: "Send If-Match with the ETag of the last write (\"r<revision>\") or of GET /api/v1/resources/{id}, so a change made meanwhile is never overwritten.");
        if (!await MatchesAsync(ifMatch, current, db, clock, http, site, ct))
            return Stale();
        if (inputProblem is not null) return Invalid([inputProblem]);
        var outcome = await save.RunAsync(edit(current.Revision), ct);
        if (!outcome.Succeeded) return Refused(outcome.Problems);
        var result = Result(outcome.Value!, http, site);
        SetETag(http, result.Revision);
        return Results.Ok(result);
    }

    private static async Task<bool> MatchesAsync(string ifMatch, Resource current, HavenDbContext db, IClock clock, HttpContext http, SiteSettings site, CancellationToken ct)
    {
        if (!EntityTagHeaderValue.TryParseList(ifMatch.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries), out var tags))
            return false;
        if (tags.Any(t => t.Tag.Value == $"\"r{current.Revision.ToString(CultureInfo.InvariantCulture)}\"")) return true;
        // The ETag a client got from the public GET: the same answer, built again from the resource as it is now.
        var now = clock.GetCurrentInstant();
        if (!current.IsPublicAt(now)) return false;
        var full = await ApiEndpoints.ResourcesWithDetails(db).FirstAsync(r => r.Id == current.Id, ct);
        var etag = ApiResults.ETagOf(ApiEndpoints.ResourceDetailOf(full, PageAddress.Root(http.Request, site), now));
        return tags.Any(t => t.Compare(etag, useStrongComparison: false));
    }

    private static (SaveAction Action, Problem? Problem) ActionOf(string? status, bool isNew) => status?.Trim().ToLowerInvariant() switch
    {
        null or "" => (isNew ? SaveAction.SaveDraft : SaveAction.Save, null),
        "draft" => (SaveAction.SaveDraft, null),
        "published" or "publish" => (SaveAction.Publish, null),
        "scheduled" or "schedule" => (SaveAction.Schedule, null),
        _ => (SaveAction.SaveDraft, new Problem("invalid", "status is draft, published or scheduled.", "Status")),
    };

    /// <summary>The input as the editor's fields. A slug that names nothing becomes an id that matches nothing, so the use
    /// case reports it beside every other problem.</summary>
    private static async Task<ResourceSnapshot> FieldsAsync(ResourceInput input, int tokenOrganizationId, HavenDbContext db, Resource? current, CancellationToken ct)
    {
        var unknown = 0;
        async Task<List<int>> IdsAsync<T>(IQueryable<T> set, IReadOnlyList<string>? slugs, Func<T, string> slugOf, Func<T, int> idOf)
        {
            if (slugs is null || slugs.Count == 0) return [];
            var wanted = slugs.Select(s => s?.Trim() ?? "").ToList();
            var found = (await set.ToListAsync(ct)).ToDictionary(slugOf, idOf, StringComparer.Ordinal);
            return wanted.Select(s => found.TryGetValue(s, out var id) ? id : --unknown).ToList();
        }
        var authors = input.Authors is { Count: > 0 }
            ? await IdsAsync(db.Organizations.AsNoTracking(), input.Authors, o => o.Slug, o => o.Id)
            : [tokenOrganizationId];
        var type = ResourceTypes.TryParseSlug(input.Type?.Trim(), out var t) ? t : (ResourceType)0;
        return new ResourceSnapshot
        {
            Title = input.Title ?? "",
            // Left out, a new resource's address is made from its title, and an existing one keeps its own (links to it stay good).
            Slug = string.IsNullOrWhiteSpace(input.Slug) ? current?.Slug ?? "" : input.Slug,
            Type = type,
            Summary = input.Summary ?? "",
            Body = input.Body ?? "",
            Language = input.Language?.Trim() ?? "",
            PublishedOn = input.PublishedOn,
            CurrentAsOf = input.CurrentAsOf,
            AuthorIds = authors,
            TopicIds = await IdsAsync(db.Topics.AsNoTracking(), input.Topics, x => x.Slug, x => x.Id),
            AudienceIds = await IdsAsync(db.Audiences.AsNoTracking(), input.Audiences, x => x.Slug, x => x.Id),
            JurisdictionIds = await IdsAsync(db.Jurisdictions.AsNoTracking(), input.Jurisdictions, x => x.Slug, x => x.Id),
            Links = string.Join('\n', (input.Links ?? []).Select(l => $"{l.Url?.Trim()} {l.Title?.Trim()}".Trim())),
            CommentsEnabled = input.CommentsEnabled ?? false,
            // Not part of the API's input: what the editor set stays.
            SupersedesId = current?.SupersedesId,
        };
    }

    private static ResourceWriteResult Result(Resource r, HttpContext http, SiteSettings site) =>
        new(r.Id, r.Slug, PageAddress.Root(http.Request, site) + $"/resources/{r.Slug}", r.Status switch
        {
            ResourceStatus.InReview => "in-review",
            _ => r.Status.ToString().ToLowerInvariant(),
        }, r.Revision, r.ProposedRevision is not null);

    internal static void SetETag(HttpContext http, int revision) =>
        http.Response.Headers.ETag = $"\"r{revision.ToString(CultureInfo.InvariantCulture)}\"";

    private static IResult Refused(IReadOnlyList<Problem> problems)
    {
        if (problems.Any(p => p.Code == "forbidden"))
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
                detail: "This resource belongs to another organization: a token writes only its own organization's resources.");
        if (problems.Any(p => p.Code == "not_found")) return ApiResults.NotFound("No resource has this id.");
        if (problems.Any(p => p.Code == "edited_meanwhile")) return Stale();
        return Invalid(problems);
    }

    private static IResult Stale() =>
        Results.Problem(statusCode: StatusCodes.Status412PreconditionFailed, title: "Changed meanwhile",
            detail: "The resource changed since the version If-Match names: get it again, and apply your change to the current version.");

    internal static IResult Invalid(IReadOnlyList<Problem> problems) =>
        Results.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Invalid fields",
            detail: "Nothing was saved: " + string.Join(" ", problems.Select(Message)),
            extensions: new Dictionary<string, object?>
            {
                ["errors"] = problems.Select(p => new ApiFieldProblem(p.Code, FieldName(p.Field), Message(p))).ToList(),
            });

    internal static string Message(Problem p) => string.Format(CultureInfo.InvariantCulture, p.Message, p.Arguments);

    /// <summary>The use case names the editor's fields; the API names its own.</summary>
    private static string? FieldName(string? field) => field switch
    {
        null => null,
        nameof(ResourceSnapshot.AuthorIds) => "authors",
        nameof(ResourceSnapshot.TopicIds) => "topics",
        nameof(ResourceSnapshot.AudienceIds) => "audiences",
        nameof(ResourceSnapshot.JurisdictionIds) => "jurisdictions",
        nameof(ResourceSnapshot.SupersedesId) => "supersedes",
        nameof(ResourceSnapshot.TranslationOfId) => "translationOf",
        _ => char.ToLowerInvariant(field[0]) + field[1..],
    };
}
