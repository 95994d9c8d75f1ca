using System.Net;
using System.Net.Http.Headers;
using AwesomeAssertions;
using Haven.Core.Data;
using Haven.Core.Resources;
using Haven.TestSupport;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Haven.Web.Tests.Admin;

/// <summary>The administrator's editor over HTTP, with the antiforgery token as a browser sends it. Runs on both databases.</summary>
public abstract class ResourceEditorTests(HavenFactory site)
{
    private static List<KeyValuePair<string, string>> Fields(TestTaxonomy t, string title, string action, int expectedRevision = 0, string body = "Body text.") =>
    [
        new("Form.ExpectedRevision", expectedRevision.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("Form.Title", title),
        new("Form.Type", "Toolkit"),
        new("Form.Language", "en"),
        new("Form.Summary", "A summary."),
        new("Form.Body", body),
        new("Form.PublishedOn", "2024-02-03"),
        new("Form.Authors[0]", t.Organization.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("Form.Authors[1]", t.OtherOrganization.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("Form.Topics", t.Topic.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("Form.Links", "https://example.org/statute The statute"),
        new("action", action),
    ];

    private async Task<Resource?> FindAsync(string title) =>
        await site.WithDbAsync(db => db.Resources.AsNoTracking().Include(r => r.Authors).FirstOrDefaultAsync(r => r.Title == title));

    [Theory]
    [InlineData("/admin")]
    [InlineData("/admin/resources")]
    [InlineData("/admin/resources/new")]
    [InlineData("/es/admin/resources")]
    public async Task Readers_who_are_not_signed_in_are_sent_to_sign_in(string url)
    {
        var client = site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.GetAsync(url);
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().Should().Contain("/account/signin");
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_a_message()
    {
        var email = await site.CreateAdministratorAsync();
        var client = site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.PostFormAsync("/account/signin", "/account/signin", new Dictionary<string, string> { ["email"] = email, ["password"] = "wrong password!!" });
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        Html.Parse(await response.Content.ReadAsStringAsync()).QuerySelector(".problems").Should().NotBeNull();
        (await client.GetAsync("/admin")).StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task Sign_in_never_redirects_to_another_site()
    {
        var email = await site.CreateAdministratorAsync();
        var client = site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.PostFormAsync("/account/signin", "/account/signin",
            new Dictionary<string, string> { ["email"] = email, ["password"] = TestAccounts.Password, ["returnUrl"] = "https://evil.example/" });
        var codePage = response.Headers.Location!.ToString();
        codePage.Should().StartWith("/account/signin/code").And.NotContain("evil");

        response = await client.PostFormAsync(codePage, codePage,
            new Dictionary<string, string> { ["code"] = await site.AuthenticatorCodeAsync(email), ["returnUrl"] = "//evil.example/" });
        response.Headers.Location!.ToString().Should().Be("/admin");
    }

    [Fact]
    public async Task An_administrator_publishes_a_resource_that_readers_then_find()
    {
        var t = await site.CreateTaxonomyAsync();
        var admin = await site.AdministratorClientAsync();
        var title = $"Toolkit for courts {t.Some.Token}";

        var response = await admin.PostFormAsync("/admin/resources/new", "/admin/resources/new", Fields(t, title, "publish"));

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var saved = (await FindAsync(title))!;
        saved.Status.Should().Be(ResourceStatus.Published);
        saved.Authors.OrderBy(a => a.Position).Select(a => a.OrganizationId).Should().Equal(t.Organization.Id, t.OtherOrganization.Id);
        var reader = site.CreateClient();
        (await reader.GetDocumentAsync($"/resources?q={t.Some.Token}")).ResultTitles().Should().Equal(title);
    }

    [Fact]
    public async Task A_form_with_problems_keeps_everything_typed_and_saves_nothing()
    {
        var t = await site.CreateTaxonomyAsync();
        var admin = await site.AdministratorClientAsync();
        var fields = Fields(t, "", "publish", body: $"My long careful body {t.Some.Token}");
        fields.RemoveAll(f => f.Key is "Form.PublishedOn" or "Form.Links");
        fields.Add(new("Form.PublishedOn", "31/12/2024"));
        fields.Add(new("Form.Links", "not a link"));

        var response = await admin.PostFormAsync("/admin/resources/new", "/admin/resources/new", fields);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var page = Html.Parse(await response.Content.ReadAsStringAsync());
        page.QuerySelectorAll(".problems li").Select(li => li.TextContent.Trim()).Should()
            .Contain("Enter a title.").And.Contain("Enter a date like 2024-03-31.").And.Contain("Line 1 does not start with a web address (https://...).");
        page.QuerySelector("#Body")!.TextContent.Should().Be($"My long careful body {t.Some.Token}");
        page.QuerySelector("#PublishedOn")!.GetAttribute("value").Should().Be("31/12/2024");
        page.QuerySelector("#Links")!.TextContent.Should().Be("not a link");
        (await site.WithDbAsync(db => db.Resources.AnyAsync(r => r.BodyMarkdown.Contains(t.Some.Token)))).Should().BeFalse();
    }

    [Fact]
    public async Task A_save_over_someone_elses_newer_save_is_refused_without_losing_the_form()
    {
        var t = await site.CreateTaxonomyAsync();
        var resource = await site.SaveResourceAsync(t.Resource($"Shared {t.Some.Token}"));
        // Someone else saves first: the resource moves to revision 2.
        await site.SaveResourceAsync(t.Resource($"Shared {t.Some.Token}", "Their change."), SaveAction.Save, resource.Id, resource.Revision);

        var admin = await site.AdministratorClientAsync();
        var url = $"/admin/resources/{resource.Id}/edit";
        var response = await admin.PostFormAsync(url, url, Fields(t, $"Shared {t.Some.Token}", "save", expectedRevision: resource.Revision, body: "My change."));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var page = Html.Parse(await response.Content.ReadAsStringAsync());
        page.QuerySelector(".problems")!.TextContent.Should().Contain("Someone else saved this resource");
        page.QuerySelector("#Body")!.TextContent.Should().Be("My change.");
        (await FindAsync($"Shared {t.Some.Token}"))!.BodyMarkdown.Should().Be("Their change.");
    }

    [Fact]
    public async Task A_scheduled_resource_goes_public_when_its_time_comes()
    {
        var t = await site.CreateTaxonomyAsync();
        var admin = await site.AdministratorClientAsync();
        var title = $"Embargoed report {t.Some.Token}";
        var zone = DateTimeZoneProviders.Tzdb["America/New_York"];
        var at = site.Clock.GetCurrentInstant().Plus(Duration.FromHours(3)).InZone(zone).LocalDateTime;
        var fields = Fields(t, title, "schedule");
        fields.Add(new("Form.PublishAt", at.ToString("uuuu-MM-dd'T'HH:mm", null)));

        (await admin.PostFormAsync("/admin/resources/new", "/admin/resources/new", fields)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var saved = (await FindAsync(title))!;
        saved.Status.Should().Be(ResourceStatus.Scheduled);
        var reader = site.CreateClient();
        (await reader.GetAsync($"/resources/{saved.Slug}")).StatusCode.Should().Be(HttpStatusCode.NotFound);

        site.Clock.Advance(Duration.FromHours(4));
        await using (var scope = site.Scope())
            await scope.ServiceProvider.GetRequiredService<PublishDueResources>().RunAsync();

        (await reader.GetAsync($"/resources/{saved.Slug}")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await reader.GetDocumentAsync($"/resources?q={t.Some.Token}")).ResultTitles().Should().Equal(title);
    }

    [Fact]
    public async Task Scheduling_in_the_past_is_refused()
    {
        var t = await site.CreateTaxonomyAsync();
        var admin = await site.AdministratorClientAsync();
        var fields = Fields(t, $"Too late {t.Some.Token}", "schedule");
        fields.Add(new("Form.PublishAt", "2001-01-01T09:00"));
        var response = await admin.PostFormAsync("/admin/resources/new", "/admin/resources/new", fields);
        (await response.Content.ReadAsStringAsync()).Should().Contain("The publication time must be in the future.");
        (await FindAsync($"Too late {t.Some.Token}")).Should().BeNull();
    }

    [Fact]
    public async Task History_shows_what_changed_and_an_old_revision_can_be_brought_back()
    {
        var t = await site.CreateTaxonomyAsync();
        var resource = await site.SaveResourceAsync(t.Resource($"Evolving {t.Some.Token}", "First wording of the advice."));
        var second = await site.SaveResourceAsync(t.Resource($"Evolving {t.Some.Token}", "Second wording of the advice."), SaveAction.Save, resource.Id, resource.Revision);
        var admin = await site.AdministratorClientAsync();

        var history = await admin.GetDocumentAsync($"/admin/resources/{resource.Id}/revisions");
        history.QuerySelectorAll(".revisions li").Should().HaveCount(2);
        history.QuerySelector(".diff .del")!.TextContent.Should().Contain("First wording");
        history.QuerySelector(".diff .ins")!.TextContent.Should().Contain("Second wording");

        var restore = history.QuerySelector("a[href*='fromRevision']");
        restore.Should().BeNull("the newest revision is the current one");
        var older = await admin.GetDocumentAsync($"/admin/resources/{resource.Id}/revisions?number=1");
        var restoreLink = older.QuerySelector("a[href*='fromRevision=1']")!.GetAttribute("href")!;
        var form = await admin.GetDocumentAsync(restoreLink);
        form.QuerySelector("#Body")!.TextContent.Should().Be("First wording of the advice.");
        form.QuerySelector("input[name='Form.ExpectedRevision']")!.GetAttribute("value").Should().Be(second.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture));
        (await FindAsync($"Evolving {t.Some.Token}"))!.BodyMarkdown.Should().Be("Second wording of the advice.", "restoring only fills the form");
    }

    [Fact]
    public async Task A_resource_cannot_supersede_one_that_already_replaces_it()
    {
        var t = await site.CreateTaxonomyAsync();
        var older = await site.SaveResourceAsync(t.Resource($"Older {t.Some.Token}"));
        var newer = await site.SaveResourceAsync(t.Resource($"Newer {t.Some.Token}") with { SupersedesId = older.Id });
        var admin = await site.AdministratorClientAsync();
        var url = $"/admin/resources/{older.Id}/edit";
        var fields = Fields(t, $"Older {t.Some.Token}", "save", older.Revision);
        fields.Add(new("Form.SupersedesSlug", newer.Slug));

        var response = await admin.PostFormAsync(url, url, fields);

        (await response.Content.ReadAsStringAsync()).Should().Contain("That would make a loop");
    }

    [Fact]
    public async Task Uploads_are_checked_by_content_and_their_text_becomes_searchable()
    {
        var t = await site.CreateTaxonomyAsync();
        var resource = await site.SaveResourceAsync(t.Resource($"Upload target {t.Some.Token}"));
        var admin = await site.AdministratorClientAsync();
        var url = $"/admin/resources/{resource.Id}/edit";

        async Task<HttpResponseMessage> UploadAsync(string name, byte[] bytes)
        {
            var page = await admin.GetStringAsync(url);
            var token = System.Net.WebUtility.HtmlDecode(TestAccounts.AntiforgeryToken().Match(page).Groups[1].Value);
            var content = new MultipartFormDataContent
            {
                { new StringContent(token), "__RequestVerificationToken" },
            };
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            content.Add(file, "file", name);
            return await admin.PostAsync(url + "?handler=Upload", content);
        }

        var fake = await UploadAsync("evil.pdf", "<html><script>alert(1)</script></html>"u8.ToArray());
        fake.StatusCode.Should().Be(HttpStatusCode.OK);
        (await fake.Content.ReadAsStringAsync()).Should().Contain("Only PDF and Word (.docx) files can be attached.");

        var pdf = Haven.Web.Demo.DemoPdf.Render("Guide", [$"The marmoreal{t.Some.Token} checklist for intake."]);
        (await UploadAsync("intake.pdf", pdf)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await site.CreateClient().GetDocumentAsync($"/resources?q=marmoreal{t.Some.Token}")).ResultTitles().Should().Equal($"Upload target {t.Some.Token}");
    }
}

public sealed class ResourceEditorOnSqlite(SqliteSite site) : ResourceEditorTests(site), IClassFixture<SqliteSite>;

public sealed class ResourceEditorOnPostgres(PostgresSite site) : ResourceEditorTests(site), IClassFixture<PostgresSite>;
