using System.Globalization;
using System.Net;
using AwesomeAssertions;
using Haven.Core.Audit;
using Haven.Core.Events;
using Haven.Core.People;
using Haven.TestSupport;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Haven.Web.Tests.Admin;

/// <summary>The hosts' event editor over HTTP, on both databases: an editor creates an event for their organization,
/// another organization's editor is refused (and audited), bad input changes nothing and says why beside each field,
/// and a stale revision is refused.</summary>
public abstract class EventEditorTests(HavenFactory site)
{
    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    private static Dictionary<string, string> Fields(string title, int expectedRevision, params int[] hosts)
    {
        var fields = new Dictionary<string, string>
        {
            ["Form.ExpectedRevision"] = Id(expectedRevision),
            ["Form.Title"] = title,
            ["Form.Kind"] = "Webinar",
            ["Form.Status"] = "Scheduled",
            ["Form.Language"] = "en",
            ["Form.Description"] = "What changes under the **new rule**.",
            ["Form.StartsAt"] = "2026-07-15T14:00",
            ["Form.TimeZoneId"] = "America/Chicago",
            ["Form.DurationMinutes"] = "90",
            ["Form.RegistrationMode"] = "Open",
            ["Form.Capacity"] = "100",
            ["Form.RegistrationDeadline"] = "2026-07-15T12:00",
            ["Form.ContactEmail"] = "events@example.org",
            ["Form.JoinUrl"] = "https://meet.example.org/detainers",
        };
        for (var i = 0; i < hosts.Length; i++) fields[$"Form.Hosts[{i}]"] = Id(hosts[i]);
        return fields;
    }

    private Task<Event?> FindAsync(string title) => site.WithDbAsync(db =>
        db.Events.AsNoTracking().Include(e => e.Hosts).Include(e => e.Speakers).Include(e => e.Topics).AsSplitQuery().FirstOrDefaultAsync(e => e.Title == title));

    private Task<List<AuditEntry>> AuditOfAsync(int eventId) =>
        site.WithDbAsync(db => db.AuditLog.AsNoTracking().Where(a => a.SubjectType == "event" && a.SubjectId == Id(eventId)).OrderBy(a => a.Id).ToListAsync());

