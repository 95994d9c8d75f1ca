using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AwesomeAssertions;
using Haven.Core.Accounts;
using Haven.Core.Api;
using Haven.Core.Audit;
using Haven.Core.Resources;
using Haven.Core.Shared;
using Haven.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Haven.Web.Tests.Api;

/// <summary>Writing through the API with an organization's token: tokens created, listed and revoked on their page by
/// leads only; every refusal (no token, unknown, revoked, expired, a cookie alone, another organization's resource,
/// If-Match missing or stale, invalid fields); writes that show on the public API and pages, keep the review rule,
/// and are audited as the token. Both databases.</summary>
public abstract class ApiWriteTests(HavenFactory site)
{
    private static string Form(string handler) => $"/admin/api-tokens?handler={handler}";

    /// <summary>A token of the organization, made by the use case as an administrator would.</summary>
    private async Task<CreatedApiToken> TokenAsync(int organizationId, string name = "CMS sync", int lifetimeDays = 0)
    {
        await using var scope = site.Scope();
        var outcome = await scope.ServiceProvider.GetRequiredService<ManageApiTokens>()
            .CreateAsync(Actor.System("test"), organizationId, name, lifetimeDays);
        return outcome.Value ?? throw new InvalidOperationException(string.Join("; ", outcome.Problems));
    }

    private HttpClient Bearer(string secret)
    {
        var client = site.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    private static object Input(TestTaxonomy t, string title, string? status = null, string? type = "report") => new
    {
        title,
        type,
        summary = $"Summary of {title}.",
        body = "Know your rights **before** the hearing.",
        language = "en",
        publishedOn = "2025-02-03",
        topics = new[] { t.Topic.Slug },
        audiences = new[] { t.Audience.Slug },
        jurisdictions = new[] { t.Jurisdiction.Slug },
        links = new[] { new { title = "Court rules", url = "https://courts.example.org/rules" } },
        status,
    };

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(expected, body);
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    private static HttpRequestMessage Put(string url, object input, string? ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = JsonContent.Create(input) };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return request;
    }

    private Task<List<AuditEntry>> AuditAsync(string subjectType, string subjectId) =>
        site.WithDbAsync(db => db.AuditLog.AsNoTracking().Where(a => a.SubjectType == subjectType && a.SubjectId == subjectId).OrderBy(a => a.Id).ToListAsync());

    [Fact]
    public async Task A_lead_creates_a_token_sees_its_secret_once_lists_it_and_revokes_it_after_confirming()
    {
        var t = await site.CreateTaxonomyAsync();
        var lead = await site.MemberClientAsync(t.Organization.Id, MembershipRole.Lead);

        var created = await lead.PostFormAsync("/admin/api-tokens", Form("Create"),
            new() { ["OrganizationId"] = t.Organization.Id.ToString(), ["Name"] = "Website <b>sync</b>", ["LifetimeDays"] = "90" });

        var page = Html.Parse(await JsonlessAsync(created));
        var secret = page.QuerySelector("#new-token-secret")!.GetAttribute("value")!;
        secret.Should().StartWith(ApiToken.SecretPrefix);
        page.QuerySelector("#new-token pre")!.TextContent.Should().Be("Authorization: Bearer " + secret);
        created.Headers.CacheControl!.NoStore.Should().BeTrue();
        var token = await site.WithDbAsync(db => db.ApiTokens.AsNoTracking().SingleAsync(x => x.OrganizationId == t.Organization.Id));
        token.Name.Should().Be("Website sync");
        token.SecretHash.Should().Be(SecretTokens.Hash(secret)).And.NotContain(secret);
        token.Prefix.Should().Be(secret[..ApiToken.VisiblePrefixLength]);
        token.ExpiresAt.Should().NotBeNull();

        // Shown once: the list has its prefix, never the secret.
        var list = await lead.GetStringAsync("/admin/api-tokens");
        list.Should().Contain(token.Prefix).And.NotContain(secret);
        Html.Parse(list).QuerySelector($"tr[data-prefix='{token.Prefix}']")!.TextContent.Should().Contain("Website sync");

        using var works = await Bearer(secret).PostAsJsonAsync("/api/v1/resources", Input(t, $"Via token {t.Some.Token}"));
        works.StatusCode.Should().Be(HttpStatusCode.Created);
        (await lead.GetStringAsync("/admin/api-tokens")).Should().NotContain(">Never<");

        var confirm = Html.Parse(await lead.GetStringAsync($"/admin/api-tokens?revoke={token.Id}"));
        confirm.QuerySelector("#confirm-revoke")!.TextContent.Should().Contain("Website sync");
        using var revoked = await lead.PostFormAsync($"/admin/api-tokens?revoke={token.Id}", Form("Revoke"), new() { ["tokenId"] = token.Id.ToString() });
        revoked.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await lead.GetStringAsync(revoked.Headers.Location!.ToString())).Should().Contain("The token is revoked");

