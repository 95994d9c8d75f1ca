using System.Globalization;
using System.Net;
using AwesomeAssertions;
using Haven.Core.Bills;
using Haven.Core.Taxonomy;
using Haven.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Haven.Web.Tests.Bills;

/// <summary>Bills over HTTP: an editor adds a bill and states their organization's position; the list and its filters;
/// one bill per normalized number; bad input reported at once and markup stored stripped; who may do what; bills linked
/// from a resource and shown on both pages. Both databases.</summary>
public abstract class BillTests(HavenFactory site)
{
    private static string S(int id) => id.ToString(CultureInfo.InvariantCulture);

    private async Task<Jurisdiction> CreateStateAsync(Some some)
    {
        var state = new Jurisdiction { Slug = some.Slug("state"), Name = $"State {some.Token}", Kind = JurisdictionKind.State, StateCode = "ZZ" };
        await site.WithDbAsync(async db =>
        {
            db.Jurisdictions.Add(state);
            return await db.SaveChangesAsync();
        });
        return state;
    }

    private static List<KeyValuePair<string, string>> BillForm(int jurisdictionId, string number, string title, string session = "2025-2026",
        string url = "", string chamber = "Senate") =>
    [
        new("Form.JurisdictionId", S(jurisdictionId)),
        new("Form.Chamber", chamber),
        new("Form.ChamberName", ""),
        new("Form.Number", number),
        new("Form.Title", title),
        new("Form.Session", session),
        new("Form.Status", "In committee"),
        new("Form.OfficialUrl", url),
        new("Form.Slug", ""),
    ];

