using System.Net;
using System.Text.RegularExpressions;
using AwesomeAssertions;
using Haven.Core.Accounts;
using Haven.Core.Audit;
using Haven.TestSupport;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Haven.Web.Tests.Accounts;

/// <summary>Invitation-only accounts over HTTP, with the mail read from a real SMTP server: who may invite whom,
/// the link opening the account once, and what expired, withdrawn or crafted requests get. Both databases.</summary>
public abstract partial class InvitationTests(SiteWithSmtp site)
{
    private HttpClient NewClient() => site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private static Dictionary<string, string> Invite(string email, InvitedRole role, int? organizationId, string language = "en") => new()
    {
        ["Email"] = email,
        ["Role"] = role.ToString(),
        ["OrganizationId"] = organizationId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
        ["Language"] = language,
    };

    private async Task<string> LinkSentToAsync(string email)
    {
        site.WakeMailDispatcher();
        var message = (await site.Smtp.WaitForAsync(m => m.To.Mailboxes.Any(b => b.Address == email))).Single();
        return InvitationLink().Match(message.TextBody ?? "").Value;
    }

    private async Task<MimeMessage> MailToAsync(string email)
    {
        site.WakeMailDispatcher();
        return (await site.Smtp.WaitForAsync(m => m.To.Mailboxes.Any(b => b.Address == email))).Single();
    }

    private static string PathOf(string link) => new Uri(link).PathAndQuery;

    private static Dictionary<string, string> Open(string name, string password = "a fine long passphrase", string? confirm = null) =>
        new() { ["name"] = name, ["password"] = password, ["confirm"] = confirm ?? password };

    [Fact]
    public async Task A_lead_invites_an_editor_who_opens_the_account_once_and_edits_for_the_organization()
    {
        var t = await site.CreateTaxonomyAsync();
        var lead = await site.MemberClientAsync(t.Organization.Id, MembershipRole.Lead);
        var email = $"new-editor-{t.Some.Token}@example.org";

        var sent = await lead.PostFormAsync("/admin/accounts", "/admin/accounts?handler=Invite", Invite(email, InvitedRole.Editor, t.Organization.Id));
        sent.Headers.Location!.ToString().Should().Be("/admin/accounts?done=invited");
        var message = await MailToAsync(email);
        message.Subject.Should().Contain("invitation");
        message.TextBody.Should().Contain(t.Organization.Name);
        var link = InvitationLink().Match(message.TextBody ?? "").Value;
        link.Should().StartWith("http://localhost/account/invitation/");

        var invitee = NewClient();
        (await invitee.GetStringAsync(PathOf(link))).Should().Contain(email);
        var opened = await invitee.PostFormAsync(PathOf(link), PathOf(link), Open("Rosa Editor"));
        opened.Headers.Location!.ToString().Should().Be("/admin");
        (await invitee.GetAsync("/admin/resources/new")).StatusCode.Should().Be(HttpStatusCode.OK);

        var membership = await site.WithDbAsync(db => db.Memberships.AsNoTracking().SingleAsync(m => m.OrganizationId == t.Organization.Id && db.Users.Any(u => u.Id == m.UserId && u.Email == email)));
        membership.Role.Should().Be(MembershipRole.Editor);

        // The link works once: the page says so, and a post crafted with another page's token opens nothing.
        (await NewClient().GetStringAsync(PathOf(link))).Should().Contain("This invitation was already used.");
        var again = await NewClient().PostFormAsync("/account/signin", PathOf(link), Open("Someone Else"));
        (await again.Content.ReadAsStringAsync()).Should().Contain("This invitation was already used.");
        (await site.WithDbAsync(db => db.Users.CountAsync(u => u.Email == email)))
            .Should().Be(1);
        var actions = await site.WithDbAsync(db => db.AuditLog.AsNoTracking().Where(a => a.Summary.Contains(email) || a.ActorName == email).Select(a => a.Action).ToListAsync());
        actions.Should().Contain([AuditActions.InvitationSent, AuditActions.AccountCreated, AuditActions.InvitationAccepted, AuditActions.RoleGranted]);
    }

    [Fact]
    public async Task A_lead_cannot_invite_to_another_organization_or_a_site_role_and_the_attempt_is_audited()
    {
        var t = await site.CreateTaxonomyAsync();
        var lead = await site.MemberClientAsync(t.Organization.Id, MembershipRole.Lead);

        var other = await lead.PostFormAsync("/admin/accounts", "/admin/accounts?handler=Invite", Invite($"x-{t.Some.Token}@example.org", InvitedRole.Editor, t.OtherOrganization.Id));
        (await other.Content.ReadAsStringAsync()).Should().Contain("You cannot invite someone with this role.");
        var admin = await lead.PostFormAsync("/admin/accounts", "/admin/accounts?handler=Invite", Invite($"y-{t.Some.Token}@example.org", InvitedRole.Administrator, null));
        (await admin.Content.ReadAsStringAsync()).Should().Contain("You cannot invite someone with this role.");

        (await site.WithDbAsync(db => db.Invitations.CountAsync(i => i.Email.Contains(t.Some.Token)))).Should().Be(0);
        (await site.WithDbAsync(db => db.AuditLog.CountAsync(a => a.Action == AuditActions.InvitationRefused && a.Summary.Contains(t.Some.Token)))).Should().Be(2);
    }

