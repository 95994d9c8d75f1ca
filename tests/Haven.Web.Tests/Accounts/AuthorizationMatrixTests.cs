using System.Globalization;
using System.Net;
using AwesomeAssertions;
using Haven.Core.Accounts;
using Haven.Core.Events;
using Haven.Core.Organizations;
using Haven.Core.People;
using Haven.Core.Resources;
using Haven.TestSupport;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Haven.Web.Tests.Accounts;

/// <summary>Every route of the application, read from the endpoint data source (so a new page cannot be forgotten:
/// a route missing from <see cref="Expected"/> fails the test), requested by an anonymous reader, an editor of
/// organization A, an editor of organization B, a moderator and an administrator, each answer checked against
/// what that person may do there. Both databases.</summary>
public abstract class AuthorizationMatrixTests(HavenFactory site)
{
    private enum Access
    {
        /// <summary>Anyone reads it.</summary>
        Public,
        /// <summary>Signed-in accounts only.</summary>
        SignedIn,
        /// <summary>Anyone with a role (the workspace).</summary>
        Staff,
        /// <summary>Administrators only.</summary>
        Administrators,
        /// <summary>Editors of the owning organization (A) and administrators.</summary>
        OwnersOfA,
        /// <summary>Editors of the owning organization (A), moderators and administrators.</summary>
        OwnersOfAAndModerators,
        /// <summary>Editors of any organization and administrators (not moderators).</summary>
        Editors,
        /// <summary>Organizations' leads and administrators (none of the editors here is a lead).</summary>
        LeadsAndAdministrators,
        /// <summary>Moderators and administrators (comments).</summary>
        Moderators,
        /// <summary>A step that only follows another (the second sign-in step): everyone is sent to sign in.</summary>
        AfterSignIn,
        /// <summary>Answers everyone with a redirect elsewhere (sign-out, language switch) or a fixed status.</summary>
        Special,
    }

    private enum Outcome { Ok, SignIn, Denied, NotFound, Redirect, Other }

    private static readonly string[] Personas = ["anonymous", "editor of A", "editor of B", "moderator", "administrator"];

