using System.Net;
using AwesomeAssertions;
using Haven.Core.Files;
using Haven.Core.Organizations;
using Haven.TestSupport;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Haven.Web.Tests.Admin;

/// <summary>The administrator's organization editor over HTTP, logo uploads included, and the public page it feeds.
/// Runs on both databases.</summary>
public abstract class OrganizationEditorTests(HavenFactory site)
{
    private static List<KeyValuePair<string, string>> Fields(string name, string slug = "", string website = "https://defenders.example.org",
        string email = "intake@defenders.example.org", string description = "Public defenders on immigration consequences.", string shortName = "DC") =>
    [
        new("Form.Name", name),
        new("Form.ShortName", shortName),
        new("Form.Slug", slug),
        new("Form.Website", website),
        new("Form.ContactEmail", email),
        new("Form.Description", description),
    ];

    private static UploadedFile Logo(string fileName, string contentType, byte[] bytes) => new("Form.Logo", fileName, contentType, bytes);

    private async Task<Organization?> FindAsync(string name) =>
        await site.WithDbAsync(db => db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Name == name));

    private async Task<Organization> CreateAsync(HttpClient admin, string name, params UploadedFile[] files)
    {
        var response = await admin.PostMultipartFormAsync("/admin/organizations/new", "/admin/organizations/new", Fields(name), files);
        response.StatusCode.Should().Be(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        return (await FindAsync(name))!;
    }

    private string[] StoredLogos()
    {
        var root = ((DiskFileStore)site.Services.GetRequiredService<IFileStore>()).Root;
        var folder = Path.Combine(root, SaveOrganization.LogoFolder);
        return Directory.Exists(folder) ? Directory.GetFiles(folder) : [];
    }

    [Theory]
    [InlineData("/admin/organizations")]
    [InlineData("/admin/organizations/new")]
    [InlineData("/admin/organizations/1/edit")]
    [InlineData("/es/admin/organizations")]
    [InlineData("/admin/people")]
    [InlineData("/admin/people/new")]
    [InlineData("/admin/people/1/edit")]
    [InlineData("/es/admin/people/new")]
    public async Task Readers_who_are_not_signed_in_are_sent_to_sign_in(string url)
    {
        var client = site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.GetAsync(url);
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().Should().Contain("/account/signin");
    }

    [Fact]
    public async Task A_post_from_someone_not_signed_in_changes_nothing()
    {
        var some = new Some();
        var client = site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.PostAsync("/admin/organizations/new", new FormUrlEncodedContent(Fields($"Intruders {some.Token}")));
        response.StatusCode.Should().BeOneOf(HttpStatusCode.Redirect, HttpStatusCode.BadRequest);
        (await FindAsync($"Intruders {some.Token}")).Should().BeNull();
    }

    [Fact]
    public async Task The_admin_home_links_the_organization_and_people_pages()
    {
        var admin = await site.AdministratorClientAsync();
        var links = (await admin.GetDocumentAsync("/admin")).QuerySelectorAll("main a").Select(a => a.GetAttribute("href")).ToList();
        links.Should().Contain(["/admin/organizations", "/admin/organizations/new", "/admin/people", "/admin/people/new"]);
    }

    [Fact]
    public async Task An_organization_created_with_a_logo_shows_it_on_its_public_page()
    {
        var some = new Some();
        var admin = await site.AdministratorClientAsync();
        var name = $"Defenders Collective {some.Token}";
        var png = TestImages.Png();
        var fields = Fields(name);
        fields.Add(new("Form.RequiresReview", "true"));

        var response = await admin.PostMultipartFormAsync("/admin/organizations/new", "/admin/organizations/new", fields, Logo("logo.png", "image/png", png));

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var saved = (await FindAsync(name))!;
        response.Headers.Location!.ToString().Should().Be($"/admin/organizations/{saved.Id}/edit?saved=true");
        saved.Slug.Should().Be($"defenders-collective-{some.Token}", "an empty address is made from the name");
        saved.RequiresReview.Should().BeTrue();
        saved.LogoContentType.Should().Be(ImageRules.Png);
        var audit = await site.WithDbAsync(db => db.AuditLog.AsNoTracking().SingleAsync(a => a.Action == Haven.Core.Audit.AuditActions.OrganizationSaved && a.OrganizationId == saved.Id));
        audit.Before.Should().BeNull();
        audit.After.Should().Contain(name).And.Contain("\"RequiresReview\":true");
        audit.ActorName.Should().StartWith("admin-");

        var page = await site.CreateClient().GetDocumentAsync($"/organizations/{saved.Slug}");
        page.QuerySelector("h1")!.TextContent.Should().Be(name);
        var logo = page.QuerySelector("img.org-logo")!;
        logo.GetAttribute("alt").Should().Be($"{name} logo");
        page.QuerySelector(".org-description")!.TextContent.Should().Be("Public defenders on immigration consequences.");
        page.QuerySelector(".org-website a")!.GetAttribute("href").Should().Be("https://defenders.example.org");
        page.QuerySelector(".org-email a")!.GetAttribute("href").Should().Be("mailto:intake@defenders.example.org");

        var image = await site.CreateClient().GetAsync(logo.GetAttribute("src"));
        image.StatusCode.Should().Be(HttpStatusCode.OK);
        image.Content.Headers.ContentType!.MediaType.Should().Be("image/png");
        image.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
        image.Headers.GetValues("Content-Security-Policy").Single().Should().Contain("default-src 'none'").And.Contain("sandbox");
        image.Headers.CacheControl!.Public.Should().BeTrue();
        image.Headers.CacheControl.MaxAge.Should().BeGreaterThanOrEqualTo(TimeSpan.FromDays(365));
        (await image.Content.ReadAsByteArrayAsync()).Should().Equal(png);
    }

    [Fact]
    public async Task The_editor_offers_every_field_with_a_label()
    {
        var admin = await site.AdministratorClientAsync();
        var form = await admin.GetDocumentAsync("/admin/organizations/new");
        foreach (var id in new[] { "Name", "ShortName", "Slug", "Website", "ContactEmail", "Description", "Logo" })
            form.QuerySelector($"label[for={id}]").Should().NotBeNull(id);
        form.QuerySelector("form.editor")!.GetAttribute("enctype").Should().Be("multipart/form-data");
        form.QuerySelector("#RequiresReview")!.ParentElement!.TextContent.Trim()
            .Should().Be("An editor's publication must be approved by another editor of this organization");
    }

    [Fact]
    public async Task A_new_logo_replaces_the_old_one_whose_address_then_answers_404()
    {
        var some = new Some();
        var admin = await site.AdministratorClientAsync();
        var created = await CreateAsync(admin, $"Replacing {some.Token}", Logo("first.png", "image/png", TestImages.Png()));
        var oldUrl = $"/files/logos/{created.Id}/{Path.GetFileName(created.LogoKey)}";
        var url = $"/admin/organizations/{created.Id}/edit";

        var response = await admin.PostMultipartFormAsync(url, url, Fields($"Replacing {some.Token}"), Logo("second.webp", "image/webp", TestImages.WebP()));

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var updated = (await FindAsync($"Replacing {some.Token}"))!;
        updated.LogoKey.Should().NotBe(created.LogoKey);
        updated.LogoContentType.Should().Be(ImageRules.WebP);
        var reader = site.CreateClient();
        (await reader.GetAsync(oldUrl)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var newUrl = (await reader.GetDocumentAsync($"/organizations/{updated.Slug}")).QuerySelector("img.org-logo")!.GetAttribute("src");
        var image = await reader.GetAsync(newUrl);
        image.Content.Headers.ContentType!.MediaType.Should().Be("image/webp");
        site.Services.GetRequiredService<IFileStore>().OpenRead(created.LogoKey!).Should().BeNull("the replaced file is deleted");
    }

    [Fact]
    public async Task A_logo_can_be_removed()
    {
        var some = new Some();
        var admin = await site.AdministratorClientAsync();
        var created = await CreateAsync(admin, $"Removing {some.Token}", Logo("logo.png", "image/png", TestImages.Png()));
        var url = $"/admin/organizations/{created.Id}/edit";
        var fields = Fields($"Removing {some.Token}");
        fields.Add(new("Form.RemoveLogo", "true"));

        (await admin.PostMultipartFormAsync(url, url, fields)).StatusCode.Should().Be(HttpStatusCode.Redirect);

        (await FindAsync($"Removing {some.Token}"))!.LogoKey.Should().BeNull();
        var reader = site.CreateClient();
        (await reader.GetDocumentAsync($"/organizations/{created.Slug}")).QuerySelector("img.org-logo").Should().BeNull();
        (await reader.GetAsync($"/files/logos/{created.Id}/{Path.GetFileName(created.LogoKey)}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        site.Services.GetRequiredService<IFileStore>().OpenRead(created.LogoKey!).Should().BeNull();
    }

    [Theory]
    [InlineData("text named .png", "Only PNG, JPEG and WebP images can be used.")]
    [InlineData("gif", "Only PNG, JPEG and WebP images can be used.")]
    [InlineData("svg", "Only PNG, JPEG and WebP images can be used.")]
    [InlineData("png of 1.1 MB", "The image is larger than 1 MB: make it smaller and upload it again.")]
    public async Task A_logo_that_is_not_a_small_png_jpeg_or_webp_is_refused_and_nothing_changes(string kind, string message)
    {
        var some = new Some();
        var admin = await site.AdministratorClientAsync();
        var original = TestImages.Png();
        var created = await CreateAsync(admin, $"Careful {some.Token}", Logo("logo.png", "image/png", original));
        var filesBefore = StoredLogos();
        var file = kind switch
        {
            "text named .png" => Logo("logo.png", "image/png", TestImages.Text()),
            "gif" => Logo("logo.gif", "image/gif", TestImages.Gif()),
            "svg" => Logo("logo.svg", "image/svg+xml", TestImages.Svg()),
            _ => Logo("big.png", "image/png", TestImages.LargePng()),
        };
        file.Bytes.Length.Should().BeLessThan(2 * 1024 * 1024);
        var url = $"/admin/organizations/{created.Id}/edit";

        var response = await admin.PostMultipartFormAsync(url, url, Fields($"Careful {some.Token}", description: $"A new description {some.Token}"), file);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var page = Html.Parse(await response.Content.ReadAsStringAsync());
        page.QuerySelector("#Logo-error")!.TextContent.Trim().Should().Be(message);
        page.QuerySelector("#Logo")!.GetAttribute("aria-invalid").Should().Be("true");
        page.QuerySelector(".problems a[href='#Logo']").Should().NotBeNull();
        page.QuerySelector("#Description")!.TextContent.Should().Be($"A new description {some.Token}", "the form keeps what was typed");
        var unchanged = (await FindAsync($"Careful {some.Token}"))!;
        unchanged.Description.Should().Be("Public defenders on immigration consequences.");
        unchanged.LogoKey.Should().Be(created.LogoKey);
        StoredLogos().Should().BeEquivalentTo(filesBefore, "a refused image is never stored");
        var served = await site.CreateClient().GetAsync($"/files/logos/{created.Id}/{Path.GetFileName(created.LogoKey)}");
        (await served.Content.ReadAsByteArrayAsync()).Should().Equal(original);
    }

    [Fact]
    public async Task A_new_organization_with_a_refused_logo_is_not_created()
    {
        var some = new Some();
        var admin = await site.AdministratorClientAsync();
        var filesBefore = StoredLogos();

        var response = await admin.PostMultipartFormAsync("/admin/organizations/new", "/admin/organizations/new",
            Fields($"Refused {some.Token}"), Logo("logo.svg", "image/svg+xml", TestImages.Svg()));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var page = Html.Parse(await response.Content.ReadAsStringAsync());
        page.QuerySelector("#Name")!.GetAttribute("value").Should().Be($"Refused {some.Token}");
        (await FindAsync($"Refused {some.Token}")).Should().BeNull();
        StoredLogos().Should().BeEquivalentTo(filesBefore);
    }

    [Fact]
    public async Task A_logo_chosen_with_another_problem_is_not_stored_and_the_editor_is_told_to_choose_it_again()
    {
        var some = new Some();
        var admin = await site.AdministratorClientAsync();
        var filesBefore = StoredLogos();

        var response = await admin.PostMultipartFormAsync("/admin/organizations/new", "/admin/organizations/new",
            Fields($"Almost {some.Token}", email: "nobody"), Logo("logo.png", "image/png", TestImages.Png()));

        var page = Html.Parse(await response.Content.ReadAsStringAsync());
        page.QuerySelector("#ContactEmail-error").Should().NotBeNull();
        page.QuerySelector("#Logo")!.ParentElement!.TextContent.Should().Contain("choose it again");
        StoredLogos().Should().BeEquivalentTo(filesBefore);
    }

    [Fact]
    public async Task Script_in_every_text_field_is_shown_as_text()
    {
        var some = new Some();
        var admin = await site.AdministratorClientAsync();
        var name = $"<script>alert('name')</script> {some.Token}";
        var shortName = "<b onmouseover=alert(1)>S</b>";
        var description = "</p><img src=x onerror=alert('description')><script>alert(2)</script>";
        var website = "https://example.org/?q=\"><script>alert('website')</script>";

        var created = await admin.PostMultipartFormAsync("/admin/organizations/new", "/admin/organizations/new",
            Fields(name, website: website, description: description, shortName: shortName));
        created.StatusCode.Should().Be(HttpStatusCode.Redirect, await created.Content.ReadAsStringAsync());
        var saved = (await FindAsync(name))!;

        var reader = site.CreateClient();
        foreach (var (client, url) in new[]
                 {
                     (reader, $"/organizations/{saved.Slug}"), (admin, "/admin/organizations"), (admin, $"/admin/organizations/{saved.Id}/edit"),
                 })
        {
            var html = await client.GetStringAsync(url);
            html.Should().NotContain("<script>alert", url).And.NotContain("<img src=x", url).And.NotContain("<b onmouseover", url);
        }
        var page = await reader.GetDocumentAsync($"/organizations/{saved.Slug}");
        page.QuerySelector("h1")!.TextContent.Should().Be(name);
        page.QuerySelector(".org-description")!.TextContent.Should().Be(description);
        page.QuerySelector(".org-website a")!.GetAttribute("href").Should().Be(website);
        // The page's JSON-LD (data, never run) is its only script, and the markup stayed inside its JSON strings.
        page.QuerySelectorAll("script:not([type='application/ld+json'])").Should().BeEmpty();
        page.QuerySelectorAll("script[type='application/ld+json']").Should().AllSatisfy(s =>
            System.Text.Json.JsonDocument.Parse(s.TextContent).RootElement.GetProperty("@type").GetString().Should().NotBeNullOrEmpty());
        var form = await admin.GetDocumentAsync($"/admin/organizations/{saved.Id}/edit");
        form.QuerySelector("#Name")!.GetAttribute("value").Should().Be(name);
        form.QuerySelector("#ShortName")!.GetAttribute("value").Should().Be(shortName);
        form.QuerySelector("#Description")!.TextContent.Should().Be(description);
    }

    [Theory]
    [InlineData("javascript:alert(1)", "intake@example.org", "Website")]
    [InlineData("defenders.example.org", "intake@example.org", "Website")]
    [InlineData("https://defenders.example.org", "not an email", "ContactEmail")]
    [InlineData("https://defenders.example.org", "\"Intake\" <intake@example.org>", "ContactEmail")]
    public async Task A_bad_website_or_email_is_refused_beside_its_field(string website, string email, string field)
    {
        var some = new Some();
        var admin = await site.AdministratorClientAsync();

        var response = await admin.PostMultipartFormAsync("/admin/organizations/new", "/admin/organizations/new",
            Fields($"Typo {some.Token}", website: website, email: email));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var page = Html.Parse(await response.Content.ReadAsStringAsync());
        page.QuerySelector($"#{field}-error")!.TextContent.Trim().Should().Be(field == "Website"
            ? "Enter the whole address of the website, starting with https://."
            : "Enter an email address like name@example.org.");
        page.QuerySelector("#Website")!.GetAttribute("value").Should().Be(website);
        page.QuerySelector("#ContactEmail")!.GetAttribute("value").Should().Be(email);
        (await FindAsync($"Typo {some.Token}")).Should().BeNull();
    }

    [Fact]
    public async Task Every_problem_is_shown_at_once_next_to_its_field()
    {
        var admin = await site.AdministratorClientAsync();
        var response = await admin.PostMultipartFormAsync("/admin/organizations/new", "/admin/organizations/new",
            Fields("", slug: "Bad Slug", website: "nope", email: "nope", shortName: new string('s', 41)));

        var page = Html.Parse(await response.Content.ReadAsStringAsync());
        foreach (var field in new[] { "Name", "Slug", "Website", "ContactEmail", "ShortName" })
        {
            page.QuerySelector($"#{field}-error").Should().NotBeNull(field);
            page.QuerySelector($"#{field}")!.GetAttribute("aria-describedby").Should().Be($"{field}-error");
        }
        page.QuerySelectorAll(".problems li").Should().HaveCount(5);
    }

    [Fact]
    public async Task An_address_another_organization_has_is_refused()
    {
        var some = new Some();
        var admin = await site.AdministratorClientAsync();
        var first = await CreateAsync(admin, $"First {some.Token}");
        var second = await CreateAsync(admin, $"Second {some.Token}");

        var duplicate = await admin.PostMultipartFormAsync("/admin/organizations/new", "/admin/organizations/new", Fields($"Third {some.Token}", slug: first.Slug));
        var url = $"/admin/organizations/{second.Id}/edit";
        var renamed = await admin.PostMultipartFormAsync(url, url, Fields($"Second {some.Token}", slug: first.Slug));

        foreach (var response in new[] { duplicate, renamed })
        {
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            Html.Parse(await response.Content.ReadAsStringAsync()).QuerySelector("#Slug-error")!.TextContent.Trim()
                .Should().Be("Another organization already uses this address.");
        }
        (await FindAsync($"Third {some.Token}")).Should().BeNull();
        (await FindAsync($"Second {some.Token}"))!.Slug.Should().Be(second.Slug);
    }

    [Fact]
    public async Task The_same_name_twice_gets_a_numbered_address()
    {
        var some = new Some();
        var admin = await site.AdministratorClientAsync();
        await CreateAsync(admin, $"Legal Aid {some.Token}");
        var response = await admin.PostMultipartFormAsync("/admin/organizations/new", "/admin/organizations/new", Fields($"Legal Aid {some.Token}"));
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var slugs = await site.WithDbAsync(db => db.Organizations.Where(o => o.Name == $"Legal Aid {some.Token}").Select(o => o.Slug).ToListAsync());
        slugs.Should().BeEquivalentTo([$"legal-aid-{some.Token}", $"legal-aid-{some.Token}-2"]);
    }

    [Fact]
    public async Task An_organization_that_changes_its_address_keeps_its_resources_on_its_page()
    {
        var t = await site.CreateTaxonomyAsync();
        await site.SaveResourceAsync(t.Resource($"Authored {t.Some.Token}"));
        var reader = site.CreateClient();
        (await reader.GetDocumentAsync($"/organizations/{t.Organization.Slug}")).ResultTitles().Should().Equal($"Authored {t.Some.Token}");
        var admin = await site.AdministratorClientAsync();
        var url = $"/admin/organizations/{t.Organization.Id}/edit";
        var newSlug = $"renamed-{t.Some.Token}";

        (await admin.PostMultipartFormAsync(url, url, Fields(t.Organization.Name, slug: newSlug))).StatusCode.Should().Be(HttpStatusCode.Redirect);

        (await reader.GetAsync($"/organizations/{t.Organization.Slug}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await reader.GetDocumentAsync($"/organizations/{newSlug}")).ResultTitles().Should().Equal($"Authored {t.Some.Token}");
    }

    [Fact]
    public async Task The_list_shows_every_organization_with_a_link_to_edit_it()
    {
        var some = new Some();
        var admin = await site.AdministratorClientAsync();
        var created = await CreateAsync(admin, $"Listed {some.Token}");
        var list = await admin.GetDocumentAsync("/admin/organizations");
        list.QuerySelector($"a[href='/admin/organizations/{created.Id}/edit']")!.TextContent.Should().Be($"Listed {some.Token}");
    }

    [Fact]
    public async Task Unknown_images_and_organizations_answer_404()
    {
        var some = new Some();
        var admin = await site.AdministratorClientAsync();
        var created = await CreateAsync(admin, $"Lookups {some.Token}", Logo("logo.png", "image/png", TestImages.Png()));
        var reader = site.CreateClient();
        var name = Path.GetFileName(created.LogoKey)!;

        (await reader.GetAsync($"/files/logos/{created.Id}/{Guid.NewGuid():N}.png")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await reader.GetAsync($"/files/logos/{int.MaxValue}/{name}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await reader.GetAsync($"/files/photos/{created.Id}/{name}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await reader.GetAsync($"/files/logos/{created.Id}/..%2F..%2Fhaven.db")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await admin.GetAsync($"/admin/organizations/{int.MaxValue}/edit")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_editor_speaks_spanish_under_es()
    {
        var admin = await site.AdministratorClientAsync();
        var form = await admin.GetDocumentAsync("/es/admin/organizations/new");
        form.QuerySelector("h1")!.TextContent.Should().Be("Nueva organización");
        form.QuerySelector("label[for=Website]")!.TextContent.Should().Be("Sitio web");
        form.QuerySelector("form.editor")!.GetAttribute("action").Should().Be("/es/admin/organizations/new");
    }
}

public sealed class OrganizationEditorOnSqlite(SqliteSite site) : OrganizationEditorTests(site), IClassFixture<SqliteSite>;

public sealed class OrganizationEditorOnPostgres(PostgresSite site) : OrganizationEditorTests(site), IClassFixture<PostgresSite>;
