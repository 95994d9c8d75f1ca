using System.Net;
using AwesomeAssertions;
using Haven.Core.Taxonomy;
using Haven.TestSupport;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Haven.Web.Tests.Policies;

/// <summary>Cities added by hand at /admin/jurisdictions over HTTP: an editor adds one, it has a public page and a
/// policy record can point at it; bad input is all reported at once with nothing written; states and counties are
/// not editable there; moderators and anonymous readers are refused. Both databases.</summary>
public abstract class CityEditorTests(HavenFactory site)
{
    private static Dictionary<string, string> Fields(string name, string state, string fips = "", string slug = "") => new()
    {
        ["Form.Name"] = name, ["Form.StateCode"] = state, ["Form.Fips"] = fips, ["Form.Slug"] = slug,
    };

    /// <summary>The state's row (the tests' sites do not import the atlas), made once per site.</summary>
    private async Task<Jurisdiction> StateAsync(string code, string fips, string name) =>
        await site.WithDbAsync(async db =>
        {
            var state = await db.Jurisdictions.FirstOrDefaultAsync(j => j.Kind == JurisdictionKind.State && j.StateCode == code);
            if (state is not null) return state;
            state = new Jurisdiction { Slug = $"{Haven.Core.Shared.Slug.From(name)}-{Guid.NewGuid():N}"[..40], Name = name, Kind = JurisdictionKind.State, Fips = fips, StateCode = code };
            db.Jurisdictions.Add(state);
            await db.SaveChangesAsync();
            return state;
        });

    private static string PlaceFips(string state) => state + Random.Shared.Next(10000, 100000).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private Task<int> CountAsync() => site.WithDbAsync(db => db.Jurisdictions.CountAsync());

    private Task<int> AuditCountAsync() => site.WithDbAsync(db => db.AuditLog.CountAsync(e => e.Action == "jurisdiction.saved"));

    [Fact]
    public async Task An_editor_adds_a_city_that_gets_a_page_and_can_be_chosen_for_a_policy_record()
    {
        var some = new Some();
        var t = await site.CreateTaxonomyAsync();
        await StateAsync("IL", "17", "Illinois");
        var area = await site.CreateAreaAsync(some);
        var editor = await site.MemberClientAsync(t.Organization.Id);
        var fips = PlaceFips("17");

        // The state list offers the states in the database by postal code.
        var form = await editor.GetDocumentAsync("/admin/jurisdictions/new");
        form.QuerySelectorAll("#StateCode option").Select(o => o.GetAttribute("value")).Should().Contain("IL");

        var created = await editor.PostFormAsync("/admin/jurisdictions/new", "/admin/jurisdictions/new", Fields($"Chicago {some.Token}", "IL", fips));
        created.StatusCode.Should().Be(HttpStatusCode.Redirect, await created.Content.ReadAsStringAsync());
        var city = await site.WithDbAsync(db => db.Jurisdictions.AsNoTracking().SingleAsync(j => j.Fips == fips));
        city.Kind.Should().Be(JurisdictionKind.City);
        city.StateCode.Should().Be("IL");
        city.Slug.Should().Be($"chicago-{some.Token}-il");
        created.Headers.Location!.ToString().Should().Be($"/admin/jurisdictions/{city.Id}/edit?saved=true");

        // Its page is found by its FIPS code and by its address; the list of cities shows it.
        (await site.CreateClient().GetDocumentAsync($"/jurisdictions/{fips}")).QuerySelector("h1")!.TextContent.Should().Contain($"Chicago {some.Token}");
        (await site.CreateClient().GetAsync($"/jurisdictions/{city.Slug}")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await editor.GetStringAsync("/admin/jurisdictions")).Should().Contain($"Chicago {some.Token}");
        var found = await editor.GetDocumentAsync($"/admin/jurisdictions?q=chicago+{some.Token}");
        found.QuerySelector($"a[href='/admin/jurisdictions/{city.Id}/edit']").Should().NotBeNull();
        found.QuerySelector("caption")!.TextContent.Trim().Should().Be("1 jurisdiction found");

        // A second city without a FIPS code: its page is at its address.
        var second = await editor.PostFormAsync("/admin/jurisdictions/new", "/admin/jurisdictions/new", Fields($"Evanston {some.Token}", "IL", slug: some.Slug("evanston")));
        second.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await site.CreateClient().GetAsync($"/jurisdictions/{some.Slug("evanston")}")).StatusCode.Should().Be(HttpStatusCode.OK);

