using System.Net;
using AwesomeAssertions;
using Haven.Core.Files;
using Haven.Core.People;
using Haven.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Haven.Web.Tests.Admin;

/// <summary>The administrator's people editor over HTTP, photos included, and the person card on the people list.
/// Runs on both databases.</summary>
public abstract class PersonEditorTests(HavenFactory site)
{
    private static List<KeyValuePair<string, string>> Fields(string name, string slug = "", string title = "Staff attorney",
        string affiliation = "", int? organizationId = null, string email = "ana@example.org", string bio = "Ana defends immigrants in criminal court.") =>
    [
        new("Form.Name", name),
        new("Form.Slug", slug),
        new("Form.Title", title),
        new("Form.Affiliation", affiliation),
        new("Form.OrganizationId", organizationId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? ""),
        new("Form.ContactEmail", email),
        new("Form.Bio", bio),
    ];

    private static UploadedFile Photo(string fileName, string contentType, byte[] bytes) => new("Form.Photo", fileName, contentType, bytes);

    private async Task<Person?> FindAsync(string name) =>
        await site.WithDbAsync(db => db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Name == name));

    private async Task<Person> CreateAsync(HttpClient admin, List<KeyValuePair<string, string>> fields, params UploadedFile[] files)
    {
        var response = await admin.PostMultipartFormAsync("/admin/people/new", "/admin/people/new", fields, files);
        response.StatusCode.Should().Be(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        return (await FindAsync(fields.Single(f => f.Key == "Form.Name").Value))!;
    }

    private string[] StoredPhotos()
    {
        var root = ((DiskFileStore)site.Services.GetRequiredService<IFileStore>()).Root;
        var folder = Path.Combine(root, SavePerson.PhotoFolder);
        return Directory.Exists(folder) ? Directory.GetFiles(folder) : [];
    }

    /// <summary>The card of one person on the administrator's list (which pages through names in order).</summary>
    private static async Task<AngleSharp.Dom.IElement> CardAsync(HttpClient admin, int personId)
    {
        for (var page = 1; page < 100; page++)
        {
            var list = await admin.GetDocumentAsync($"/admin/people?page={page}");
            var item = list.QuerySelectorAll(".people-list > li").FirstOrDefault(li => li.QuerySelector($"a[href='/admin/people/{personId}/edit']") is not null);
            if (item is not null) return item.QuerySelector(".person-card")!;
            if (list.QuerySelector(".pagination a[href*='page=" + (page + 1) + "']") is null) break;
        }
        throw new InvalidOperationException($"Person {personId} is not on the list.");
    }

    [Fact]
    public async Task A_person_added_with_a_photo_appears_as_a_card_on_the_people_list()
    {
        var t = await site.CreateTaxonomyAsync();
        var admin = await site.AdministratorClientAsync();
        var name = $"Ana Rivera {t.Some.Token}";
        var webp = TestImages.WebP();

        var person = await CreateAsync(admin, Fields(name, organizationId: t.Organization.Id), Photo("ana.webp", "image/webp", webp));

        person.Slug.Should().Be($"ana-rivera-{t.Some.Token}");
        person.OrganizationId.Should().Be(t.Organization.Id);
        person.PhotoContentType.Should().Be(ImageRules.WebP);
        var card = await CardAsync(admin, person.Id);
        card.QuerySelector("h2.person-name")!.TextContent.Should().Be(name);
        card.QuerySelector(".person-title")!.TextContent.Should().Be("Staff attorney");
        var affiliation = card.QuerySelector(".person-affiliation a")!;
        affiliation.TextContent.Should().Be(t.Organization.Name, "with no affiliation typed, the member organization is shown");
        affiliation.GetAttribute("href").Should().Be($"/organizations/{t.Organization.Slug}");
        card.QuerySelector(".person-bio")!.TextContent.Should().Be("Ana defends immigrants in criminal court.");
        card.TextContent.Should().NotContain("ana@example.org", "a contact email is not for the public");
        var photo = card.QuerySelector("img.person-photo")!;
        photo.GetAttribute("alt").Should().Be($"Photo of {name}");

        var image = await site.CreateClient().GetAsync(photo.GetAttribute("src"));
        image.StatusCode.Should().Be(HttpStatusCode.OK);
        image.Content.Headers.ContentType!.MediaType.Should().Be("image/webp");
        image.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
        image.Headers.GetValues("Content-Security-Policy").Single().Should().Contain("sandbox");
        image.Headers.CacheControl!.MaxAge.Should().BeGreaterThanOrEqualTo(TimeSpan.FromDays(365));
        (await image.Content.ReadAsByteArrayAsync()).Should().Equal(webp);
    }

    [Fact]
    public async Task A_typed_affiliation_is_shown_as_typed()
    {
        var some = new Some();
        var admin = await site.AdministratorClientAsync();
        var person = await CreateAsync(admin, Fields($"Guest {some.Token}", affiliation: "University Law Clinic"));
        (await CardAsync(admin, person.Id)).QuerySelector(".person-affiliation")!.TextContent.Should().Be("University Law Clinic");
    }

    [Fact]
    public async Task A_new_photo_replaces_the_old_one_and_a_photo_can_be_removed()
    {
        var some = new Some();
        var admin = await site.AdministratorClientAsync();
        var name = $"Changing {some.Token}";
        var created = await CreateAsync(admin, Fields(name), Photo("first.png", "image/png", TestImages.Png()));
        var url = $"/admin/people/{created.Id}/edit";
        var reader = site.CreateClient();
        var files = site.Services.GetRequiredService<IFileStore>();

        (await admin.PostMultipartFormAsync(url, url, Fields(name), Photo("second.png", "image/png", TestImages.Png(3, 3)))).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var replaced = (await FindAsync(name))!;
        replaced.PhotoKey.Should().NotBe(created.PhotoKey);
        (await reader.GetAsync($"/files/photos/{created.Id}/{Path.GetFileName(created.PhotoKey)}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await reader.GetAsync($"/files/photos/{created.Id}/{Path.GetFileName(replaced.PhotoKey)}")).StatusCode.Should().Be(HttpStatusCode.OK);
        files.OpenRead(created.PhotoKey!).Should().BeNull();

        var remove = Fields(name);
        remove.Add(new("Form.RemovePhoto", "true"));
        (await admin.PostMultipartFormAsync(url, url, remove)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await FindAsync(name))!.PhotoKey.Should().BeNull();
        (await CardAsync(admin, created.Id)).QuerySelector("img").Should().BeNull();
        files.OpenRead(replaced.PhotoKey!).Should().BeNull();
    }

    [Theory]
    [InlineData("text named .png", "Only PNG, JPEG and WebP images can be used.")]
    [InlineData("gif", "Only PNG, JPEG and WebP images can be used.")]
    [InlineData("svg", "Only PNG, JPEG and WebP images can be used.")]
    [InlineData("png of 1.1 MB", "The image is larger than 1 MB: make it smaller and upload it again.")]
    public async Task A_photo_that_is_not_a_small_png_jpeg_or_webp_is_refused_and_nothing_changes(string kind, string message)
    {
        var some = new Some();
        var admin = await site.AdministratorClientAsync();
        var name = $"Careful {some.Token}";
        var created = await CreateAsync(admin, Fields(name), Photo("me.png", "image/png", TestImages.Png()));
        var filesBefore = StoredPhotos();
        var file = kind switch
        {
            "text named .png" => Photo("me.png", "image/png", TestImages.Text()),
            "gif" => Photo("me.gif", "image/gif", TestImages.Gif()),
            "svg" => Photo("me.svg", "image/svg+xml", TestImages.Svg()),
            _ => Photo("big.png", "image/png", TestImages.LargePng()),
        };
        var url = $"/admin/people/{created.Id}/edit";

        var response = await admin.PostMultipartFormAsync(url, url, Fields(name, bio: $"A new bio {some.Token}"), file);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var page = Html.Parse(await response.Content.ReadAsStringAsync());
        page.QuerySelector("#Photo-error")!.TextContent.Trim().Should().Be(message);
        page.QuerySelector("#Bio")!.TextContent.Should().Be($"A new bio {some.Token}", "the form keeps what was typed");
        var unchanged = (await FindAsync(name))!;
        unchanged.Bio.Should().Be("Ana defends immigrants in criminal court.");
        unchanged.PhotoKey.Should().Be(created.PhotoKey);
        StoredPhotos().Should().BeEquivalentTo(filesBefore);

        var refusedNew = await admin.PostMultipartFormAsync("/admin/people/new", "/admin/people/new", Fields($"Never {some.Token}"), file);
        refusedNew.StatusCode.Should().Be(HttpStatusCode.OK);
        (await FindAsync($"Never {some.Token}")).Should().BeNull();
    }

    [Fact]
    public async Task Script_in_every_text_field_is_shown_as_text()
    {
        var some = new Some();
        var admin = await site.AdministratorClientAsync();
        var name = $"<script>alert('name')</script> {some.Token}";
        var title = "<img src=x onerror=alert('title')>";
        var affiliation = "<iframe src=javascript:alert(1)></iframe>";
        var bio = "</p><script>alert('bio')</script>";

        var person = await CreateAsync(admin, Fields(name, title: title, affiliation: affiliation, bio: bio));

        foreach (var url in new[] { "/admin/people", $"/admin/people/{person.Id}/edit" })
        {
            var html = await admin.GetStringAsync(url);
            html.Should().NotContain("<script>alert", url).And.NotContain("<img src=x", url).And.NotContain("<iframe", url);
        }
        var card = await CardAsync(admin, person.Id);
        card.QuerySelector(".person-name")!.TextContent.Should().Be(name);
        card.QuerySelector(".person-title")!.TextContent.Should().Be(title);
        card.QuerySelector(".person-affiliation")!.TextContent.Should().Be(affiliation);
        card.QuerySelector(".person-bio")!.TextContent.Should().Be(bio);
        var form = await admin.GetDocumentAsync($"/admin/people/{person.Id}/edit");
        form.QuerySelector("#Title")!.GetAttribute("value").Should().Be(title);
        form.QuerySelector("#Bio")!.TextContent.Should().Be(bio);
    }

    [Fact]
    public async Task A_bad_email_an_unknown_organization_and_a_missing_name_are_refused_together()
    {
        var some = new Some();
        var admin = await site.AdministratorClientAsync();

        var response = await admin.PostMultipartFormAsync("/admin/people/new", "/admin/people/new",
            Fields("", email: "ana at example", organizationId: int.MaxValue, bio: $"Kept {some.Token}"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var page = Html.Parse(await response.Content.ReadAsStringAsync());
        page.QuerySelector("#Name-error")!.TextContent.Trim().Should().Be("Enter a name.");
        page.QuerySelector("#ContactEmail-error")!.TextContent.Trim().Should().Be("Enter an email address like name@example.org.");
        page.QuerySelector("#OrganizationId-error")!.TextContent.Trim().Should().Be("The chosen organization does not exist.");
        page.QuerySelector("#ContactEmail")!.GetAttribute("value").Should().Be("ana at example");
        page.QuerySelector("#Bio")!.TextContent.Should().Be($"Kept {some.Token}");
        (await site.WithDbAsync(db => db.People.AnyAsync(p => p.Bio == $"Kept {some.Token}"))).Should().BeFalse();
    }

    [Fact]
    public async Task An_address_another_person_has_is_refused()
    {
        var some = new Some();
        var admin = await site.AdministratorClientAsync();
        var first = await CreateAsync(admin, Fields($"First {some.Token}"));

        var response = await admin.PostMultipartFormAsync("/admin/people/new", "/admin/people/new", Fields($"Second {some.Token}", slug: first.Slug));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        Html.Parse(await response.Content.ReadAsStringAsync()).QuerySelector("#Slug-error")!.TextContent.Trim()
            .Should().Be("Another person already uses this address.");
        (await FindAsync($"Second {some.Token}")).Should().BeNull();
    }

    [Fact]
    public async Task The_editor_offers_every_field_with_a_label()
    {
        var admin = await site.AdministratorClientAsync();
        var form = await admin.GetDocumentAsync("/admin/people/new");
        foreach (var id in new[] { "Name", "Slug", "Title", "OrganizationId", "Affiliation", "ContactEmail", "Bio", "Photo" })
            form.QuerySelector($"label[for={id}]").Should().NotBeNull(id);
        form.QuerySelector("form.editor")!.GetAttribute("enctype").Should().Be("multipart/form-data");
    }
}

public sealed class PersonEditorOnSqlite(SqliteSite site) : PersonEditorTests(site), IClassFixture<SqliteSite>;

public sealed class PersonEditorOnPostgres(PostgresSite site) : PersonEditorTests(site), IClassFixture<PostgresSite>;
