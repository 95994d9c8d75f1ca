using System.Net;
using System.Text;
using AwesomeAssertions;
using Haven.Core.Audit;
using Haven.Core.Campaigns;
using Haven.TestSupport;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using NodaTime;

namespace Haven.Web.Tests.Campaigns;

/// <summary>Signing a campaign through its page, end to end with mail read back from a real SMTP server: the sign-on
/// counts only once the mailed link confirms it, a lead approves it, the public count rises, the signer withdraws by
/// the link (audited); and every refusal (a second signature from the organization, a closed campaign, a bad email, no
/// confirmation box) says why and stores nothing, while markup typed into fields is stored stripped. Both databases.</summary>
public abstract class CampaignSignOnTests(SiteWithSmtp site)
{
    private HttpClient NewClient() => site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private sealed record Arranged(Campaign Campaign, TestTaxonomy T)
    {
        public string Page => $"/campaigns/{Campaign.Slug}";
        public string Sign => $"{Page}?handler=Sign";
        public string Token => T.Some.Token;
    }

    private async Task<Arranged> ArrangeAsync(Action<Campaign>? with = null)
    {
        var t = await site.CreateTaxonomyAsync();
        var c = await site.CreateCampaignAsync(t.Some, [t.Organization.Id], with);
        return new Arranged(c, t);
    }

    private static Dictionary<string, string> Fields(string organization, string email, string name = "Ana Ruiz", bool may = true)
    {
        var fields = new Dictionary<string, string>
        {
            ["Form.Kind"] = "Organization",
            ["Form.OrganizationName"] = organization,
            ["Form.City"] = "Fresno",
            ["Form.State"] = "CA",
            ["Form.SignerName"] = name,
            ["Form.SignerRole"] = "Director",
            ["Form.Email"] = email,
            ["Form.Language"] = "en",
        };
        if (may) fields["Form.MaySignForOrganization"] = "true";
        return fields;
    }

    private static Task<HttpResponseMessage> SignAsync(HttpClient client, Arranged a, Dictionary<string, string> fields) =>
        client.PostFormAsync(a.Page, a.Sign, fields);

    private async Task<MimeMessage> MailAsync(string to, string subjectStart, int count = 1)
    {
        site.WakeMailDispatcher();
        var found = await site.Smtp.WaitForAsync(m => m.To.Mailboxes.Any(b => b.Address == to) && (m.Subject ?? "").StartsWith(subjectStart, StringComparison.Ordinal), count);
        return found[^1];
    }

    private Task<List<Endorsement>> EndorsementsAsync(int campaignId) =>
        site.WithDbAsync(db => db.Endorsements.AsNoTracking().Where(e => e.CampaignId == campaignId).OrderBy(e => e.Id).ToListAsync());

    private static async Task<int> PublicCountAsync(HttpClient client, Arranged a)
    {
        var page = await client.GetDocumentAsync(a.Page);
        return page.QuerySelectorAll("ol.signatures li").Length;
    }