        using var refused = await Bearer(secret).PostAsJsonAsync("/api/v1/resources", Input(t, $"After revoking {t.Some.Token}"));
        refused.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var audit = await AuditAsync("api_token", token.Id.ToString());
        audit.Select(a => a.Action).Should().Equal(AuditActions.ApiTokenCreated, AuditActions.ApiTokenRevoked);
        audit.Should().AllSatisfy(a => a.OrganizationId.Should().Be(t.Organization.Id));
        audit.Should().AllSatisfy(a => a.ActorName.Should().StartWith("lead-"));
    }

    private static async Task<string> JsonlessAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        return body;
    }

    [Fact]
    public async Task Editors_who_do_not_lead_and_moderators_are_refused_and_a_lead_cannot_make_another_organizations_token()
    {
        var t = await site.CreateTaxonomyAsync();
        var editor = await site.MemberClientAsync(t.Organization.Id);
        var moderator = await site.SignedInClientAsync(await site.CreateModeratorAsync());
        foreach (var client in new[] { editor, moderator })
        {
            using var response = await client.GetAsync("/admin/api-tokens");
            response.StatusCode.Should().BeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.Redirect);
            if (response.StatusCode == HttpStatusCode.Redirect) response.Headers.Location!.ToString().Should().Contain("/account/denied");
        }

        var lead = await site.MemberClientAsync(t.Organization.Id, MembershipRole.Lead);
        using var crafted = await lead.PostFormAsync("/admin/api-tokens", Form("Create"),
            new() { ["OrganizationId"] = t.OtherOrganization.Id.ToString(), ["Name"] = "Not ours", ["LifetimeDays"] = "0" });
        crafted.StatusCode.Should().NotBe(HttpStatusCode.OK);
        var otherToken = await TokenAsync(t.OtherOrganization.Id);
        using var revoke = await lead.PostFormAsync("/admin/api-tokens", Form("Revoke"), new() { ["tokenId"] = otherToken.Token.Id.ToString() });
        revoke.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await site.WithDbAsync(db => db.ApiTokens.AsNoTracking().Where(x => x.OrganizationId == t.OtherOrganization.Id).ToListAsync()))
            .Should().ContainSingle().Which.RevokedAt.Should().BeNull();
        (await lead.GetStringAsync("/admin/api-tokens")).Should().NotContain(otherToken.Token.Prefix);
    }

    [Fact]
    public async Task Without_a_usable_bearer_token_a_write_gets_401_with_a_bearer_challenge_and_a_cookie_opens_nothing()
    {
        var t = await site.CreateTaxonomyAsync();
        var expired = await TokenAsync(t.Organization.Id, "Old", lifetimeDays: 30);
        await site.WithDbAsync(db => db.ApiTokens.Where(x => x.Id == expired.Token.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.ExpiresAt, SystemClock.Instance.GetCurrentInstant() - Duration.FromMinutes(1))));
        var revoked = await TokenAsync(t.Organization.Id, "Gone");
        await using (var scope = site.Scope())
            (await scope.ServiceProvider.GetRequiredService<ManageApiTokens>().RevokeAsync(Actor.System("test"), revoked.Token.Id)).Succeeded.Should().BeTrue();
        // An editor of the organization, signed in: the cookie is ignored by the API.
        var cookie = await site.MemberClientAsync(t.Organization.Id);

        var clients = new Dictionary<string, HttpClient>
        {
            ["no token"] = site.CreateClient(),
            ["unknown"] = Bearer(ApiToken.SecretPrefix + SecretTokens.New()),
            ["garbage"] = Bearer("not-a-token"),
            ["expired"] = Bearer(expired.Secret),
            ["revoked"] = Bearer(revoked.Secret),
            ["cookie only"] = cookie,
        };
        foreach (var (why, client) in clients)
        {
            using var response = await client.PostAsJsonAsync("/api/v1/resources", Input(t, $"Refused {why} {t.Some.Token}"));
            response.StatusCode.Should().Be(HttpStatusCode.Unauthorized, why);
            response.Headers.WwwAuthenticate.Single().Scheme.Should().Be("Bearer", why);
            response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json", why);
            using var put = await client.SendAsync(Put("/api/v1/resources/1", Input(t, "x"), "\"r1\""));
            put.StatusCode.Should().Be(HttpStatusCode.Unauthorized, why);
            using var delete = await client.DeleteAsync("/api/v1/resources/1");
            delete.StatusCode.Should().Be(HttpStatusCode.Unauthorized, why);
            // The token is checked before the body is read: a bad body without a token is still 401.
            using var garbage = await client.PostAsync("/api/v1/resources", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"));
            garbage.StatusCode.Should().Be(HttpStatusCode.Unauthorized, why);
        }
        (await site.WithDbAsync(db => db.Resources.CountAsync(r => r.Title.Contains(t.Some.Token)))).Should().Be(0);
    }

    [Fact]
    public async Task A_created_and_updated_resource_shows_on_the_public_api_and_pages_and_is_audited_as_the_token()
    {
        var t = await site.CreateTaxonomyAsync();
        var token = await TokenAsync(t.Organization.Id, "CMS sync");
        var api = Bearer(token.Secret);

        using var created = await api.PostAsJsonAsync("/api/v1/resources", Input(t, $"Bond guide {t.Some.Token}", status: "published"));
        var result = await JsonAsync(created, HttpStatusCode.Created);
        var id = result.GetProperty("id").GetInt32();
        var slug = result.GetProperty("slug").GetString()!;
        result.GetProperty("status").GetString().Should().Be("published");
        created.Headers.Location!.ToString().Should().Be($"http://localhost/api/v1/resources/{id}");
        created.Headers.ETag!.Tag.Should().Be("\"r1\"");

        var reader = site.CreateClient();
        var item = await JsonAsync(await reader.GetAsync($"/api/v1/resources/{slug}"), HttpStatusCode.OK);
        item.GetProperty("title").GetString().Should().Be($"Bond guide {t.Some.Token}");
        item.GetProperty("type").GetString().Should().Be("report");
        item.GetProperty("topics")[0].GetProperty("slug").GetString().Should().Be(t.Topic.Slug);
        item.GetProperty("authors")[0].GetProperty("slug").GetString().Should().Be(t.Organization.Slug);
        item.GetProperty("bodyHtml").GetString().Should().Contain("<strong>before</strong>");
        item.GetProperty("links")[0].GetProperty("url").GetString().Should().Be("https://courts.example.org/rules");

        // Replaced with the revision the write gave.
        using var updated = await api.SendAsync(Put($"/api/v1/resources/{id}", Input(t, $"Bond hearing guide {t.Some.Token}"), "\"r1\""));
        var replaced = await JsonAsync(updated, HttpStatusCode.OK);
        replaced.GetProperty("status").GetString().Should().Be("published");
        replaced.GetProperty("slug").GetString().Should().Be(slug);
        updated.Headers.ETag!.Tag.Should().Be("\"r2\"");
        (await reader.GetStringAsync($"/resources/{slug}")).Should().Contain($"Bond hearing guide {t.Some.Token}");

        // Replaced with the ETag of the public GET.
        using var get = await reader.GetAsync($"/api/v1/resources/{id}");
        using var again = await api.SendAsync(Put($"/api/v1/resources/{id}", Input(t, $"Bond hearings {t.Some.Token}"), get.Headers.ETag!.Tag));
        await JsonAsync(again, HttpStatusCode.OK);
        (await JsonAsync(await reader.GetAsync($"/api/v1/resources/{id}"), HttpStatusCode.OK)).GetProperty("title").GetString().Should().Be($"Bond hearings {t.Some.Token}");

        // Taken off the site.
        var unpublish = new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/resources/{id}");
        unpublish.Headers.TryAddWithoutValidation("If-Match", "\"r3\"");
        using var off = await api.SendAsync(unpublish);
        (await JsonAsync(off, HttpStatusCode.OK)).GetProperty("status").GetString().Should().Be("draft");
        (await reader.GetAsync($"/api/v1/resources/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);

        var audit = await AuditAsync("resource", id.ToString());
        audit.Select(a => a.Action).Should().Equal(AuditActions.ResourcePublished, AuditActions.ResourceSaved, AuditActions.ResourceSaved, AuditActions.ResourceUnpublished);
        audit.Should().AllSatisfy(a => a.ActorName.Should().Be($"API token \u2018CMS sync\u2019 of {t.Organization.Name}"));
        audit.Should().AllSatisfy(a => a.ActorId.Should().BeNull());
        var revisions = await site.WithDbAsync(db => db.ResourceRevisions.AsNoTracking().Where(r => r.ResourceId == id).Select(r => r.By).ToListAsync());
        revisions.Should().HaveCount(4).And.AllSatisfy(by => by.Should().StartWith("API token"));
        (await site.WithDbAsync(db => db.ApiTokens.AsNoTracking().SingleAsync(x => x.Id == token.Token.Id))).LastUsedAt.Should().NotBeNull();
    }

    [Fact]
    public async Task A_change_needs_a_current_If_Match_and_the_tokens_own_organizations_resource()
    {
        var t = await site.CreateTaxonomyAsync();
        var api = Bearer((await TokenAsync(t.Organization.Id)).Secret);
        var ours = await site.SaveResourceAsync(t.Resource($"Ours {t.Some.Token}"));
        var theirs = await site.SaveResourceAsync(t.Resource($"Theirs {t.Some.Token}") with { AuthorIds = [t.OtherOrganization.Id] });

        using var missing = await api.SendAsync(Put($"/api/v1/resources/{ours.Id}", Input(t, $"Changed {t.Some.Token}"), null));
        await JsonAsync(missing, (HttpStatusCode)428);
        using var stale = await api.SendAsync(Put($"/api/v1/resources/{ours.Id}", Input(t, $"Changed {t.Some.Token}"), "\"r7\""));
        await JsonAsync(stale, HttpStatusCode.PreconditionFailed);
        using var staleBody = await api.SendAsync(Put($"/api/v1/resources/{ours.Id}", Input(t, $"Changed {t.Some.Token}"), "\"0123456789abcdef0123456789abcdef\""));
        await JsonAsync(staleBody, HttpStatusCode.PreconditionFailed);
        var unpublish = new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/resources/{ours.Id}");
        using var deleteWithout = await api.SendAsync(unpublish);
        await JsonAsync(deleteWithout, (HttpStatusCode)428);

        using var other = await api.SendAsync(Put($"/api/v1/resources/{theirs.Id}", Input(t, $"Hijacked {t.Some.Token}"), "\"r1\""));
        await JsonAsync(other, HttpStatusCode.Forbidden);
        using var nowhere = await api.SendAsync(Put("/api/v1/resources/999999999", Input(t, "x"), "\"r1\""));
        await JsonAsync(nowhere, HttpStatusCode.NotFound);

        (await site.WithDbAsync(db => db.Resources.AsNoTracking().Where(r => r.Id == ours.Id || r.Id == theirs.Id).Select(r => r.Title).ToListAsync()))
            .Should().BeEquivalentTo($"Ours {t.Some.Token}", $"Theirs {t.Some.Token}");
        var refusal = (await AuditAsync("resource", theirs.Id.ToString())).Last();
        refusal.Action.Should().Be(AuditActions.ResourceEditRefused);
        refusal.ActorName.Should().StartWith("API token");
    }

    [Fact]
    public async Task Invalid_fields_get_422_listing_every_problem_by_field_and_nothing_is_saved()
    {
        var t = await site.CreateTaxonomyAsync();
        var api = Bearer((await TokenAsync(t.Organization.Id)).Secret);

        using var response = await api.PostAsJsonAsync("/api/v1/resources", new
        {
            title = "",
            type = "novel",
            language = "xx",
            publishedOn = "someday",
            topics = new[] { t.Topic.Slug, "no-such-topic-" + t.Some.Token },
            links = new[] { new { title = "Bad", url = "javascript:alert(1)" } },
            summary = $"Invalid {t.Some.Token}",
        });

        var problem = await JsonAsync(response, HttpStatusCode.UnprocessableEntity);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString())
            .Should().BeEquivalentTo("title", "type", "language", "publishedOn", "topics", "links");
        (await site.WithDbAsync(db => db.Resources.CountAsync(r => r.Summary.Contains(t.Some.Token)))).Should().Be(0);

        // Crediting another organization first would make it the owner: refused as the editor refuses it.
        using var notOurs = await api.PostAsJsonAsync("/api/v1/resources", new { title = $"Not ours {t.Some.Token}", type = "report", language = "en", authors = new[] { t.OtherOrganization.Slug } });
        (await JsonAsync(notOurs, HttpStatusCode.UnprocessableEntity)).GetProperty("errors")[0].GetProperty("field").GetString().Should().Be("authors");
        using var badStatus = await api.PostAsJsonAsync("/api/v1/resources", new { title = $"Odd {t.Some.Token}", type = "report", language = "en", status = "live" });
        (await JsonAsync(badStatus, HttpStatusCode.UnprocessableEntity)).GetProperty("errors")[0].GetProperty("field").GetString().Should().Be("status");
    }

    [Fact]
    public async Task The_api_description_names_the_bearer_scheme_on_the_writes_only()
    {
        using var document = JsonDocument.Parse(await site.CreateClient().GetStringAsync("/openapi/v1.json"));
        var root = document.RootElement;
        var scheme = root.GetProperty("components").GetProperty("securitySchemes").GetProperty("apiToken");
        scheme.GetProperty("type").GetString().Should().Be("http");
        scheme.GetProperty("scheme").GetString().Should().Be("bearer");
        var resources = root.GetProperty("paths").GetProperty("/api/v1/resources");
        resources.GetProperty("post").GetProperty("security")[0].TryGetProperty("apiToken", out _).Should().BeTrue();
        resources.GetProperty("post").GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _).Should().BeTrue();
        resources.GetProperty("get").TryGetProperty("security", out _).Should().BeFalse();
        var item = root.GetProperty("paths").GetProperty("/api/v1/resources/{key}");
        item.GetProperty("put").GetProperty("responses").TryGetProperty("428", out _).Should().BeTrue();
        item.GetProperty("delete").GetProperty("security")[0].TryGetProperty("apiToken", out _).Should().BeTrue();
    }

    [Fact]
    public async Task A_body_that_is_not_json_gets_400_or_415()
    {
        var t = await site.CreateTaxonomyAsync();
        var api = Bearer((await TokenAsync(t.Organization.Id)).Secret);

        using var broken = await api.PostAsync("/api/v1/resources", new StringContent("{\"title\": ", System.Text.Encoding.UTF8, "application/json"));
        (await JsonAsync(broken, HttpStatusCode.BadRequest)).GetProperty("detail").GetString().Should().StartWith("The body is not the JSON expected");
        // Only JSON reaches the endpoint; the answer is not the site's HTML error page.
        using var form = await api.PostAsync("/api/v1/resources", new FormUrlEncodedContent([new("title", "x")]));
        form.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
        (await form.Content.ReadAsStringAsync()).Should().NotContain("<html");
    }

    [Fact]
    public async Task Where_the_organization_asks_for_review_publishing_through_the_api_waits_for_an_editor()
    {
        var t = await site.CreateTaxonomyAsync();
        await site.WithDbAsync(db => db.Organizations.Where(o => o.Id == t.Organization.Id).ExecuteUpdateAsync(s => s.SetProperty(o => o.RequiresReview, true)));
        var api = Bearer((await TokenAsync(t.Organization.Id)).Secret);

        using var created = await api.PostAsJsonAsync("/api/v1/resources", Input(t, $"Reviewed {t.Some.Token}", status: "published"));
        var result = await JsonAsync(created, HttpStatusCode.Created);
        result.GetProperty("status").GetString().Should().Be("in-review");
        (await site.CreateClient().GetAsync($"/api/v1/resources/{result.GetProperty("id").GetInt32()}")).StatusCode.Should().Be(HttpStatusCode.NotFound);

        // A published resource's change waits as a proposal; readers keep the published version.
        var published = await site.SaveResourceAsync(t.Resource($"Published {t.Some.Token}"));
        using var change = await api.SendAsync(Put($"/api/v1/resources/{published.Id}", Input(t, $"Proposed {t.Some.Token}"), $"\"r{published.Revision}\""));
        var proposed = await JsonAsync(change, HttpStatusCode.OK);
        proposed.GetProperty("changePending").GetBoolean().Should().BeTrue();
        (await JsonAsync(await site.CreateClient().GetAsync($"/api/v1/resources/{published.Id}"), HttpStatusCode.OK))
            .GetProperty("title").GetString().Should().Be($"Published {t.Some.Token}");
    }
}

public sealed class ApiWriteOnSqlite(SqliteSite site) : ApiWriteTests(site), IClassFixture<SqliteSite>;

public sealed class ApiWriteOnPostgres(PostgresSite site) : ApiWriteTests(site), IClassFixture<PostgresSite>;