    /// <summary>Every route, as the endpoint data source spells it, and who may use it.</summary>
    private static readonly Dictionary<string, Access> Expected = new(StringComparer.Ordinal)
    {
        [""] = Access.Public,
        ["Index"] = Access.Public,
        ["resources"] = Access.Public,
        ["resources/{slug}"] = Access.Public,
        ["topics/{slug}"] = Access.Public,
        ["organizations/{slug}"] = Access.Public,
        ["jurisdictions/{key}"] = Access.Public,
        ["files/{id:int}/{name}"] = Access.Public,
        ["files/logos/{id:int}/{name}"] = Access.Public,
        ["files/photos/{id:int}/{name}"] = Access.Public,
        ["events"] = Access.Public,
        ["events/{slug}"] = Access.Public,
        ["events/{slug}/registration/{token}"] = Access.Public,
        ["events/{slug}.ics"] = Access.Public,
        ["events.ics"] = Access.Public,
        ["campaigns"] = Access.Public,
        ["campaigns/{slug}"] = Access.Public,
        ["campaigns/{slug}/endorsement/{token}"] = Access.Public,
        ["subscribe"] = Access.Public,
        ["subscriptions/{token}"] = Access.Public,
        ["subscriptions/confirm/{token}"] = Access.Public,
        ["subscriptions/unsubscribe/{token}"] = Access.Public,
        ["policies"] = Access.Public,
        ["policies/changes"] = Access.Public,
        ["policies/changes.atom"] = Access.Public,
        ["feeds/resources.atom"] = Access.Public,
        ["feeds/events.atom"] = Access.Public,
        ["api/v1/resources"] = Access.Public,
        ["api/v1/resources/{key}"] = Access.Public,
        // PUT and DELETE with an API token, never a cookie (ApiWriteTests); a GET there is the public item's.
        ["api/v1/resources/{key:int}"] = Access.Special,
        ["api/v1/events"] = Access.Public,
        ["api/v1/events/{key}"] = Access.Public,
        // PUT and DELETE with an API token (ApiEventWriteTests).
        ["api/v1/events/{key:int}"] = Access.Special,
        ["api/v1/organizations"] = Access.Public,
        ["api/v1/organizations/{key}"] = Access.Public,
        ["api/v1/campaigns"] = Access.Public,
        ["api/v1/campaigns/{key}"] = Access.Public,
        ["api/v1/policy-areas"] = Access.Public,
        ["api/v1/policies"] = Access.Public,
        ["api/v1/jurisdictions/{key}/policies"] = Access.Public,
        ["openapi/{documentName}.json"] = Access.Public,
        ["api/{documentName?}"] = Access.Public,
        ["api/favicon.svg"] = Access.Public,
        ["api/scalar.js"] = Access.Public,
        ["api/scalar.aspnetcore.js"] = Access.Public,
        ["feeds/posts.atom"] = Access.Public,
        ["news"] = Access.Public,
        ["news/{slug}"] = Access.Public,
        ["policies/export.csv"] = Access.Public,
        ["files/policy-sources/{id:int}/{name}"] = Access.Public,
        ["healthz"] = Access.Public,
        ["robots.txt"] = Access.Public,
        ["sitemap.xml"] = Access.Public,
        ["sitemap-{part:int}.xml"] = Access.Public,
        ["error"] = Access.Public,
        ["language"] = Access.Special,
        ["account/signin"] = Access.Public,
        ["account/signin/code"] = Access.AfterSignIn,
        ["account/signout"] = Access.Special,
        ["account/denied"] = Access.Special,
        ["account/invitation/{token}"] = Access.Public,
        ["account/forgot"] = Access.Public,
        ["account/reset"] = Access.Public,
        ["account/security"] = Access.SignedIn,
        ["admin"] = Access.Staff,
        ["admin/resources"] = Access.Staff,
        ["admin/resources/new"] = Access.Staff,
        ["admin/resources/import"] = Access.Editors,
        ["admin/resources/export.csv"] = Access.Editors,
        ["admin/resources/{id:int}/edit"] = Access.OwnersOfA,
        ["admin/resources/{id:int}/revisions"] = Access.OwnersOfA,
        ["admin/events"] = Access.Staff,
        ["admin/news"] = Access.Staff,
        ["admin/news/new"] = Access.Staff,
        ["admin/news/{id:int}"] = Access.OwnersOfA,
        ["admin/events/new"] = Access.Staff,
        ["admin/events/{id:int}/edit"] = Access.OwnersOfA,
        ["admin/events/{id:int}/registrations"] = Access.OwnersOfA,
        ["admin/events/{id:int}/registrations.csv"] = Access.OwnersOfA,
        ["admin/campaigns"] = Access.Staff,
        ["admin/campaigns/new"] = Access.Staff,
        ["admin/campaigns/{id:int}/edit"] = Access.OwnersOfA,
        ["admin/campaigns/{id:int}/endorsements"] = Access.OwnersOfAAndModerators,
        ["admin/campaigns/{id:int}/endorsements.csv"] = Access.OwnersOfAAndModerators,
        ["admin/organizations"] = Access.Administrators,
        ["admin/organizations/new"] = Access.Administrators,
        ["admin/organizations/{id:int}/edit"] = Access.Administrators,
        ["admin/people"] = Access.Administrators,
        ["admin/people/new"] = Access.Administrators,
        ["admin/people/{id:int}/edit"] = Access.Administrators,
        ["admin/policy-areas"] = Access.Administrators,
        ["admin/policy-areas/new"] = Access.Administrators,
        ["admin/policy-areas/{id:int}/edit"] = Access.Administrators,
        ["admin/policies"] = Access.Editors,
        ["admin/policies/new"] = Access.Editors,
        ["admin/policies/import"] = Access.Editors,
        ["admin/import/wordpress"] = Access.Editors,
        ["admin/policies/{id:int}/edit"] = Access.Editors,
        ["admin/jurisdictions"] = Access.Editors,
        ["admin/jurisdictions/new"] = Access.Editors,
        ["admin/jurisdictions/{id:int}/edit"] = Access.Editors,
        ["bills"] = Access.Public,
        ["bills/{slug}"] = Access.Public,
        ["admin/bills"] = Access.Editors,
        ["admin/bills/new"] = Access.Editors,
        ["admin/bills/{id:int}/edit"] = Access.Editors,
        ["admin/audit"] = Access.LeadsAndAdministrators,
        ["admin/accounts"] = Access.LeadsAndAdministrators,
        ["admin/api-tokens"] = Access.LeadsAndAdministrators,
        ["comments/{kind}/{id:int}"] = Access.Public,
        ["admin/comments"] = Access.Moderators,
        ["admin/comments/words"] = Access.Administrators,
    };