        // The policy record editor takes the city by its FIPS code.
        var record = await editor.PostMultipartFormAsync("/admin/policies/new", "/admin/policies/new",
        [
            new("Form.Jurisdiction", fips), new("Form.PositionId", area.Positions[0].Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("Form.EffectiveOn", "2020-01-01"), new("Form.EndsOn", ""), new("Form.Basis", "WrittenPolicy"),
            new("Form.Excerpt", ""), new("Form.Notes", ""), new("Form.VerifiedOn", ""), new("Form.Links", ""),
        ]);
        record.StatusCode.Should().Be(HttpStatusCode.Redirect, await record.Content.ReadAsStringAsync());
        (await site.WithDbAsync(db => db.PolicyRecords.CountAsync(r => r.JurisdictionId == city.Id))).Should().Be(1);

        // Editing renames it; both saves are audited.
        var renamed = await editor.PostFormAsync($"/admin/jurisdictions/{city.Id}/edit", $"/admin/jurisdictions/{city.Id}/edit",
            Fields($"City of Chicago {some.Token}", "IL", fips, city.Slug));
        renamed.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await site.WithDbAsync(db => db.Jurisdictions.AsNoTracking().SingleAsync(j => j.Id == city.Id))).Name.Should().Be($"City of Chicago {some.Token}");
        (await site.WithDbAsync(db => db.AuditLog.CountAsync(e => e.Action == "jurisdiction.saved" && e.SubjectId == city.Id.ToString()))).Should().Be(2);
    }

    [Fact]
    public async Task Bad_input_is_reported_clearly_and_nothing_is_written()
    {
        var some = new Some();
        var t = await site.CreateTaxonomyAsync();
        await StateAsync("IL", "17", "Illinois");
        await StateAsync("WI", "55", "Wisconsin");
        var editor = await site.MemberClientAsync(t.Organization.Id);
        var fips = PlaceFips("17");
        (await editor.PostFormAsync("/admin/jurisdictions/new", "/admin/jurisdictions/new", Fields($"Peoria {some.Token}", "IL", fips, some.Slug("peoria"))))
            .StatusCode.Should().Be(HttpStatusCode.Redirect);
        var count = await CountAsync();
        var audits = await AuditCountAsync();

        async Task<string> ProblemsOf(Dictionary<string, string> fields)
        {
            var response = await editor.PostFormAsync("/admin/jurisdictions/new", "/admin/jurisdictions/new", fields);
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            return Html.Parse(await response.Content.ReadAsStringAsync()).QuerySelector(".problems")!.TextContent;
        }

        (await ProblemsOf(Fields("  ", "XX"))).Should().Contain("Give the city a name.").And.Contain("Choose one of the states in the list.");
        (await ProblemsOf(Fields($"Kenosha {some.Token}", "WI", PlaceFips("17"))))
            .Should().Contain("This place code belongs to another state: codes in WI begin with 55.");
        (await ProblemsOf(Fields($"Springfield {some.Token}", "IL", "17123")))
            .Should().Contain("A Census place code has seven digits: the state's two, then the place's five.");
        (await ProblemsOf(Fields($"Other Peoria {some.Token}", "IL", fips, some.Slug("peoria"))))
            .Should().Contain("Another place already has this code.").And.Contain("Another place already uses this address.");
        (await ProblemsOf(Fields(new string('x', 201), "IL"))).Should().Contain("The name can have at most 200 characters.");
        (await ProblemsOf(Fields($"Joliet {some.Token}", "IL", slug: "1714000")))
            .Should().Contain("The address needs a letter, or it could be mistaken for a FIPS code.");

        (await CountAsync()).Should().Be(count);
        (await AuditCountAsync()).Should().Be(audits);
    }

    [Fact]
    public async Task States_and_counties_are_not_editable_here()
    {
        var some = new Some();
        var t = await site.CreateTaxonomyAsync();
        await StateAsync("IL", "17", "Illinois");
        var county = await site.CreateCountyAsync(some, stateCode: "IL");
        var editor = await site.MemberClientAsync(t.Organization.Id);

        var page = await editor.GetDocumentAsync($"/admin/jurisdictions/{county.Id}/edit");
        page.QuerySelector(".notice")!.TextContent.Should().Contain("States and counties come from the Census atlas and cannot be edited here");
        page.QuerySelector("form.editor").Should().BeNull();

        var response = await editor.PostFormAsync("/", $"/admin/jurisdictions/{county.Id}/edit", Fields("Renamed", "IL"));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await site.WithDbAsync(db => db.Jurisdictions.AsNoTracking().SingleAsync(j => j.Id == county.Id))).Name.Should().Be(county.Name);
    }

    [Fact]
    public async Task Moderators_and_anonymous_readers_are_refused()
    {
        var some = new Some();
        await StateAsync("IL", "17", "Illinois");
        var moderator = await site.SignedInClientAsync(await CreateModeratorAsync());
        var anonymous = site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var count = await CountAsync();

        (await moderator.GetAsync("/admin/jurisdictions/new")).Headers.Location!.ToString().Should().Contain("/account/denied");
        (await moderator.GetAsync("/admin/jurisdictions")).Headers.Location!.ToString().Should().Contain("/account/denied");
        var posted = await moderator.PostFormAsync("/", "/admin/jurisdictions/new", Fields($"Aurora {some.Token}", "IL"));
        posted.Headers.Location!.ToString().Should().Contain("/account/denied");
        (await anonymous.GetAsync("/admin/jurisdictions")).Headers.Location!.ToString().Should().Contain("/account/signin");
        (await anonymous.PostAsync("/admin/jurisdictions/new", new FormUrlEncodedContent(Fields($"Aurora {some.Token}", "IL"))))
            .StatusCode.Should().NotBe(HttpStatusCode.OK);

        (await CountAsync()).Should().Be(count);
    }

    private async Task<string> CreateModeratorAsync()
    {
        var email = $"moderator-{Guid.NewGuid():N}@example.org";
        await using var scope = site.Scope();
        var users = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Haven.Core.Accounts.HavenUser>>(scope.ServiceProvider);
        var roles = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Microsoft.AspNetCore.Identity.RoleManager<Microsoft.AspNetCore.Identity.IdentityRole>>(scope.ServiceProvider);
        if (!await roles.RoleExistsAsync(Haven.Core.Accounts.Roles.Moderator)) await roles.CreateAsync(new Microsoft.AspNetCore.Identity.IdentityRole(Haven.Core.Accounts.Roles.Moderator));
        var user = new Haven.Core.Accounts.HavenUser { UserName = email, Email = email, EmailConfirmed = true };
        (await users.CreateAsync(user, TestAccounts.Password)).Succeeded.Should().BeTrue();
        await users.AddToRoleAsync(user, Haven.Core.Accounts.Roles.Moderator);
        return email;
    }
}

public sealed class CityEditorOnSqlite(SqliteSite site) : CityEditorTests(site), IClassFixture<SqliteSite>;

public sealed class CityEditorOnPostgres(PostgresSite site) : CityEditorTests(site), IClassFixture<PostgresSite>;
