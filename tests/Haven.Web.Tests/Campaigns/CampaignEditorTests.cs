using System.Net;
using AwesomeAssertions;
using Haven.Core.Audit;
using Haven.Core.Campaigns;
using Haven.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Haven.Web.Tests.Campaigns;

/// <summary>The campaign editor at /admin/campaigns: an editor creates a campaign led by their organization (audited),
/// markup in the title is stripped, every problem is named at once, and editors of other organizations can neither open
/// nor save it. Both databases.</summary>
public abstract class CampaignEditorTests(HavenFactory site)
{
    private static Dictionary<string, string> Fields(string title, int lead, string opens = "2026-01-01T09:00", string closes = "2036-01-01T17:00") => new()
    {
        ["Form.Title"] = title,
        ["Form.Summary"] = "We ask the county to end its contract.",
        ["Form.Body"] = "## Letter\n\nEnd it.",
        ["Form.Leads[0]"] = lead.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Form.OpensAt"] = opens,
        ["Form.ClosesAt"] = closes,
        ["Form.TimeZoneId"] = "America/Chicago",
        ["Form.WhoMaySign"] = "Both",
        ["Form.Review"] = "ConfirmationOnly",
        ["Form.Language"] = "en",
    };

    [Fact]
    public async Task An_editor_creates_a_campaign_led_by_their_organization_and_it_is_public_with_its_form()
    {
        var t = await site.CreateTaxonomyAsync();
        var editor = await site.MemberClientAsync(t.Organization.Id);
        var saved = await editor.PostFormAsync("/admin/campaigns/new", "/admin/campaigns/new", Fields($"<b>Letter</b> {t.Some.Token}", t.Organization.Id));
        saved.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var c = await site.WithDbAsync(db => db.Campaigns.AsNoTracking().Include(x => x.Leads).SingleAsync(x => x.Title == $"Letter {t.Some.Token}"));
        saved.Headers.Location!.ToString().Should().Be($"/admin/campaigns/{c.Id}/edit?saved=1");
        c.WhoMaySign.Should().Be(WhoMaySign.Both);
        c.Review.Should().Be(EndorsementReview.ConfirmationOnly);
        c.Leads.Single().OrganizationId.Should().Be(t.Organization.Id);
        (await site.WithDbAsync(db => db.AuditLog.CountAsync(e => e.Action == AuditActions.CampaignCreated && e.SubjectId == c.Id.ToString()))).Should().Be(1);

        var page = await site.CreateClient().GetDocumentAsync($"/campaigns/{c.Slug}");
        page.QuerySelector("h1")!.TextContent.Should().Be($"Letter {t.Some.Token}");
        page.QuerySelector("form.sign-on-form").Should().NotBeNull();
        page.QuerySelectorAll("input[name='Form.Kind'][type=radio]").Length.Should().Be(2, "organizations and individuals may sign");
        (await site.CreateClient().GetStringAsync("/campaigns")).Should().Contain($"Letter {t.Some.Token}");

        var stranger = await site.MemberClientAsync(t.OtherOrganization.Id);
        (await stranger.GetAsync($"/admin/campaigns/{c.Id}/edit")).StatusCode.Should().NotBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Every_problem_is_named_at_once_and_nothing_is_saved()
    {
        var t = await site.CreateTaxonomyAsync();
        var editor = await site.MemberClientAsync(t.Organization.Id);
        var fields = Fields("", t.OtherOrganization.Id, opens: "2026-05-01T09:00", closes: "2026-04-01T09:00");
        fields["Form.Body"] = "";
        var response = await editor.PostFormAsync("/admin/campaigns/new", "/admin/campaigns/new", fields);
        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var problems = Html.Parse(await response.Content.ReadAsStringAsync()).QuerySelectorAll(".problems li").Select(li => li.TextContent.Trim()).ToList();
        problems.Should().BeEquivalentTo(
        [
            "Enter a title.",
            "Write the campaign's text or link the resource it presents.",
            "Signatures must close after they open.",
            "List your own organization among the leads.",
        ]);
    }
}

public sealed class CampaignEditorOnSqlite(SqliteSite site) : CampaignEditorTests(site), IClassFixture<SqliteSite>;

public sealed class CampaignEditorOnPostgres(PostgresSite site) : CampaignEditorTests(site), IClassFixture<PostgresSite>;