    private async Task<Event> CreateAsync(TestTaxonomy t, string title)
    {
        var editor = await site.MemberClientAsync(t.Organization.Id);
        var response = await editor.PostFormAsync("/admin/events/new", "/admin/events/new", Fields(title, 0, t.Organization.Id));
        response.StatusCode.Should().Be(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        return (await FindAsync(title))!;
    }

    [Fact]
    public async Task An_editor_creates_an_event_for_their_organization_at_the_right_instant()
    {
        var t = await site.CreateTaxonomyAsync();
        var person = await site.WithDbAsync(async db =>
        {
            var p = new Person { Slug = t.Some.Slug("speaker"), Name = $"Ana Speaker {t.Some.Token}" };
            db.People.Add(p);
            await db.SaveChangesAsync();
            return p;
        });
        var editor = await site.MemberClientAsync(t.Organization.Id);
        var title = $"Detainers webinar {t.Some.Token}";
        var fields = Fields(title, 0, t.Organization.Id, t.OtherOrganization.Id);
        fields["Form.Speakers[0].PersonId"] = Id(person.Id);
        fields["Form.Speakers[0].Role"] = "Moderator";
        fields["Form.Speakers[0].Title"] = "Staff attorney";
        fields["Form.Speakers[1].PersonId"] = "";
        fields["Form.Topics"] = Id(t.Topic.Id);
        fields["Form.RegistrationMode"] = "InvitationCode";
        fields["Form.InvitationCode"] = "open-sesame";

        var response = await editor.PostFormAsync("/admin/events/new", "/admin/events/new", fields);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        var e = await FindAsync(title);
        e!.OwnerOrganizationId.Should().Be(t.Organization.Id);
        e.Hosts.OrderBy(h => h.Position).Select(h => h.OrganizationId).Should().Equal(t.Organization.Id, t.OtherOrganization.Id);
        // 2 pm in Chicago in July is CDT, five hours behind UTC.
        e.StartsAt.Should().Be(Instant.FromUtc(2026, 7, 15, 19, 0));
        e.EndsAt.Should().Be(Instant.FromUtc(2026, 7, 15, 20, 30));
        e.RegistrationDeadline.Should().Be(Instant.FromUtc(2026, 7, 15, 17, 0));
        e.Slug.Should().StartWith("detainers-webinar-");
        e.DescriptionHtml.Should().Contain("<strong>new rule</strong>");
        e.Speakers.Should().ContainSingle(s => s.PersonId == person.Id && s.Role == SpeakerRole.Moderator && s.Title == "Staff attorney");
        e.Topics.Select(x => x.Id).Should().Equal(t.Topic.Id);
        e.InvitationCodeHash.Should().Be(RegistrationRules.HashCode("open-sesame"));
        RegistrationRules.CodeMatches(e, "open-sesame").Should().BeTrue();
        e.Revision.Should().Be(1);
        var audit = (await AuditOfAsync(e.Id)).Should().ContainSingle().Subject;
        audit.Action.Should().Be(AuditActions.EventCreated);
        audit.ActorName.Should().StartWith("editor-");
        audit.OrganizationId.Should().Be(t.Organization.Id);
        audit.After.Should().Contain(title).And.NotContain("open-sesame").And.NotContain(e.InvitationCodeHash!);

        // The edit page shows the time as it was typed, in the event's zone.
        var page = await editor.GetStringAsync(response.Headers.Location);
        Html.Parse(page).QuerySelector("#StartsAt")!.GetAttribute("value").Should().Be("2026-07-15T14:00");
        (await editor.GetStringAsync("/admin/events")).Should().Contain(title);
    }

    [Fact]
    public async Task Another_organizations_editor_is_refused_the_editor_and_a_crafted_post_changes_nothing_but_the_audit_log()
    {
        var t = await site.CreateTaxonomyAsync();
        var e = await CreateAsync(t, $"Guarded event {t.Some.Token}");
        var outsider = await site.MemberClientAsync(t.OtherOrganization.Id);
        var edit = $"/admin/events/{e.Id}/edit";

        var denied = await outsider.GetAsync(edit);
        denied.Headers.Location!.ToString().Should().Contain("/account/denied");
        (await outsider.GetStringAsync("/admin/events")).Should().NotContain($"Guarded event {t.Some.Token}");

        // The form of an event they may create stands in for the token a crafted post would carry.
        var response = await outsider.PostFormAsync("/admin/events/new", edit, Fields($"Hijacked {t.Some.Token}", e.Revision, t.OtherOrganization.Id));

        (await response.Content.ReadAsStringAsync()).Should().Contain("Only editors of the organization this event belongs to can change it.");
        var after = await FindAsync($"Guarded event {t.Some.Token}");
        after!.Revision.Should().Be(e.Revision);
        (await FindAsync($"Hijacked {t.Some.Token}")).Should().BeNull();
        (await AuditOfAsync(e.Id)).Should().Contain(a => a.Action == AuditActions.EventEditRefused && a.ActorName.StartsWith("editor-"));
    }

    [Fact]
    public async Task An_editor_cannot_create_an_event_owned_by_another_organization()
    {
        var t = await site.CreateTaxonomyAsync();
        var editor = await site.MemberClientAsync(t.Organization.Id);

        var response = await editor.PostFormAsync("/admin/events/new", "/admin/events/new", Fields($"Not mine {t.Some.Token}", 0, t.OtherOrganization.Id, t.Organization.Id));

        (await response.Content.ReadAsStringAsync()).Should().Contain("List your own organization first");
        (await FindAsync($"Not mine {t.Some.Token}")).Should().BeNull();
    }

    [Fact]
    public async Task Bad_input_is_explained_beside_each_field_keeps_what_was_typed_and_changes_nothing()
    {
        var t = await site.CreateTaxonomyAsync();
        var e = await CreateAsync(t, $"Careful {t.Some.Token}");
        var editor = await site.MemberClientAsync(t.Organization.Id);
        var edit = $"/admin/events/{e.Id}/edit";
        var fields = Fields($"<script>alert('x')</script> {t.Some.Token}", e.Revision, t.Organization.Id);
        fields["Form.TimeZoneId"] = "America/Gotham";
        fields["Form.Capacity"] = "-5";
        fields["Form.ContactEmail"] = "not an address";
        fields["Form.JoinUrl"] = "javascript:alert(1)";
        fields["Form.Interpretation"] = "<script>alert('i')</script>";

        var response = await editor.PostFormAsync(edit, edit, fields);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.Should().NotContain("<script>alert");
        var page = Html.Parse(html);
        string ErrorsBeside(string id) => string.Join(" ", page.QuerySelector($"#{id}")!.ParentElement!.QuerySelectorAll(".field-error").Select(p => p.TextContent));
        ErrorsBeside("TimeZoneId").Should().Contain("\"America/Gotham\" is not a time zone");
        ErrorsBeside("Capacity").Should().Contain("whole number above zero");
        ErrorsBeside("ContactEmail").Should().Contain("Enter an email address");
        ErrorsBeside("JoinUrl").Should().Contain("starting with https://");
        // What was typed comes back, as text.
        page.QuerySelector("#Title")!.GetAttribute("value").Should().StartWith("<script>alert('x')</script>");
        page.QuerySelector("#Interpretation")!.GetAttribute("value").Should().Be("<script>alert('i')</script>");
        page.QuerySelector("#Capacity")!.GetAttribute("value").Should().Be("-5");

        // The deadline after the end, on its own.
        fields = Fields($"Careful {t.Some.Token}", e.Revision, t.Organization.Id);
        fields["Form.RegistrationDeadline"] = "2026-07-15T16:00";
        html = await (await editor.PostFormAsync(edit, edit, fields)).Content.ReadAsStringAsync();
        html.Should().Contain("Registration must close before the event ends.");

        var after = await FindAsync($"Careful {t.Some.Token}");
        after!.Revision.Should().Be(e.Revision);
        after.Capacity.Should().Be(100);
        after.TimeZoneId.Should().Be("America/Chicago");
        (await AuditOfAsync(e.Id)).Should().ContainSingle();
    }

    [Fact]
    public async Task A_stale_revision_is_refused_and_a_new_time_raises_the_calendar_sequence()
    {
        var t = await site.CreateTaxonomyAsync();
        var e = await CreateAsync(t, $"Moving {t.Some.Token}");
        var editor = await site.MemberClientAsync(t.Organization.Id);
        var edit = $"/admin/events/{e.Id}/edit";

        var fields = Fields($"Moving {t.Some.Token}", e.Revision, t.Organization.Id);
        fields["Form.StartsAt"] = "2026-07-16T14:00";
        (await editor.PostFormAsync(edit, edit, fields)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var moved = await FindAsync($"Moving {t.Some.Token}");
        moved!.StartsAt.Should().Be(Instant.FromUtc(2026, 7, 16, 19, 0));
        moved.CalendarSequence.Should().Be(e.CalendarSequence + 1);
        moved.Revision.Should().Be(e.Revision + 1);

        // A second editor still holding the first revision.
        fields = Fields($"Overwritten {t.Some.Token}", e.Revision, t.Organization.Id);
        var stale = await editor.PostFormAsync(edit, edit, fields);
        stale.StatusCode.Should().Be(HttpStatusCode.OK);
        (await stale.Content.ReadAsStringAsync()).Should().Contain("Someone else saved this event while you were editing.");
        (await FindAsync($"Overwritten {t.Some.Token}")).Should().BeNull();

        // A change of title alone leaves registrants' calendars as they are.
        fields = Fields($"Renamed {t.Some.Token}", moved.Revision, t.Organization.Id);
        fields["Form.StartsAt"] = "2026-07-16T14:00";
        (await editor.PostFormAsync(edit, edit, fields)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await FindAsync($"Renamed {t.Some.Token}"))!.CalendarSequence.Should().Be(moved.CalendarSequence);
        (await AuditOfAsync(e.Id)).Select(a => a.Action).Should().Equal(AuditActions.EventCreated, AuditActions.EventSaved, AuditActions.EventSaved);
    }
}

public sealed class EventEditorOnSqlite(SqliteSite site) : EventEditorTests(site), IClassFixture<SqliteSite>;

public sealed class EventEditorOnPostgres(PostgresSite site) : EventEditorTests(site), IClassFixture<PostgresSite>;