    [Fact]
    public async Task Editors_who_are_not_leads_cannot_open_the_accounts_page()
    {
        var t = await site.CreateTaxonomyAsync();
        var editor = await site.MemberClientAsync(t.Organization.Id);
        (await editor.GetAsync("/admin/accounts")).Headers.Location!.ToString().Should().Contain("/account/denied");
    }

    [Fact]
    public async Task An_expired_or_withdrawn_invitation_opens_nothing()
    {
        var t = await site.CreateTaxonomyAsync();
        var admin = await site.AdministratorClientAsync();
        var late = $"late-{t.Some.Token}@example.org";
        var withdrawn = $"withdrawn-{t.Some.Token}@example.org";
        await admin.PostFormAsync("/admin/accounts", "/admin/accounts?handler=Invite", Invite(late, InvitedRole.Moderator, null));
        await admin.PostFormAsync("/admin/accounts", "/admin/accounts?handler=Invite", Invite(withdrawn, InvitedRole.Editor, t.Organization.Id));
        var lateLink = await LinkSentToAsync(late);
        var withdrawnLink = await LinkSentToAsync(withdrawn);

        var id = await site.WithDbAsync(db => db.Invitations.Where(i => i.Email == withdrawn).Select(i => i.Id).SingleAsync());
        await admin.PostFormAsync("/admin/accounts", "/admin/accounts?handler=Revoke", new Dictionary<string, string> { ["invitationId"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        site.Clock.Advance(Invitation.Lifetime + NodaTime.Duration.FromMinutes(1));

        (await NewClient().GetStringAsync(PathOf(lateLink))).Should().Contain("This invitation has expired.");
        (await NewClient().GetStringAsync(PathOf(withdrawnLink))).Should().Contain("This invitation was withdrawn.");
        (await (await NewClient().PostFormAsync("/account/signin", PathOf(lateLink), Open("Late"))).Content.ReadAsStringAsync()).Should().Contain("This invitation has expired.");
        (await (await NewClient().PostFormAsync("/account/signin", PathOf(withdrawnLink), Open("Gone"))).Content.ReadAsStringAsync()).Should().Contain("This invitation was withdrawn.");
        (await site.WithDbAsync(db => db.Users.CountAsync(u => u.Email == late || u.Email == withdrawn))).Should().Be(0);
        (await NewClient().GetStringAsync("/account/invitation/not-a-real-token")).Should().Contain("This invitation link is not valid.");
    }

    [Fact]
    public async Task A_second_account_for_an_address_is_refused()
    {
        var t = await site.CreateTaxonomyAsync();
        var existing = await site.CreateMemberAsync(t.Organization.Id);
        var admin = await site.AdministratorClientAsync();

        var response = await admin.PostFormAsync("/admin/accounts", "/admin/accounts?handler=Invite", Invite(existing, InvitedRole.Editor, t.OtherOrganization.Id));

        (await response.Content.ReadAsStringAsync()).Should().Contain("An account already uses this address.");
        (await site.WithDbAsync(db => db.Invitations.CountAsync(i => i.Email == existing))).Should().Be(0);
    }

    [Fact]
    public async Task A_weak_or_mismatched_password_keeps_the_invitation_open()
    {
        var t = await site.CreateTaxonomyAsync();
        var admin = await site.AdministratorClientAsync();
        var email = $"weak-{t.Some.Token}@example.org";
        await admin.PostFormAsync("/admin/accounts", "/admin/accounts?handler=Invite", Invite(email, InvitedRole.Editor, t.Organization.Id));
        var link = PathOf(await LinkSentToAsync(email));
        var client = NewClient();

        (await (await client.PostFormAsync(link, link, Open("Weak", "short"))).Content.ReadAsStringAsync()).Should().Contain("Use at least 12 characters");
        (await (await client.PostFormAsync(link, link, Open("Mismatch", "a fine long passphrase", "another long passphrase"))).Content.ReadAsStringAsync()).Should().Contain("The two passwords are not the same.");
        (await site.WithDbAsync(db => db.Users.CountAsync(u => u.Email == email))).Should().Be(0);

        (await client.PostFormAsync(link, link, Open("Finally"))).Headers.Location!.ToString().Should().Be("/admin");
    }

    [Fact]
    public async Task An_invited_administrator_must_set_up_two_factor_sign_in_first_and_a_spanish_invitation_is_in_spanish()
    {
        var admin = await site.AdministratorClientAsync();
        var email = $"admin-{Guid.NewGuid():N}@example.org";
        await admin.PostFormAsync("/admin/accounts", "/admin/accounts?handler=Invite", Invite(email, InvitedRole.Administrator, null, "es"));
        var message = await MailToAsync(email);
        message.Subject.Should().Contain("Su invitación");
        var link = InvitationLink().Match(message.TextBody ?? "").Value;
        link.Should().Contain("/es/account/invitation/");

        var invitee = NewClient();
        var opened = await invitee.PostFormAsync(PathOf(link), PathOf(link), Open("Nueva Admin"));
        opened.Headers.Location!.ToString().Should().Be("/es/admin");
        (await invitee.GetAsync("/es/admin")).Headers.Location!.ToString().Should().Be("/es/account/security?required=true");
    }

    [GeneratedRegex(@"http://\S+/account/invitation/\S+")]
    private static partial Regex InvitationLink();
}

public sealed class InvitationsOnSqlite(SqliteSiteWithSmtp site) : InvitationTests(site), IClassFixture<SqliteSiteWithSmtp>;

public sealed class InvitationsOnPostgres(PostgresSiteWithSmtp site) : InvitationTests(site), IClassFixture<PostgresSiteWithSmtp>;