    [Fact]
    public async Task A_signature_counts_once_confirmed_by_the_mailed_link_and_approved_then_the_signer_withdraws_it()
    {
        var a = await ArrangeAsync();
        var client = NewClient();
        var email = $"ana-{a.Token}@valleyrights-{a.Token}.example.org";

        var signed = await SignAsync(client, a, Fields($"Valley Rights {a.Token}", email));
        signed.StatusCode.Should().Be(HttpStatusCode.SeeOther);
        signed.Headers.Location!.ToString().Should().Be($"{a.Page}?signed=new#sign");
        (await client.GetStringAsync($"{a.Page}?signed=new")).Should().Contain("open the link in it to confirm");
        (await EndorsementsAsync(a.Campaign.Id)).Single().Status.Should().Be(EndorsementStatus.Unconfirmed);
        (await PublicCountAsync(client, a)).Should().Be(0);

        var confirmMail = await MailAsync(email, "Confirm your signature:");
        confirmMail.TextBody.Should().Contain("Hello Ana Ruiz,").And.Contain($"Valley Rights {a.Token}");
        var path = TestCampaigns.EndorsementPathIn(confirmMail);
        var privatePage = await client.GetAsync(path);
        privatePage.StatusCode.Should().Be(HttpStatusCode.OK);
        privatePage.Headers.CacheControl!.NoStore.Should().BeTrue();
        privatePage.Headers.GetValues("Referrer-Policy").Should().Equal("no-referrer");
        privatePage.Headers.GetValues("X-Robots-Tag").Should().Equal("noindex");
        (await EndorsementsAsync(a.Campaign.Id)).Single().Status.Should().Be(EndorsementStatus.Unconfirmed, "opening the link confirms nothing: the button does");

        var confirmed = await client.PostFormAsync(path, path.Split('?')[0] + "?handler=Confirm", []);
        confirmed.StatusCode.Should().Be(HttpStatusCode.SeeOther);
        (await EndorsementsAsync(a.Campaign.Id)).Single().Status.Should().Be(EndorsementStatus.Pending);
        (await PublicCountAsync(client, a)).Should().Be(0, "the campaign's leads approve each signature first");

        var lead = await site.MemberClientAsync(a.T.Organization.Id);
        var queue = $"/admin/campaigns/{a.Campaign.Id}/endorsements";
        var id = (await EndorsementsAsync(a.Campaign.Id)).Single().Id;
        var approved = await lead.PostFormAsync(queue, $"{queue}?handler=ApproveOne", new Dictionary<string, string> { ["one"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        approved.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await lead.GetStringAsync(approved.Headers.Location!.ToString())).Should().Contain("1 signature approved.");
        (await PublicCountAsync(client, a)).Should().Be(1);
        var page = await client.GetDocumentAsync(a.Page);
        page.QuerySelector("ol.signatures")!.TextContent.Should().Contain($"Valley Rights {a.Token}").And.Contain("Fresno, CA");
        page.Body!.TextContent.Should().NotContain(email, "addresses are never public");

        var publicMail = await MailAsync(email, "Your signature is public:");
        var withdrawPath = TestCampaigns.EndorsementPathIn(publicMail);
        (await client.GetStringAsync(withdrawPath + "?withdraw=1")).Should().Contain("Yes, withdraw my signature");
        var withdrawn = await client.PostFormAsync(withdrawPath + "?withdraw=1", withdrawPath + "?handler=Withdraw", []);
        withdrawn.StatusCode.Should().Be(HttpStatusCode.SeeOther);
        (await PublicCountAsync(client, a)).Should().Be(0);
        var row = (await EndorsementsAsync(a.Campaign.Id)).Single();
        row.Status.Should().Be(EndorsementStatus.Withdrawn);
        row.SignatureKey.Should().BeNull("the organization may sign again");
        var audit = await site.WithDbAsync(db => db.AuditLog.AsNoTracking().Where(e => e.SubjectType == "endorsement" && e.SubjectId == id.ToString()).Select(e => e.Action).ToListAsync());
        audit.Should().BeEquivalentTo([AuditActions.EndorsementApproved, AuditActions.EndorsementWithdrawn]);

        (await SignAsync(client, a, Fields($"Valley Rights {a.Token}", email))).StatusCode.Should().Be(HttpStatusCode.SeeOther, "a withdrawn organization may sign again");
    }

    [Fact]
    public async Task A_second_signature_from_the_organization_is_refused_and_the_same_unconfirmed_address_gets_its_link_again()
    {
        var a = await ArrangeAsync();
        var client = NewClient();
        var email = $"ana@defenders-{a.Token}.example.org";
        (await SignAsync(client, a, Fields($"The Defenders {a.Token}, Inc.", email))).StatusCode.Should().Be(HttpStatusCode.SeeOther);

        // A double submit: same address, still unconfirmed.
        var again = await SignAsync(client, a, Fields($"The Defenders {a.Token}, Inc.", email));
        again.Headers.Location!.ToString().Should().Be($"{a.Page}?signed=again#sign");
        await MailAsync(email, "Confirm your signature:", count: 2);

        // Another person, the same organization written differently.
        var other = await SignAsync(client, a, Fields($"defenders {a.Token}", $"beto-{a.Token}@gmail.com", "Beto"));
        other.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await other.Content.ReadAsStringAsync()).Should().Contain("This organization has already signed this campaign.");

        // Another name, the same organization's email domain.
        var sameDomain = await SignAsync(client, a, Fields($"Defenders Legal Team {a.Token}", $"carla@defenders-{a.Token}.example.org", "Carla"));
        sameDomain.StatusCode.Should().Be(HttpStatusCode.Conflict);

        // Free mail says nothing about the organization.
        (await SignAsync(client, a, Fields($"Faith Families {a.Token}", $"dora-{a.Token}@gmail.com", "Dora"))).StatusCode.Should().Be(HttpStatusCode.SeeOther);
        (await SignAsync(client, a, Fields($"Border Aid {a.Token}", $"eva-{a.Token}@gmail.com", "Eva"))).StatusCode.Should().Be(HttpStatusCode.SeeOther);

        (await EndorsementsAsync(a.Campaign.Id)).Select(e => e.SignerName).Should().Equal("Ana Ruiz", "Dora", "Eva");
    }

    [Fact]
    public async Task An_unconfirmed_signature_older_than_seven_days_no_longer_blocks_its_organization()
    {
        var a = await ArrangeAsync(c => c.ClosesAt = site.Clock.GetCurrentInstant() + Duration.FromDays(60));
        var client = NewClient();
        (await SignAsync(client, a, Fields($"Stale Org {a.Token}", $"first@stale-{a.Token}.example.org"))).StatusCode.Should().Be(HttpStatusCode.SeeOther);
        var firstMail = await MailAsync($"first@stale-{a.Token}.example.org", "Confirm your signature:");
        site.Clock.Advance(Duration.FromDays(8));

        (await SignAsync(client, a, Fields($"Stale Org {a.Token}", $"second@stale-{a.Token}.example.org", "Second"))).StatusCode.Should().Be(HttpStatusCode.SeeOther);
        var rows = await EndorsementsAsync(a.Campaign.Id);
        rows.Should().HaveCount(2);
        rows[0].SignatureKey.Should().BeNull("the stale one was released");
        // Its link no longer confirms anything: the page says so and offers no button.
        var path = TestCampaigns.EndorsementPathIn(firstMail);
        (await client.GetStringAsync(path)).Should().Contain("never confirmed and has expired").And.NotContain("handler=Confirm");
        await using (var scope = site.Scope())
        {
            var confirm = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<ConfirmEndorsement>(scope.ServiceProvider);
            (await confirm.RunAsync(TestCampaigns.EndorsementTokensIn(firstMail.TextBody).Single()))!.Value.Confirmed.Should().BeFalse();
        }
        (await EndorsementsAsync(a.Campaign.Id))[0].Status.Should().Be(EndorsementStatus.Unconfirmed);
    }

    [Fact]
    public async Task A_closed_campaign_or_one_not_open_yet_refuses_signatures_with_a_clear_message()
    {
        var now = site.Clock.GetCurrentInstant();
        var closed = await ArrangeAsync(c => { c.OpensAt = now - Duration.FromDays(20); c.ClosesAt = now - Duration.FromDays(1); });
        var client = NewClient();
        var page = await client.GetStringAsync(closed.Page);
        page.Should().Contain("This campaign is closed: it no longer takes signatures.");
        page.Should().NotContain("handler=Sign", "the form is not shown");
        // A crafted post (with a token from an open campaign's form) is refused too.
        var open = await ArrangeAsync();
        var response = await client.PostFormAsync(open.Page, closed.Sign, Fields($"Late Org {closed.Token}", $"late@late-{closed.Token}.example.org"));
        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await response.Content.ReadAsStringAsync()).Should().Contain("This campaign is closed: it no longer takes signatures.");
        (await EndorsementsAsync(closed.Campaign.Id)).Should().BeEmpty();

        var early = await ArrangeAsync(c => { c.OpensAt = now + Duration.FromDays(2); c.ClosesAt = now + Duration.FromDays(20); });
        (await client.GetStringAsync(early.Page)).Should().Contain("This campaign does not take signatures yet.");
        var tooEarly = await client.PostFormAsync(open.Page, early.Sign, Fields($"Early Org {early.Token}", $"early@early-{early.Token}.example.org"));
        tooEarly.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await EndorsementsAsync(early.Campaign.Id)).Should().BeEmpty();
    }

    [Fact]
    public async Task Every_problem_is_named_at_once_and_nothing_is_stored()
    {
        var a = await ArrangeAsync();
        var client = NewClient();
        var fields = Fields($"Org {a.Token}", "not an address", may: false);
        fields["Form.State"] = "ZZ";
        fields["Form.City"] = "";
        var response = await SignAsync(client, a, fields);
        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var document = Html.Parse(await response.Content.ReadAsStringAsync());
        var problems = document.QuerySelectorAll(".problems li").Select(li => li.TextContent.Trim()).ToList();
        problems.Should().BeEquivalentTo(
        [
            "Confirm that you may sign for this organization.",
            "Enter the city.",
            "Choose the state.",
            "Enter one email address, like name@example.org.",
        ]);
        document.QuerySelector("#OrganizationName")!.GetAttribute("value").Should().Be($"Org {a.Token}", "what was typed stays in the form");
        (await EndorsementsAsync(a.Campaign.Id)).Should().BeEmpty();
    }

    [Fact]
    public async Task Markup_typed_into_any_field_is_stored_stripped()
    {
        var a = await ArrangeAsync();
        var client = NewClient();
        var fields = Fields($"<b>Bold</b> Org {a.Token}<script>alert(1)</script>", $"x@markup-{a.Token}.example.org", "<img src=x onerror=alert(1)>Ana");
        fields["Form.City"] = "<i>Fresno</i>";
        fields["Form.SignerRole"] = "<a href=\"javascript:alert(1)\">Director</a>";
        (await SignAsync(client, a, fields)).StatusCode.Should().Be(HttpStatusCode.SeeOther);
        var row = (await EndorsementsAsync(a.Campaign.Id)).Single();
        row.OrganizationName.Should().Be($"Bold Org {a.Token}");
        row.SignerName.Should().Be("Ana");
        row.City.Should().Be("Fresno");
        row.SignerRole.Should().Be("Director");
    }

    [Fact]
    public async Task Leads_moderate_in_bulk_and_export_csv_with_formulas_escaped_while_other_editors_are_refused()
    {
        var a = await ArrangeAsync();
        var client = NewClient();
        var emails = new[] { "one", "two", "three" }.Select(n => $"{n}@{n}-{a.Token}.example.org").ToArray();
        foreach (var (email, i) in emails.Select((e, i) => (e, i)))
            (await SignAsync(client, a, Fields(i == 0 ? $"=HYPERLINK(\"x\") {a.Token}" : $"Org {i} {a.Token}", email))).StatusCode.Should().Be(HttpStatusCode.SeeOther);
        foreach (var email in emails)
        {
            var path = TestCampaigns.EndorsementPathIn(await MailAsync(email, "Confirm your signature:"));
            await client.PostFormAsync(path, path + "?handler=Confirm", []);
        }
        var ids = (await EndorsementsAsync(a.Campaign.Id)).Select(e => e.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var queue = $"/admin/campaigns/{a.Campaign.Id}/endorsements";

        var stranger = await site.MemberClientAsync(a.T.OtherOrganization.Id);
        (await stranger.GetAsync(queue)).StatusCode.Should().NotBe(HttpStatusCode.OK);
        (await stranger.GetAsync($"/admin/campaigns/{a.Campaign.Id}/endorsements.csv")).StatusCode.Should().NotBe(HttpStatusCode.OK);

        var lead = await site.MemberClientAsync(a.T.Organization.Id);
        var bulk = await lead.PostFormAsync(queue, $"{queue}?handler=Approve", [new("ids", ids[0]), new("ids", ids[1])]);
        bulk.StatusCode.Should().Be(HttpStatusCode.Redirect);
        bulk.Headers.Location!.ToString().Should().EndWith("count=2");
        var declined = await lead.PostFormAsync(queue, $"{queue}?handler=Decline", [new("ids", ids[2])]);
        declined.Headers.Location!.ToString().Should().EndWith("count=1");
        (await EndorsementsAsync(a.Campaign.Id)).Select(e => e.Status).Should().Equal(EndorsementStatus.Approved, EndorsementStatus.Approved, EndorsementStatus.Declined);
        (await PublicCountAsync(client, a)).Should().Be(2);

        var csv = await lead.GetAsync($"/admin/campaigns/{a.Campaign.Id}/endorsements.csv");
        csv.StatusCode.Should().Be(HttpStatusCode.OK);
        csv.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        var text = Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync());
        text.Should().Contain("'=HYPERLINK", "a formula is written as text").And.Contain(emails[1]).And.Contain("Declined");
        var exported = await site.WithDbAsync(db => db.AuditLog.AsNoTracking().CountAsync(e => e.Action == AuditActions.EndorsementsExported && e.SubjectId == a.Campaign.Id.ToString()));
        exported.Should().Be(1);
    }

    [Fact]
    public async Task Individuals_sign_once_per_email_and_in_confirmation_only_mode_are_public_as_soon_as_they_confirm()
    {
        var a = await ArrangeAsync(c => { c.WhoMaySign = WhoMaySign.Both; c.Review = EndorsementReview.ConfirmationOnly; });
        var client = NewClient();
        var fields = new Dictionary<string, string>
        {
            ["Form.Kind"] = "Individual", ["Form.City"] = "Austin", ["Form.State"] = "TX", ["Form.SignerName"] = $"Rosa {a.Token}",
            ["Form.Email"] = $"rosa-{a.Token}@gmail.com", ["Form.Language"] = "es",
        };
        (await SignAsync(client, a, fields)).StatusCode.Should().Be(HttpStatusCode.SeeOther);
        var mail = await MailAsync($"rosa-{a.Token}@gmail.com", "Confirme su firma:");
        var path = TestCampaigns.EndorsementPathIn(mail);
        path.Should().StartWith("/es/campaigns/", "the link opens the page in the signer's language");
        await client.PostFormAsync(path, path + "?handler=Confirm", []);
        (await PublicCountAsync(client, a)).Should().Be(1);
        (await client.GetStringAsync(a.Page)).Should().Contain($"Rosa {a.Token}");

        // Confirmed: the same address again is told it has signed.
        var again = await SignAsync(client, a, fields);
        again.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await again.Content.ReadAsStringAsync()).Should().Contain("This email address has already signed this campaign.");
    }
}

public sealed class CampaignSignOnOnSqlite(SqliteSiteWithSmtp site) : CampaignSignOnTests(site), IClassFixture<SqliteSiteWithSmtp>;

public sealed class CampaignSignOnOnPostgres(PostgresSiteWithSmtp site) : CampaignSignOnTests(site), IClassFixture<PostgresSiteWithSmtp>;
