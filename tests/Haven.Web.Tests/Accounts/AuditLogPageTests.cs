using System.Net;
using AwesomeAssertions;
using Haven.Core.Accounts;
using Haven.Core.Audit;
using Haven.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Haven.Web.Tests.Accounts;

/// <summary>The audit log page: administrators read everything, a lead reads their organization's entries only,
/// editors nothing; entries are append-only. Both databases.</summary>
public abstract class AuditLogPageTests(HavenFactory site)
{
    [Fact]
    public async Task A_lead_reads_their_organizations_entries_and_no_one_elses()
    {
        var t = await site.CreateTaxonomyAsync();
        await site.SaveResourceAsync(t.Resource($"Ours {t.Some.Token}"));
        await site.SaveResourceAsync(t.Resource($"Theirs {t.Some.Token}") with { AuthorIds = [t.OtherOrganization.Id] });
        var lead = await site.MemberClientAsync(t.Organization.Id, MembershipRole.Lead);

        var page = await lead.GetDocumentAsync("/admin/audit");
        var text = page.QuerySelector("table.audit-log")!.TextContent;
        text.Should().Contain($"Ours {t.Some.Token}").And.NotContain($"Theirs {t.Some.Token}");

        (await lead.GetAsync($"/admin/audit?organization={t.OtherOrganization.Id}")).Headers.Location!.ToString().Should().Contain("/account/denied");
        (await lead.GetDocumentAsync("/admin")).QuerySelectorAll("a").Select(a => a.GetAttribute("href"))
            .Should().Contain($"/admin/audit?organization={t.Organization.Id}");
    }

    [Fact]
    public async Task An_editor_who_is_not_a_lead_cannot_read_the_log()
    {
        var t = await site.CreateTaxonomyAsync();
        var editor = await site.MemberClientAsync(t.Organization.Id);
        (await editor.GetAsync("/admin/audit")).Headers.Location!.ToString().Should().Contain("/account/denied");
    }

    [Fact]
    public async Task An_administrator_filters_the_whole_log_by_action_and_who()
    {
        var t = await site.CreateTaxonomyAsync();
        var admin = await site.AdministratorClientAsync();
        await site.SaveResourceAsync(t.Resource($"Filtered {t.Some.Token}"));
        var stranger = site.CreateClient();
        await stranger.PostFormAsync("/account/signin", "/account/signin", new Dictionary<string, string> { ["email"] = $"x-{t.Some.Token}@example.org", ["password"] = "nothing at all here" });

        var failures = await admin.GetDocumentAsync($"/admin/audit?action=account.sign_in_failed");
        failures.QuerySelectorAll("tr[data-action]").Should().OnlyContain(r => r.GetAttribute("data-action") == AuditActions.SignInFailed);
        failures.QuerySelector("table.audit-log")!.TextContent.Should().Contain($"x-{t.Some.Token}@example.org");

        var byWho = await admin.GetDocumentAsync("/admin/audit?actor=test&action=resource.");
        byWho.QuerySelector("table.audit-log")!.TextContent.Should().Contain($"Filtered {t.Some.Token}");
    }

    [Fact]
    public async Task Entries_cannot_be_changed_or_deleted()
    {
        var t = await site.CreateTaxonomyAsync();
        await site.SaveResourceAsync(t.Resource($"Kept {t.Some.Token}"));
        var change = () => site.WithDbAsync(async db =>
        {
            var entry = await db.AuditLog.FirstAsync(a => a.Summary.Contains(t.Some.Token));
            entry.Summary = "rewritten";
            return await db.SaveChangesAsync();
        });
        var delete = () => site.WithDbAsync(async db =>
        {
            db.AuditLog.Remove(await db.AuditLog.FirstAsync(a => a.Summary.Contains(t.Some.Token)));
            return await db.SaveChangesAsync();
        });

        await change.Should().ThrowAsync<InvalidOperationException>();
        await delete.Should().ThrowAsync<InvalidOperationException>();
        (await site.WithDbAsync(db => db.AuditLog.CountAsync(a => a.Summary.Contains(t.Some.Token)))).Should().Be(1);
    }
}

public sealed class AuditLogPageOnSqlite(SqliteSite site) : AuditLogPageTests(site), IClassFixture<SqliteSite>;

public sealed class AuditLogPageOnPostgres(PostgresSite site) : AuditLogPageTests(site), IClassFixture<PostgresSite>;