    private static List<KeyValuePair<string, string>> PositionForm(string holder, string stance, string reasons = "", bool alert = false,
        string call = "", string actionUrl = "", string takenOn = "2025-03-01")
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("Holder", holder), new("Position.Stance", stance), new("Position.TakenOn", takenOn), new("Position.Reasons", reasons),
            new("Position.CallToAction", call), new("Position.ActionUrl", actionUrl),
        };
        if (alert) fields.Add(new("Position.IsActionAlert", "true"));
        return fields;
    }

    private async Task<Bill> AddBillAsync(HttpClient client, int jurisdictionId, string number, string title, string session = "2025-2026")
    {
        var response = await client.PostFormAsync("/admin/bills/new", "/admin/bills/new", BillForm(jurisdictionId, number, title, session));
        response.StatusCode.Should().Be(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        var id = int.Parse(response.Headers.Location!.OriginalString.Split('/')[3], CultureInfo.InvariantCulture);
        return await site.WithDbAsync(db => db.Bills.AsNoTracking().SingleAsync(b => b.Id == id));
    }

    private Task<HttpResponseMessage> StateAsync(HttpClient client, Bill bill, List<KeyValuePair<string, string>> fields) =>
        client.PostFormAsync($"/admin/bills/{bill.Id}/edit", $"/admin/bills/{bill.Id}/edit?handler=Position", fields);

    /// <summary>A signed-in person refused: sent to the "access denied" page.</summary>
    private static void Denied(HttpResponseMessage response)
    {
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().Should().Contain("/account/denied");
    }

    [Fact]
    public async Task An_editor_adds_a_bill_states_a_position_and_readers_see_it()
    {
        var some = new Some();
        var t = await site.CreateTaxonomyAsync();
        var state = await CreateStateAsync(some);
        var editor = await site.MemberClientAsync(t.Organization.Id);

        var bill = await AddBillAsync(editor, state.Id, "S.B. 54", $"Values Act {some.Token}");
        var stated = await StateAsync(editor, bill, PositionForm(S(t.Organization.Id), "Support", "Keeps **police** out of enforcement.", alert: true,
            call: "Call your senator.", actionUrl: "https://example.org/act"));
        stated.StatusCode.Should().Be(HttpStatusCode.Redirect, await stated.Content.ReadAsStringAsync());

        bill.OwnerOrganizationId.Should().Be(t.Organization.Id);
        bill.NumberKey.Should().Be("SB54");
        var page = await site.CreateClient().GetDocumentAsync($"/bills/{bill.Slug}");
        page.QuerySelector("h1")!.TextContent.Should().Contain("S.B. 54").And.Contain($"Values Act {some.Token}");
        var position = page.QuerySelector(".bill-position")!;
        position.TextContent.Should().Contain("Support").And.Contain(t.Organization.Name).And.Contain("Call your senator.");
        position.QuerySelector("strong")!.TextContent.Should().Contain("Action alert");
        position.QuerySelector(".body strong")!.TextContent.Should().Be("police");
        position.QuerySelector("a.button")!.GetAttribute("href").Should().Be("https://example.org/act");

        // Stating it again replaces it: one position per organization.
        (await StateAsync(editor, bill, PositionForm(S(t.Organization.Id), "OpposeUnlessAmended", "Changed our mind."))).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var positions = await site.WithDbAsync(db => db.BillPositions.AsNoTracking().Where(p => p.BillId == bill.Id).ToListAsync());
        positions.Should().ContainSingle().Which.Stance.Should().Be(BillStance.OpposeUnlessAmended);
        positions[0].IsActionAlert.Should().BeFalse();

        var actions = await site.WithDbAsync(db => db.AuditLog.AsNoTracking().Where(e => e.SubjectType == "bill" && e.SubjectId == S(bill.Id))
            .OrderBy(e => e.Id).Select(e => e.Action).ToListAsync());
        actions.Should().Equal("bill.created", "bill.position_stated", "bill.position_stated");
        (await site.CreateClient().GetDocumentAsync("/bills")).QuerySelector($"a[href='/bills/{bill.Slug}']").Should().NotBeNull();
    }

    [Fact]
    public async Task The_list_filters_by_jurisdiction_session_position_and_action_alerts()
    {
        var some = new Some();
        var t = await site.CreateTaxonomyAsync();
        var state = await CreateStateAsync(some);
        var admin = await site.AdministratorClientAsync();
        var supported = await AddBillAsync(admin, state.Id, "HB 1", $"Supported {some.Token}", "2025-2026");
        var opposed = await AddBillAsync(admin, state.Id, "HB 2", $"Opposed {some.Token}", "2023-2024");
        var watched = await AddBillAsync(admin, state.Id, "HB 3", $"Unpositioned {some.Token}", "2025-2026");
        (await StateAsync(admin, supported, PositionForm("coalition", "Support", alert: true, call: "Call now."))).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await StateAsync(admin, opposed, PositionForm(S(t.Organization.Id), "Oppose"))).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var reader = site.CreateClient();

        async Task<List<string>> Titles(string query) =>
            (await reader.GetDocumentAsync("/bills?jurisdiction=" + state.Slug + query)).QuerySelectorAll(".bill-title a").Select(a => a.TextContent).ToList();

        (await Titles("")).Should().BeEquivalentTo("HB 1", "HB 2", "HB 3");
        (await Titles("&session=2025%E2%80%932026")).Should().BeEquivalentTo("HB 1", "HB 3");
        (await Titles("&position=oppose")).Should().Equal("HB 2");
        (await Titles("&position=support")).Should().Equal("HB 1");
        (await Titles("&alerts=true")).Should().Equal("HB 1");
        var page = await reader.GetDocumentAsync($"/bills?jurisdiction={state.Slug}&position=oppose");
        page.QuerySelector("#position option[selected]")!.GetAttribute("value").Should().Be("oppose");
        page.QuerySelector(".bill-positions")!.TextContent.Should().Contain(t.Organization.Name);
        watched.Slug.Should().NotBe(supported.Slug);
    }

    [Fact]
    public async Task The_same_bill_typed_another_way_is_refused_and_nothing_is_added()
    {
        var some = new Some();
        var t = await site.CreateTaxonomyAsync();
        var state = await CreateStateAsync(some);
        var editor = await site.MemberClientAsync(t.Organization.Id);
        await AddBillAsync(editor, state.Id, "H.R. 2", $"First {some.Token}", "119th Congress");

        var response = await editor.PostFormAsync("/admin/bills/new", "/admin/bills/new", BillForm(state.Id, "hr 2", $"Again {some.Token}", "119TH congress"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        Html.Parse(await response.Content.ReadAsStringAsync()).QuerySelector(".problems")!.TextContent
            .Should().Contain("This bill is already listed for this jurisdiction and session.");
        (await site.WithDbAsync(db => db.Bills.CountAsync(b => b.JurisdictionId == state.Id))).Should().Be(1);
        // Another session is another bill.
        await AddBillAsync(editor, state.Id, "HR 2", $"Next session {some.Token}", "120th Congress");
    }

    [Fact]
    public async Task Two_editors_adding_the_same_bill_at_once_make_one_bill()
    {
        var some = new Some();
        var t = await site.CreateTaxonomyAsync();
        var state = await CreateStateAsync(some);

        async Task<Haven.Core.Shared.Outcome<Bill>> AddAsync(string number)
        {
            await using var scope = site.Scope();
            return await scope.ServiceProvider.GetRequiredService<SaveBill>().RunAsync(new BillEdit
            {
                Actor = Haven.Core.Accounts.Actor.System("test"),
                Fields = new BillFields { JurisdictionId = state.Id, Number = number, Title = $"Race {some.Token}", Session = "2025-2026", OwnerOrganizationId = t.Organization.Id },
            });
        }

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() => AddAsync(i % 2 == 0 ? "SB 77" : "S.B. 077"))));

        outcomes.Count(o => o.Succeeded).Should().Be(1);
        outcomes.Where(o => !o.Succeeded).SelectMany(o => o.Problems).Select(p => p.Code).Should().OnlyContain(c => c == "duplicate_bill");
        (await site.WithDbAsync(db => db.Bills.CountAsync(b => b.JurisdictionId == state.Id))).Should().Be(1);
    }

    [Fact]
    public async Task Bad_input_is_reported_at_once_and_markup_is_stored_stripped()
    {
        var some = new Some();
        var t = await site.CreateTaxonomyAsync();
        var state = await CreateStateAsync(some);
        var editor = await site.MemberClientAsync(t.Organization.Id);

        // A county is not a legislature; the number has no digits; the link is not a web address.
        var response = await editor.PostFormAsync("/admin/bills/new", "/admin/bills/new", BillForm(t.Jurisdiction.Id, "SB", "", "", url: "javascript:alert(1)"));
        var text = Html.Parse(await response.Content.ReadAsStringAsync()).QuerySelector(".problems")!.TextContent;
        text.Should().Contain("Choose the United States (Congress) or a state.")
            .And.Contain("A bill number has digits")
            .And.Contain("Give the bill's title.")
            .And.Contain("Give the session")
            .And.Contain("Give the official page as a web address");
        (await site.WithDbAsync(db => db.Bills.CountAsync(b => b.JurisdictionId == t.Jurisdiction.Id))).Should().Be(0);

        var unknown = await editor.PostFormAsync("/admin/bills/new", "/admin/bills/new", BillForm(int.MaxValue, "SB 1", "Nowhere"));
        Html.Parse(await unknown.Content.ReadAsStringAsync()).QuerySelector(".problems")!.TextContent.Should().Contain("Choose the United States (Congress) or a state.");

        var bill = await AddBillAsync(editor, state.Id, "AB <b>1306</b>", $"<script>alert(1)</script>Safe <em>title</em> {some.Token}");
        bill.Number.Should().Be("AB 1306");
        bill.Title.Should().Be($"Safe title {some.Token}");
        var stated = await StateAsync(editor, bill, PositionForm(S(t.Organization.Id), "Support", "<script>alert(1)</script>Because <img src=x onerror=alert(1)>.",
            alert: true, call: "<b>Call</b> now<script>x</script>"));
        stated.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var position = await site.WithDbAsync(db => db.BillPositions.AsNoTracking().SingleAsync(p => p.BillId == bill.Id));
        position.CallToAction.Should().Be("Call now");
        // Markdown's raw HTML is shown as text, never as markup.
        position.ReasonsHtml.Should().NotContain("<script").And.NotContain("<img");

        var noCall = await StateAsync(editor, bill, PositionForm(S(t.Organization.Id), "Oppose", alert: true, takenOn: "2025-02-30"));
        var problems = Html.Parse(await noCall.Content.ReadAsStringAsync()).QuerySelector(".problems")!.TextContent;
        problems.Should().Contain("An action alert needs a call to action.").And.Contain("Give the date as YYYY-MM-DD.");
        (await site.WithDbAsync(db => db.BillPositions.AsNoTracking().SingleAsync(p => p.BillId == bill.Id))).Stance.Should().Be(BillStance.Support);
    }

    [Fact]
    public async Task Editors_speak_only_for_their_organizations_and_change_only_their_own_bills()
    {
        var some = new Some();
        var t = await site.CreateTaxonomyAsync();
        var state = await CreateStateAsync(some);
        var editorA = await site.MemberClientAsync(t.Organization.Id);
        var editorB = await site.MemberClientAsync(t.OtherOrganization.Id);
        var bill = await AddBillAsync(editorA, state.Id, "SB 9", $"Owned by A {some.Token}");

        // B may not change A's bill, nor speak for A or the coalition; B may state B's own position.
        var edit = await editorB.PostFormAsync($"/admin/bills/{bill.Id}/edit", $"/admin/bills/{bill.Id}/edit", BillForm(state.Id, "SB 9", "Hijacked"));
        Denied(edit);
        Denied(await StateAsync(editorB, bill, PositionForm(S(t.Organization.Id), "Oppose")));
        Denied(await StateAsync(editorB, bill, PositionForm("coalition", "Oppose")));
        (await StateAsync(editorB, bill, PositionForm(S(t.OtherOrganization.Id), "Watching"))).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var withdrawA = await editorB.PostFormAsync($"/admin/bills/{bill.Id}/edit", $"/admin/bills/{bill.Id}/edit?handler=Withdraw",
            [new("Holder", S(t.OtherOrganization.Id))]);
        withdrawA.StatusCode.Should().Be(HttpStatusCode.Redirect);

        (await site.WithDbAsync(db => db.Bills.AsNoTracking().SingleAsync(b => b.Id == bill.Id))).Title.Should().Be($"Owned by A {some.Token}");
        (await site.WithDbAsync(db => db.BillPositions.CountAsync(p => p.BillId == bill.Id))).Should().Be(0);
        (await site.WithDbAsync(db => db.AuditLog.CountAsync(e => e.Action == "bill.edit_refused" && e.SubjectId == S(bill.Id)))).Should().BeGreaterThan(0);

        // The administrator changes any bill and speaks for the coalition.
        var admin = await site.AdministratorClientAsync();
        (await admin.PostFormAsync($"/admin/bills/{bill.Id}/edit", $"/admin/bills/{bill.Id}/edit", BillForm(state.Id, "SB 9", $"Renamed {some.Token}")))
            .StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await StateAsync(admin, bill, PositionForm("coalition", "Support"))).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await site.WithDbAsync(db => db.BillPositions.AsNoTracking().SingleAsync(p => p.BillId == bill.Id))).OrganizationId.Should().BeNull();

        // Readers never reach the editor.
        var anonymous = site.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        (await anonymous.GetAsync("/admin/bills")).StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task A_resource_links_bills_shown_with_their_positions_on_both_pages()
    {
        var some = new Some();
        var t = await site.CreateTaxonomyAsync();
        var state = await CreateStateAsync(some);
        var resource = await site.SaveResourceAsync(t.Resource($"Vote recommendation {some.Token}"));
        var editor = await site.MemberClientAsync(t.Organization.Id);
        var bill = await AddBillAsync(editor, state.Id, "AB 1306", $"Linked {some.Token}");
        var other = await AddBillAsync(editor, state.Id, "AB 1307", $"Not linked {some.Token}");
        (await StateAsync(editor, bill, PositionForm(S(t.Organization.Id), "SupportIfAmended"))).StatusCode.Should().Be(HttpStatusCode.Redirect);

        var editPage = await editor.GetDocumentAsync($"/admin/resources/{resource.Id}/edit");
        editPage.QuerySelectorAll("#billIds option").Select(o => o.GetAttribute("value")).Should().Contain([S(bill.Id), S(other.Id)]);
        var linked = await editor.PostFormAsync($"/admin/resources/{resource.Id}/edit", $"/admin/resources/{resource.Id}/edit?handler=Bills",
            [new("billIds", S(bill.Id))]);
        linked.StatusCode.Should().Be(HttpStatusCode.Redirect, await linked.Content.ReadAsStringAsync());
        (await editor.GetDocumentAsync($"/admin/resources/{resource.Id}/edit")).QuerySelectorAll("#billIds option[selected]").Select(o => o.GetAttribute("value"))
            .Should().Equal(S(bill.Id));

        var resourcePage = await site.CreateClient().GetDocumentAsync($"/resources/{resource.Slug}");
        var list = resourcePage.QuerySelector(".resource-bills")!;
        list.QuerySelectorAll(".bill-title a").Select(a => a.GetAttribute("href")).Should().Equal($"/bills/{bill.Slug}");
        list.TextContent.Should().Contain("Support if amended").And.Contain(t.Organization.Name);
        var billPage = await site.CreateClient().GetDocumentAsync($"/bills/{bill.Slug}");
        billPage.QuerySelector($"a[href='/resources/{resource.Slug}']").Should().NotBeNull();

        // Another organization's editor cannot change the resource's bills; an unknown bill changes nothing.
        var outsider = await site.MemberClientAsync(t.OtherOrganization.Id);
        var refused = await outsider.PostFormAsync("/admin/bills/new", $"/admin/resources/{resource.Id}/edit?handler=Bills",
            [new("billIds", S(other.Id))]);
        Denied(refused);
        var unknown = await editor.PostFormAsync($"/admin/resources/{resource.Id}/edit", $"/admin/resources/{resource.Id}/edit?handler=Bills",
            [new("billIds", S(other.Id)), new("billIds", S(int.MaxValue))]);
        Html.Parse(await unknown.Content.ReadAsStringAsync()).QuerySelector(".problems")!.TextContent.Should().Contain("One of the chosen bills no longer exists.");
        (await site.WithDbAsync(db => db.ResourceBills.Where(l => l.ResourceId == resource.Id).Select(l => l.BillId).ToListAsync())).Should().Equal(bill.Id);
        (await site.WithDbAsync(db => db.AuditLog.CountAsync(e => e.Action == "resource.bills_linked" && e.SubjectId == S(resource.Id)))).Should().Be(1);

        // Unlinking empties the list.
        (await editor.PostFormAsync($"/admin/resources/{resource.Id}/edit", $"/admin/resources/{resource.Id}/edit?handler=Bills", [])).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await site.WithDbAsync(db => db.ResourceBills.CountAsync(l => l.ResourceId == resource.Id))).Should().Be(0);
    }

    [Fact]
    public async Task A_campaign_links_bills_shown_with_their_positions_and_the_bill_lists_the_campaign()
    {
        var some = new Some();
        var t = await site.CreateTaxonomyAsync();
        var state = await CreateStateAsync(some);
        var campaign = await site.CreateCampaignAsync(some, [t.Organization.Id]);
        var draft = await site.CreateCampaignAsync(some, [t.Organization.Id], c =>
        {
            c.IsDraft = true;
            c.Slug = some.Slug("draft-letter");
        });
        var editor = await site.MemberClientAsync(t.Organization.Id);
        var bill = await AddBillAsync(editor, state.Id, "SB 31", $"Campaign bill {some.Token}");
        (await StateAsync(editor, bill, PositionForm(S(t.Organization.Id), "Oppose"))).StatusCode.Should().Be(HttpStatusCode.Redirect);

        foreach (var c in new[] { campaign, draft })
        {
            var linked = await editor.PostFormAsync($"/admin/campaigns/{c.Id}/edit", $"/admin/campaigns/{c.Id}/edit?handler=Bills", [new("billIds", S(bill.Id))]);
            linked.StatusCode.Should().Be(HttpStatusCode.Redirect, await linked.Content.ReadAsStringAsync());
        }
        (await editor.GetDocumentAsync($"/admin/campaigns/{campaign.Id}/edit")).QuerySelectorAll("#billIds option[selected]").Select(o => o.GetAttribute("value"))
            .Should().Equal(S(bill.Id));

        var campaignPage = await site.CreateClient().GetDocumentAsync($"/campaigns/{campaign.Slug}");
        var list = campaignPage.QuerySelector(".campaign-bills")!;
        list.QuerySelectorAll(".bill-title a").Select(a => a.GetAttribute("href")).Should().Equal($"/bills/{bill.Slug}");
        list.TextContent.Should().Contain("Oppose").And.Contain(t.Organization.Name);
        // The bill lists the public campaign, never the draft.
        var billPage = await site.CreateClient().GetDocumentAsync($"/bills/{bill.Slug}");
        billPage.QuerySelector($"a[href='/campaigns/{campaign.Slug}']").Should().NotBeNull();
        billPage.QuerySelector($"a[href='/campaigns/{draft.Slug}']").Should().BeNull();

        // Only the campaign's leads change its bills; every change is audited.
        var outsider = await site.MemberClientAsync(t.OtherOrganization.Id);
        Denied(await outsider.PostFormAsync("/admin/bills/new", $"/admin/campaigns/{campaign.Id}/edit?handler=Bills", []));
        (await site.WithDbAsync(db => db.CampaignBills.CountAsync(l => l.CampaignId == campaign.Id))).Should().Be(1);
        (await site.WithDbAsync(db => db.AuditLog.CountAsync(e => e.Action == "campaign.bills_linked" && e.SubjectId == S(campaign.Id)))).Should().Be(1);
    }
}

public sealed class BillsOnSqlite(SqliteSite site) : BillTests(site), IClassFixture<SqliteSite>;

public sealed class BillsOnPostgres(PostgresSite site) : BillTests(site), IClassFixture<PostgresSite>;