    private static Outcome[] ExpectedOutcomes(Access access) => access switch
    {
        //                            anonymous       editor A        editor B        moderator       administrator
        Access.Public => [Outcome.Ok, Outcome.Ok, Outcome.Ok, Outcome.Ok, Outcome.Ok],
        Access.SignedIn => [Outcome.SignIn, Outcome.Ok, Outcome.Ok, Outcome.Ok, Outcome.Ok],
        Access.Staff => [Outcome.SignIn, Outcome.Ok, Outcome.Ok, Outcome.Ok, Outcome.Ok],
        Access.Administrators => [Outcome.SignIn, Outcome.Denied, Outcome.Denied, Outcome.Denied, Outcome.Ok],
        Access.OwnersOfA => [Outcome.SignIn, Outcome.Ok, Outcome.Denied, Outcome.Denied, Outcome.Ok],
        Access.OwnersOfAAndModerators => [Outcome.SignIn, Outcome.Ok, Outcome.Denied, Outcome.Ok, Outcome.Ok],
        Access.Editors => [Outcome.SignIn, Outcome.Ok, Outcome.Ok, Outcome.Denied, Outcome.Ok],
        Access.LeadsAndAdministrators => [Outcome.SignIn, Outcome.Denied, Outcome.Denied, Outcome.Denied, Outcome.Ok],
        Access.Moderators => [Outcome.SignIn, Outcome.Denied, Outcome.Denied, Outcome.Ok, Outcome.Ok],
        Access.AfterSignIn => [Outcome.SignIn, Outcome.SignIn, Outcome.SignIn, Outcome.SignIn, Outcome.SignIn],
        _ => throw new ArgumentOutOfRangeException(nameof(access)),
    };

