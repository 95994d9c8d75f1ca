using System.Globalization;
using System.Net;
using AwesomeAssertions;
using Haven.Core.Accounts;
using Haven.Core.Audit;
using Haven.Core.Resources;
using Haven.TestSupport;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Haven.Web.Tests.Accounts;

/// <summary>Organizations' editors over HTTP: each manages its own organization's resources, co-authors see drafts,
/// crafted forms are refused and audited, and review holds publication for a second editor. Both databases.</summary>
public abstract class EditorPermissionTests(HavenFactory site)
{
    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    private static List<KeyValuePair<string, string>> Fields(string title, string action, int expectedRevision, params int[] authors)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("Form.ExpectedRevision", Id(expectedRevision)),
            new("Form.Title", title),
            new("Form.Type", "Toolkit"),
            new("Form.Language", "en"),
            new("Form.Summary", "A summary."),
            new("Form.Body", "Body text."),
            new("action", action),
        };
        for (var i = 0; i < authors.Length; i++) fields.Add(new($"Form.Authors[{i}]", Id(authors[i])));
        return fields;
    }

    private Task<Resource?> FindAsync(string title) =>
        site.WithDbAsync(db => db.Resources.AsNoTracking().FirstOrDefaultAsync(r => r.Title == title));

    private Task<List<AuditEntry>> AuditOfAsync(int resourceId) =>
        site.WithDbAsync(db => db.AuditLog.AsNoTracking().Where(a => a.SubjectType == "resource" && a.SubjectId == Id(resourceId)).OrderBy(a => a.Id).ToListAsync());

    [Fact]
    public async Task An_editor_creates_a_resource_for_their_organization_which_then_owns_it()
    {
        var t = await site.CreateTaxonomyAsync();
        var editor = await site.MemberClientAsync(t.Organization.Id);

        var response = await editor.PostFormAsync("/admin/resources/new", "/admin/resources/new",
            Fields($"Owned {t.Some.Token}", "publish", 0, t.Organization.Id, t.OtherOrganization.Id));

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var resource = await FindAsync($"Owned {t.Some.Token}");
        resource!.OwnerOrganizationId.Should().Be(t.Organization.Id);
        resource.Status.Should().Be(ResourceStatus.Published);
        var audit = await AuditOfAsync(resource.Id);
        audit.Should().ContainSingle(a => a.Action == AuditActions.ResourcePublished);
        audit[0].ActorName.Should().StartWith("editor-");
        audit[0].OrganizationId.Should().Be(t.Organization.Id);
        audit[0].After.Should().Contain($"Owned {t.Some.Token}");
    }

    [Fact]
    public async Task An_editor_updates_their_organizations_published_resource()
    {
        var t = await site.CreateTaxonomyAsync();
        var resource = await site.SaveResourceAsync(t.Resource($"Update me {t.Some.Token}"));
        var editor = await site.MemberClientAsync(t.Organization.Id);
        var edit = $"/admin/resources/{resource.Id}/edit";

        var response = await editor.PostFormAsync(edit, edit, Fields($"Updated {t.Some.Token}", "save", resource.Revision, t.Organization.Id));

        response.Headers.Location!.ToString().Should().Contain("saved=Save");
        var page = await editor.GetAsync(response.Headers.Location);
        page.StatusCode.Should().Be(HttpStatusCode.OK, await page.Content.ReadAsStringAsync());
        var after = await FindAsync($"Updated {t.Some.Token}");
        after!.Status.Should().Be(ResourceStatus.Published);
    }

    [Fact]
    public async Task An_editor_cannot_create_a_resource_owned_by_another_organization()
    {
        var t = await site.CreateTaxonomyAsync();
        var editor = await site.MemberClientAsync(t.Organization.Id);

        var response = await editor.PostFormAsync("/admin/resources/new", "/admin/resources/new",
            Fields($"Not mine {t.Some.Token}", "publish", 0, t.OtherOrganization.Id, t.Organization.Id));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("Credit your own organization first");
        (await FindAsync($"Not mine {t.Some.Token}")).Should().BeNull();
    }

    [Fact]
    public async Task Another_organizations_editor_is_refused_the_editor_and_a_crafted_post_changes_nothing_but_the_audit_log()
    {
        var t = await site.CreateTaxonomyAsync();
        var resource = await site.SaveResourceAsync(t.Resource($"Guarded {t.Some.Token}"));
        var outsider = await site.MemberClientAsync(t.OtherOrganization.Id);

        (await outsider.GetAsync($"/admin/resources/{resource.Id}/edit")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await outsider.GetAsync($"/admin/resources/{resource.Id}/revisions")).StatusCode.Should().Be(HttpStatusCode.Redirect);

        // The form page of a resource they may create stands in for the token a crafted post would carry.
        var response = await outsider.PostFormAsync("/admin/resources/new", $"/admin/resources/{resource.Id}/edit",
            Fields($"Hijacked {t.Some.Token}", "publish", resource.Revision, t.OtherOrganization.Id));

        (await response.Content.ReadAsStringAsync()).Should().Contain("Only editors of the organization this resource belongs to can change it.");
        var after = await FindAsync($"Guarded {t.Some.Token}");
        after!.Revision.Should().Be(resource.Revision);
        (await AuditOfAsync(resource.Id)).Should().Contain(a => a.Action == AuditActions.ResourceEditRefused && a.ActorName.StartsWith("editor-"));
    }

    [Fact]
    public async Task Denied_pages_say_so_with_403()
    {
        var t = await site.CreateTaxonomyAsync();
        var resource = await site.SaveResourceAsync(t.Resource($"Denied {t.Some.Token}"));
        var outsider = await site.MemberClientAsync(t.OtherOrganization.Id);

        var redirect = await outsider.GetAsync($"/admin/resources/{resource.Id}/edit");
        redirect.Headers.Location!.ToString().Should().Contain("/account/denied");
        (await outsider.GetAsync(redirect.Headers.Location)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_file_upload_to_another_organizations_resource_is_refused_and_audited()
    {
        var t = await site.CreateTaxonomyAsync();
        var resource = await site.SaveResourceAsync(t.Resource($"Files {t.Some.Token}"));
        var outsider = await site.MemberClientAsync(t.OtherOrganization.Id);
        var page = await outsider.GetStringAsync("/admin/resources/new");
        var token = System.Net.WebUtility.HtmlDecode(TestAccounts.AntiforgeryToken().Match(page).Groups[1].Value);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent("%PDF-1.4 not really"u8.ToArray()), "file", "x.pdf" },
        };

        var response = await outsider.PostAsync($"/admin/resources/{resource.Id}/edit?handler=upload", form);

        response.StatusCode.Should().NotBe(HttpStatusCode.Redirect);
        (await site.WithDbAsync(db => db.ResourceAttachments.CountAsync(a => a.ResourceId == resource.Id))).Should().Be(0);
        (await AuditOfAsync(resource.Id)).Should().Contain(a => a.Action == AuditActions.ResourceEditRefused);
    }

    [Fact]
    public async Task Co_authors_see_the_draft_readers_do_not_and_the_workspace_lists_only_ones_own()
    {
        var t = await site.CreateTaxonomyAsync();
        var draft = await site.SaveResourceAsync(t.Resource($"Shared draft {t.Some.Token}") with { AuthorIds = [t.Organization.Id, t.OtherOrganization.Id] }, SaveAction.SaveDraft);
        var soloDraft = await site.SaveResourceAsync(t.Resource($"Solo draft {t.Some.Token}"), SaveAction.SaveDraft);
        var coAuthor = await site.MemberClientAsync(t.OtherOrganization.Id);
        var reader = site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        (await coAuthor.GetAsync($"/resources/{draft.Slug}")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await coAuthor.GetAsync($"/resources/{soloDraft.Slug}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await reader.GetAsync($"/resources/{draft.Slug}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        // Opening the co-authored draft for editing leads to reading it.
        var edit = await coAuthor.GetAsync($"/admin/resources/{draft.Id}/edit");
        edit.Headers.Location!.ToString().Should().EndWith($"/resources/{draft.Slug}");

        var list = await coAuthor.GetStringAsync($"/admin/resources?title={t.Some.Token}");
        list.Should().Contain($"Shared draft {t.Some.Token}").And.NotContain($"Solo draft {t.Some.Token}");
    }

    [Fact]
    public async Task With_review_an_editors_publication_waits_for_another_editor()
    {
        var t = await site.CreateTaxonomyAsync();
        await site.WithDbAsync(async db =>
        {
            var organization = await db.Organizations.SingleAsync(o => o.Id == t.Organization.Id);
            organization.RequiresReview = true;
            return await db.SaveChangesAsync();
        });
        var author = await site.MemberClientAsync(t.Organization.Id);
        var reviewer = await site.MemberClientAsync(t.Organization.Id);
        var title = $"Reviewed {t.Some.Token}";

        var submitted = await author.PostFormAsync("/admin/resources/new", "/admin/resources/new", Fields(title, "publish", 0, t.Organization.Id));
        submitted.Headers.Location!.ToString().Should().Contain("saved=Review");
        var resource = await FindAsync(title);
        resource!.Status.Should().Be(ResourceStatus.InReview);
        (await site.CreateClient().GetAsync($"/resources/{resource.Slug}")).StatusCode.Should().Be(HttpStatusCode.NotFound);

        // The one who asked cannot approve their own publication...
        var edit = $"/admin/resources/{resource.Id}/edit";
        await author.PostFormAsync(edit, edit, Fields(title, "publish", resource.Revision, t.Organization.Id));
        resource = await FindAsync(title);
        resource!.Status.Should().Be(ResourceStatus.InReview);

        // ...another editor of the organization can.
        var approved = await reviewer.PostFormAsync(edit, edit, Fields(title, "publish", resource.Revision, t.Organization.Id));
        approved.Headers.Location!.ToString().Should().Contain("saved=Publish");
        (await FindAsync(title))!.Status.Should().Be(ResourceStatus.Published);
        (await AuditOfAsync(resource.Id)).Select(a => a.Action).Should().Equal(
            AuditActions.ResourceReviewRequested, AuditActions.ResourceReviewRequested, AuditActions.ResourcePublished);
    }

    private Task RequireReviewAsync(int organizationId) => site.WithDbAsync(async db =>
    {
        var organization = await db.Organizations.SingleAsync(o => o.Id == organizationId);
        organization.RequiresReview = true;
        return await db.SaveChangesAsync();
    });

    [Fact]
    public async Task With_review_a_change_to_a_published_resource_waits_while_readers_keep_the_published_version()
    {
        var t = await site.CreateTaxonomyAsync();
        var published = await site.SaveResourceAsync(t.Resource($"Live {t.Some.Token}"));
        await RequireReviewAsync(t.Organization.Id);
        var author = await site.MemberClientAsync(t.Organization.Id);
        var reviewer = await site.MemberClientAsync(t.Organization.Id);
        var edit = $"/admin/resources/{published.Id}/edit";

        var proposed = await author.PostFormAsync(edit, edit, Fields($"Live, revised {t.Some.Token}", "save", published.Revision, t.Organization.Id));
        proposed.Headers.Location!.ToString().Should().Contain("saved=Proposed");
        (await site.CreateClient().GetStringAsync($"/resources/{published.Slug}")).Should().Contain($"Live {t.Some.Token}").And.NotContain("revised");
        var waiting = await site.WithDbAsync(db => db.Resources.AsNoTracking().SingleAsync(r => r.Id == published.Id));
        waiting.ProposedRevision.Should().NotBeNull();
        waiting.Title.Should().Be($"Live {t.Some.Token}");

        // The one who proposed sees no approval button, and a crafted approval changes nothing.
        (await author.GetDocumentAsync(edit)).QuerySelector(".proposal button").Should().BeNull();
        var crafted = await author.PostFormAsync(edit, $"{edit}?handler=ApproveProposal", new Dictionary<string, string>());
        (await crafted.Content.ReadAsStringAsync()).Should().Contain("Another editor of the organization must approve this change.");
        (await site.WithDbAsync(db => db.Resources.AsNoTracking().SingleAsync(r => r.Id == published.Id))).Title.Should().Be($"Live {t.Some.Token}");

        // Another editor approves it exactly as proposed.
        (await reviewer.GetDocumentAsync(edit)).QuerySelectorAll(".proposal button").Should().HaveCount(2);
        var approved = await reviewer.PostFormAsync(edit, $"{edit}?handler=ApproveProposal", new Dictionary<string, string>());
        approved.Headers.Location!.ToString().Should().Contain("saved=Approved");
        var after = await site.WithDbAsync(db => db.Resources.AsNoTracking().SingleAsync(r => r.Id == published.Id));
        after.Title.Should().Be($"Live, revised {t.Some.Token}");
        after.ProposedRevision.Should().BeNull();
        after.Status.Should().Be(ResourceStatus.Published);
        (await site.CreateClient().GetStringAsync($"/resources/{after.Slug}")).Should().Contain($"Live, revised {t.Some.Token}");
    }

    [Fact]
    public async Task A_rejected_proposal_leaves_the_resource_as_it_was_and_taking_it_offline_needs_no_review()
    {
        var t = await site.CreateTaxonomyAsync();
        var published = await site.SaveResourceAsync(t.Resource($"Steady {t.Some.Token}"));
        await RequireReviewAsync(t.Organization.Id);
        var author = await site.MemberClientAsync(t.Organization.Id);
        var reviewer = await site.MemberClientAsync(t.Organization.Id);
        var edit = $"/admin/resources/{published.Id}/edit";
        await author.PostFormAsync(edit, edit, Fields($"Unwanted {t.Some.Token}", "publish", published.Revision, t.Organization.Id));

        var rejected = await reviewer.PostFormAsync(edit, $"{edit}?handler=RejectProposal", new Dictionary<string, string>());
        rejected.Headers.Location!.ToString().Should().Contain("saved=Rejected");
        var after = await site.WithDbAsync(db => db.Resources.AsNoTracking().SingleAsync(r => r.Id == published.Id));
        after.Title.Should().Be($"Steady {t.Some.Token}");
        after.ProposedRevision.Should().BeNull();

        var offline = await author.PostFormAsync(edit, edit, Fields($"Steady {t.Some.Token}", "unpublish", after.Revision, t.Organization.Id));
        offline.Headers.Location!.ToString().Should().Contain("saved=Unpublish");
        (await site.WithDbAsync(db => db.Resources.AsNoTracking().SingleAsync(r => r.Id == published.Id))).Status.Should().Be(ResourceStatus.Draft);
    }
}

public sealed class EditorPermissionsOnSqlite(SqliteSite site) : EditorPermissionTests(site), IClassFixture<SqliteSite>;

public sealed class EditorPermissionsOnPostgres(PostgresSite site) : EditorPermissionTests(site), IClassFixture<PostgresSite>;