    /// <summary>The routes of the application, from its endpoint data source.</summary>
    private IReadOnlyList<string> Routes() =>
        site.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (e.RoutePattern.RawText ?? "").Trim('/'))
            .Distinct(StringComparer.Ordinal)
            .OrderBy(r => r, StringComparer.Ordinal)
            .ToList();

    [Fact]
    public void Every_route_has_an_expected_access()
    {
        var routes = Routes();
        routes.Where(r => !Expected.ContainsKey(r)).Should().BeEmpty("every route needs a line in Expected: add the new page there");
        Expected.Keys.Where(k => !routes.Contains(k)).Should().BeEmpty("Expected lists routes that no longer exist");
    }

    [Fact]
    public async Task Each_person_is_allowed_where_they_should_be_and_refused_elsewhere()
    {
        var world = await ArrangeAsync();
        var clients = new[]
        {
            site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }),
            await site.MemberClientAsync(world.OrganizationA),
            await site.MemberClientAsync(world.OrganizationB),
            await ModeratorClientAsync(),
            await site.AdministratorClientAsync(),
        };

        var mismatches = new List<string>();
        var checkedRoutes = 0;
        foreach (var route in Routes().Where(r => Expected.TryGetValue(r, out var a) && a != Access.Special))
        {
            checkedRoutes++;
            var url = "/" + Fill(route, world);
            var expected = ExpectedOutcomes(Expected[route]);
            for (var p = 0; p < Personas.Length; p++)
            {
                var actual = await OutcomeOfAsync(clients[p], url);
                if (actual != expected[p]) mismatches.Add($"{url} as {Personas[p]}: expected {expected[p]}, got {actual}");
            }
        }

        mismatches.Should().BeEmpty();
        checkedRoutes.Should().Be(Expected.Count(e => e.Value != Access.Special));
        TestContext.Current.SendDiagnosticMessage($"Authorization matrix: {checkedRoutes} routes x {Personas.Length} personas checked.");
    }

    [Fact]
    public async Task Special_routes_answer_everyone_the_same_way()
    {
        var client = site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        (await client.GetAsync("/account/signout")).Headers.Location!.ToString().Should().Be("/");
        (await client.GetAsync("/account/denied")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await client.GetAsync("/language?to=es&returnUrl=/es/resources")).Headers.Location!.ToString().Should().Be("/es/resources");
        (await client.GetAsync("/language?to=es&returnUrl=https://evil.example/")).Headers.Location!.ToString().Should().Be("/es/");
    }

    private static async Task<Outcome> OutcomeOfAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var location = response.Headers.Location?.ToString() ?? "";
        return response.StatusCode switch
        {
            HttpStatusCode.OK => Outcome.Ok,
            HttpStatusCode.Forbidden => Outcome.Denied,
            HttpStatusCode.NotFound => Outcome.NotFound,
            HttpStatusCode.Redirect or HttpStatusCode.Found when location.Contains("/account/signin", StringComparison.Ordinal) => Outcome.SignIn,
            HttpStatusCode.Redirect or HttpStatusCode.Found when location.Contains("/account/denied", StringComparison.Ordinal) => Outcome.Denied,
            HttpStatusCode.Redirect or HttpStatusCode.Found => Outcome.Redirect,
            _ => Outcome.Other,
        };
    }

    private sealed record World(int OrganizationA, int OrganizationB, Resource Resource, ResourceAttachment Attachment,
        Organization WithLogo, Person WithPhoto, string TopicSlug, string JurisdictionSlug, string OrganizationSlug, string InvitationToken, int EventOfA, string EventSlug, string RegistrationToken,
        int PolicyAreaId, int PolicyRecordId, Haven.Core.Policies.PolicySource PolicyFile, int CityId, int CampaignOfA, string CampaignSlug, string EndorsementToken,
        Haven.Core.News.Post PostOfA, Haven.Core.Bills.Bill Bill, string SubscriptionToken);

    private static string Fill(string route, World w) => route
        .Replace("api/v1/resources/{key}", $"api/v1/resources/{w.Resource.Slug}", StringComparison.Ordinal)
        .Replace("api/v1/events/{key}", $"api/v1/events/{w.EventSlug}", StringComparison.Ordinal)
        .Replace("api/v1/organizations/{key}", $"api/v1/organizations/{w.OrganizationSlug}", StringComparison.Ordinal)
        .Replace("api/v1/campaigns/{key}", $"api/v1/campaigns/{w.CampaignSlug}", StringComparison.Ordinal)
        .Replace("api/v1/policies", "api/v1/policies?area=ice-detainers", StringComparison.Ordinal)
        .Replace("openapi/{documentName}.json", "openapi/v1.json", StringComparison.Ordinal)
        .Replace("api/{documentName?}", "api/v1", StringComparison.Ordinal)
        .Replace("campaigns/{slug}", $"campaigns/{w.CampaignSlug}", StringComparison.Ordinal)
        .Replace("endorsement/{token}", $"endorsement/{w.EndorsementToken}", StringComparison.Ordinal)
        .Replace("admin/campaigns/{id:int}", $"admin/campaigns/{w.CampaignOfA}", StringComparison.Ordinal)
        .Replace("sitemap-{part:int}.xml", "sitemap-1.xml", StringComparison.Ordinal)
        .Replace("admin/bills/{id:int}", $"admin/bills/{w.Bill.Id}", StringComparison.Ordinal)
        .Replace("bills/{slug}", $"bills/{w.Bill.Slug}", StringComparison.Ordinal)
        .Replace("comments/{kind}/{id:int}", $"comments/resource/{w.Resource.Id}", StringComparison.Ordinal)
        .Replace("resources/{slug}", $"resources/{w.Resource.Slug}", StringComparison.Ordinal)
        .Replace("topics/{slug}", $"topics/{w.TopicSlug}", StringComparison.Ordinal)
        .Replace("organizations/{slug}", $"organizations/{w.OrganizationSlug}", StringComparison.Ordinal)
        .Replace("jurisdictions/{key}", $"jurisdictions/{w.JurisdictionSlug}", StringComparison.Ordinal)
        .Replace("files/policy-sources/{id:int}/{name}", $"files/policy-sources/{w.PolicyFile.Id}/{w.PolicyFile.FileName}", StringComparison.Ordinal)
        .Replace("admin/policy-areas/{id:int}", $"admin/policy-areas/{w.PolicyAreaId}", StringComparison.Ordinal)
        .Replace("admin/policies/{id:int}", $"admin/policies/{w.PolicyRecordId}", StringComparison.Ordinal)
        .Replace("admin/jurisdictions/{id:int}", $"admin/jurisdictions/{w.CityId}", StringComparison.Ordinal)
        .Replace("files/{id:int}/{name}", $"files/{w.Attachment.Id}/{w.Attachment.FileName}", StringComparison.Ordinal)
        .Replace("files/logos/{id:int}/{name}", $"files/logos/{w.WithLogo.Id}/{w.WithLogo.LogoKey!.Split('/')[^1]}", StringComparison.Ordinal)
        .Replace("files/photos/{id:int}/{name}", $"files/photos/{w.WithPhoto.Id}/{w.WithPhoto.PhotoKey!.Split('/')[^1]}", StringComparison.Ordinal)
        .Replace("admin/resources/{id:int}", $"admin/resources/{w.Resource.Id}", StringComparison.Ordinal)
        .Replace("admin/events/{id:int}", $"admin/events/{w.EventOfA}", StringComparison.Ordinal)
        .Replace("admin/organizations/{id:int}", $"admin/organizations/{w.OrganizationA}", StringComparison.Ordinal)
        .Replace("admin/people/{id:int}", $"admin/people/{w.WithPhoto.Id}", StringComparison.Ordinal)
        .Replace("events/{slug}", $"events/{w.EventSlug}", StringComparison.Ordinal)
        .Replace("admin/news/{id:int}", $"admin/news/{w.PostOfA.Id}", StringComparison.Ordinal)
        .Replace("news/{slug}", $"news/{w.PostOfA.Slug}", StringComparison.Ordinal)
        .Replace("registration/{token}", $"registration/{w.RegistrationToken}", StringComparison.Ordinal)
        .Replace("subscriptions/{token}", $"subscriptions/{w.SubscriptionToken}", StringComparison.Ordinal)
        .Replace("account/invitation/{token}", $"account/invitation/{w.InvitationToken}", StringComparison.Ordinal);

    private async Task<World> ArrangeAsync()
    {
        var t = await site.CreateTaxonomyAsync();
        var resource = await site.SaveResourceAsync(t.Resource($"Matrix {t.Some.Token}"));
        var attachment = await site.AttachPdfAsync(resource.Id, "matrix.pdf", "A page.");
        await using var scope = site.Scope();
        var system = Actor.System("test");
        var organization = (await scope.ServiceProvider.GetRequiredService<SaveOrganization>().RunAsync(new OrganizationEdit
        {
            Actor = system,
            Fields = new OrganizationFields { Name = $"Logo Org {t.Some.Token}" },
            Logo = new MemoryStream(TestImages.Png()),
        })).Value!;
        var person = (await scope.ServiceProvider.GetRequiredService<SavePerson>().RunAsync(new PersonEdit
        {
            Actor = system,
            Fields = new PersonFields { Name = $"Speaker {t.Some.Token}" },
            Photo = new MemoryStream(TestImages.Png()),
        })).Value!;
        string? token = null;
        await scope.ServiceProvider.GetRequiredService<Invitations>().InviteAsync(system, $"matrix-{t.Some.Token}@example.org", InvitedRole.Editor, t.Organization.Id,
            (secret, _) => { token = secret; return new Haven.Core.Mail.Email(new Haven.Core.Mail.EmailAddress($"matrix-{t.Some.Token}@example.org"), "Invitation", "Link"); });
        var eventOfA = (await scope.ServiceProvider.GetRequiredService<SaveEvent>().RunAsync(new EventEdit
        {
            Actor = system,
            Fields = new EventFields
            {
                Title = $"Matrix event {t.Some.Token}", StartsAt = "2026-07-15T14:00", TimeZoneId = "America/Chicago", DurationMinutes = "60",
                Language = "en", HostIds = [t.Organization.Id], RegistrationMode = RegistrationMode.Open,
            },
        })).Value!;
        // A registration written directly: the matrix event may be past, and registering is tested elsewhere.
        var db = scope.ServiceProvider.GetRequiredService<Haven.Core.Data.HavenDbContext>();
        var registration = new Registration
        {
            EventId = eventOfA.Id,
            Name = "Matrix",
            Email = $"registrant-{t.Some.Token}@example.org",
            NormalizedEmail = $"registrant-{t.Some.Token}@example.org",
            Status = RegistrationStatus.Confirmed,
        };
        var registrationToken = RegistrationLink.AddTo(registration, site.Clock.GetCurrentInstant());
        db.Registrations.Add(registration);
        await db.SaveChangesAsync();
        var policy = await TestPolicies.SaveAsync(site, t.Jurisdiction.Id, "ice-detainers", "declines", "2020-01-01",
            file: ("matrix-source.pdf", Haven.Web.Demo.DemoPdf.Render("Source", ["A page."])));
        var area = await site.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(db.PolicyAreas, a => a.Slug == "ice-detainers"));
        var campaign = await site.CreateCampaignAsync(t.Some, [t.Organization.Id]);
        var endorsement = new Haven.Core.Campaigns.Endorsement
        {
            CampaignId = campaign.Id, SignerName = "Matrix", Email = $"signer-{t.Some.Token}@example.org", NormalizedEmail = $"signer-{t.Some.Token}@example.org",
            OrganizationName = "Matrix Org", City = "Chicago", State = "IL", SignatureKey = $"org:matrix {t.Some.Token}",
        };
        var endorsementToken = Haven.Core.Campaigns.EndorsementLink.AddTo(endorsement, site.Clock.GetCurrentInstant());
        await site.WithDbAsync(db => { db.Endorsements.Add(endorsement); return db.SaveChangesAsync(); });
        var city = new Haven.Core.Taxonomy.Jurisdiction { Slug = t.Some.Slug("city"), Name = $"Matrix City {t.Some.Token}", Kind = Haven.Core.Taxonomy.JurisdictionKind.City, StateCode = "ZZ" };
        await site.WithDbAsync(db => { db.Jurisdictions.Add(city); return db.SaveChangesAsync(); });
        var post = await site.CreatePostAsync(t.Organization.Id, $"Matrix post {t.Some.Token}");
        var state = new Haven.Core.Taxonomy.Jurisdiction { Slug = t.Some.Slug("state"), Name = $"Matrix State {t.Some.Token}", Kind = Haven.Core.Taxonomy.JurisdictionKind.State, StateCode = "ZZ" };
        await site.WithDbAsync(db => { db.Jurisdictions.Add(state); return db.SaveChangesAsync(); });
        var subscriptionToken = Haven.Core.Shared.SecretTokens.New();
        var subscription = new Haven.Core.Subscriptions.Subscription
        {
            Email = $"reader-{t.Some.Token}@example.org", ConfirmedAt = site.Clock.GetCurrentInstant(), ContentKinds = "Resource", Topics = t.Topic.Slug,
            Links = [new Haven.Core.Subscriptions.SubscriptionLink { TokenHash = Haven.Core.Shared.SecretTokens.Hash(subscriptionToken) }],
        };
        await site.WithDbAsync(db => { db.Subscriptions.Add(subscription); return db.SaveChangesAsync(); });
        var bill = (await scope.ServiceProvider.GetRequiredService<Haven.Core.Bills.SaveBill>().RunAsync(new Haven.Core.Bills.BillEdit
        {
            Actor = system,
            Fields = new Haven.Core.Bills.BillFields { JurisdictionId = state.Id, Number = "SB 1", Title = $"Matrix bill {t.Some.Token}", Session = "2025-2026", OwnerOrganizationId = t.Organization.Id },
        })).Value!;
        return new World(t.Organization.Id, t.OtherOrganization.Id, resource, attachment, organization, person, t.Topic.Slug, t.Jurisdiction.Slug, t.Organization.Slug, token!, eventOfA.Id, eventOfA.Slug,
            registrationToken, area.Id, policy.Id, policy.Sources.Single(s => s.IsFile), city.Id, campaign.Id, campaign.Slug, endorsementToken, post, bill, subscriptionToken);
    }

    private async Task<HttpClient> ModeratorClientAsync()
    {
        var email = $"moderator-{Guid.NewGuid():N}@example.org";
        await using (var scope = site.Scope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<HavenUser>>();
            var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
            if (!await roles.RoleExistsAsync(Roles.Moderator)) await roles.CreateAsync(new IdentityRole(Roles.Moderator));
            var user = new HavenUser { UserName = email, Email = email, EmailConfirmed = true };
            (await users.CreateAsync(user, TestAccounts.Password)).Succeeded.Should().BeTrue();
            await users.AddToRoleAsync(user, Roles.Moderator);
        }
        return await site.SignedInClientAsync(email);
    }
}

public sealed class AuthorizationMatrixOnSqlite(SqliteSite site) : AuthorizationMatrixTests(site), IClassFixture<SqliteSite>;

public sealed class AuthorizationMatrixOnPostgres(PostgresSite site) : AuthorizationMatrixTests(site), IClassFixture<PostgresSite>;
