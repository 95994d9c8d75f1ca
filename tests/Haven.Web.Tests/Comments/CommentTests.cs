using System.Net;
using AwesomeAssertions;
using Haven.Core.Audit;
using Haven.Core.Comments;
using Haven.Core.Resources;
using Haven.TestSupport;
using Haven.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Haven.Web.Tests.Comments;

/// <summary>A site with mail to a real SMTP server whose requests can say which client address they come from
/// (<see cref="CommentSite.ClientAddressHeader"/>), so per-address limits are tested through HTTP; three comments an
/// hour per address.</summary>
public class CommentSite : SiteWithSmtp
{
    public const string ClientAddressHeader = "X-Test-Client-Address";

    protected CommentSite(DatabaseProvider provider) : base(provider) => Settings["Haven:Comments:PerAddressPerHour"] = "3";

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddSingleton<IStartupFilter, ClientAddressFilter>();

    private sealed class ClientAddressFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers.TryGetValue(ClientAddressHeader, out var value) && IPAddress.TryParse(value, out var address))
                    context.Connection.RemoteIpAddress = address;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}

public sealed class CommentSqliteSite() : CommentSite(DatabaseProvider.Sqlite);

public sealed class CommentPostgresSite() : CommentSite(DatabaseProvider.Postgres);

/// <summary>Comments end to end over HTTP, with moderators' mail read back from the SMTP server: a first comment held
/// and mailed to moderators, approval, a trusted writer published at once, rejection, removal that keeps replies in
/// context, the honeypot, the link limit, word lists, a flood from one address, markup stripped, double submits, and
/// the personal-data warning with "post anyway". Both databases.</summary>
public abstract class CommentTests(CommentSite site)
{
    private sealed record Subject(Resource Resource, Some Some)
    {
        public string Page => $"/resources/{Resource.Slug}";
        public string Action => $"/comments/resource/{Resource.Id}";
    }

    private async Task<Subject> ResourceAsync(bool commentsEnabled = true)
    {
        var t = await site.CreateTaxonomyAsync();
        var resource = await site.SaveResourceAsync(t.Resource($"Know your rights {t.Some.Token}") with { CommentsEnabled = commentsEnabled });
        return new Subject(resource, t.Some);
    }

    private HttpClient Reader(string? address = null)
    {
        var client = site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (address is not null) client.DefaultRequestHeaders.Add(CommentSite.ClientAddressHeader, address);
        return client;
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, Subject s, string name, string email, string body,
        long? replyTo = null, bool postAnyway = false, string website = "")
    {
        var fields = new Dictionary<string, string> { ["Form.Name"] = name, ["Form.Email"] = email, ["Form.Body"] = body, ["Form.Website"] = website };
        if (replyTo is { } id) fields["Form.ReplyTo"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (postAnyway) fields["Form.PostAnyway"] = "true";
        return client.PostFormAsync(replyTo is { } r ? $"{s.Page}?replyTo={r}" : s.Page, s.Action, fields);
    }

    private Task<List<Comment>> CommentsOnAsync(Subject s) =>
        site.WithDbAsync(db => db.Comments.AsNoTracking().Where(c => c.SubjectKind == CommentSubjectKind.Resource && c.SubjectId == s.Resource.Id).OrderBy(c => c.Id).ToListAsync());

    private static string Address(string name, Some some) => $"{name.ToLowerInvariant()}.{some.Token}@example.org";

    private async Task<long> PostTrustedAsync(Subject s, HttpClient moderator, string name, string body)
    {
        // A first comment, approved, makes the address trusted.
        (await PostAsync(Reader(), s, name, Address(name, s.Some), body)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var id = (await CommentsOnAsync(s)).Single(c => c.Body == body).Id;
        await ApproveAsync(moderator, id);
        return id;
    }

    private static async Task<HttpResponseMessage> ModerateAsync(HttpClient moderator, string handler, string status, params long[] ids)
    {
        var response = await moderator.PostFormAsync($"/admin/comments?status={status}", $"/admin/comments?status={status}&handler={handler}",
            ids.Select(id => new KeyValuePair<string, string>("Selected", id.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        response.StatusCode.Should().Be(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        return response;
    }

    private static Task<HttpResponseMessage> ApproveAsync(HttpClient moderator, params long[] ids) => ModerateAsync(moderator, "Approve", "Held", ids);

    [Fact]
    public async Task A_first_comment_is_held_moderators_are_mailed_and_once_approved_the_writer_is_trusted()
    {
        var s = await ResourceAsync();
        var moderatorEmail = await site.CreateModeratorAsync();
        var moderator = await site.SignedInClientAsync(moderatorEmail);
        var reader = Reader();

        var posted = await PostAsync(reader, s, "Ana", Address("Ana", s.Some), $"Thank you, this helped our clinic. {s.Some.Token}");

        posted.StatusCode.Should().Be(HttpStatusCode.Redirect);
        posted.Headers.Location!.ToString().Should().Be($"{s.Page}?comment=held#comments");
        var held = await reader.GetStringAsync(posted.Headers.Location!.ToString());
        held.Should().Contain("held for moderation").And.NotContain("this helped our clinic", "a held comment is not shown, not even to its writer");
        var comment = (await CommentsOnAsync(s)).Single();
        comment.Status.Should().Be(CommentStatus.Held);
        HoldReasons.Parse(comment.HeldReasons).Should().Equal(HoldReasons.FirstTime);

        site.WakeMailDispatcher();
        var mail = (await site.Smtp.WaitForAsync(m => m.To.Mailboxes.Any(b => b.Address == moderatorEmail) && m.Subject == $"Comment to moderate: {s.Resource.Title}")).Single();
        mail.TextBody.Should().Contain("this helped our clinic").And.Contain("/admin/comments").And.Contain("First comment from this address")
            .And.NotContain(Address("Ana", s.Some), "the writer's address is not passed around in mail");
        (await moderator.GetStringAsync("/admin/comments")).Should().Contain("this helped our clinic");

        await ApproveAsync(moderator, comment.Id);

        var page = await reader.GetStringAsync(s.Page);
        page.Should().Contain($"id=\"comment-{comment.Id}\"").And.Contain("this helped our clinic").And.NotContain(Address("Ana", s.Some));
        (await site.WithDbAsync(db => db.AuditLog.CountAsync(a => a.Action == AuditActions.CommentApproved && a.SubjectId == comment.Id.ToString()))).Should().Be(1);

        var second = await PostAsync(reader, s, "Ana", Address("Ana", s.Some).ToUpperInvariant(), $"And a second thought. {s.Some.Token}");
        var secondComment = (await CommentsOnAsync(s)).Last();
        secondComment.Status.Should().Be(CommentStatus.Published, "an address with an approved comment is trusted");
        second.Headers.Location!.ToString().Should().Be($"{s.Page}#comment-{secondComment.Id}");
        (await reader.GetStringAsync(s.Page)).Should().Contain("And a second thought.");
    }

    [Fact]
    public async Task A_rejected_comment_never_appears()
    {
        var s = await ResourceAsync();
        var moderator = await site.SignedInClientAsync(await site.CreateModeratorAsync());
        await PostAsync(Reader(), s, "Bo", Address("Bo", s.Some), "Buy followers today");
        var id = (await CommentsOnAsync(s)).Single().Id;

        await ModerateAsync(moderator, "Reject", "Held", id);

        (await CommentsOnAsync(s)).Single().Status.Should().Be(CommentStatus.Rejected);
        (await Reader().GetStringAsync(s.Page)).Should().NotContain("Buy followers");
        (await site.WithDbAsync(db => db.AuditLog.CountAsync(a => a.Action == AuditActions.CommentRejected && a.SubjectId == id.ToString()))).Should().Be(1);
        var again = await PostAsync(Reader(), s, "Bo", Address("Bo", s.Some), "Buy followers tomorrow");
        (await CommentsOnAsync(s)).Last().Status.Should().Be(CommentStatus.Held, "a rejected comment earns no trust");
        again.StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task A_removed_comment_shows_as_removed_and_its_replies_keep_their_place()
    {
        var s = await ResourceAsync();
        var moderator = await site.SignedInClientAsync(await site.CreateModeratorAsync());
        var parent = await PostTrustedAsync(s, moderator, "Cy", "Detainers are not warrants.");
        var reply = await PostTrustedAsync(s, moderator, "Di", "Pending reply");
        // Di is trusted now: a reply to the reply is published at once and attaches to the top-level comment.
        await PostAsync(Reader(), s, "Di", Address("Di", s.Some), "Agreed, and the county said so in 2023.", replyTo: parent);
        var threaded = (await CommentsOnAsync(s)).Single(c => c.Body.StartsWith("Agreed", StringComparison.Ordinal));
        threaded.ParentId.Should().Be(parent);
        threaded.Status.Should().Be(CommentStatus.Published);
        await PostAsync(Reader(), s, "Di", Address("Di", s.Some), "Replying to my own reply.", replyTo: threaded.Id);
        (await CommentsOnAsync(s)).Single(c => c.Body.StartsWith("Replying", StringComparison.Ordinal)).ParentId.Should().Be(parent, "one level of replies only");

        await ModerateAsync(moderator, "Remove", "Published", parent);

        var page = Html.Parse(await Reader().GetStringAsync(s.Page));
        var removed = page.QuerySelector($"#comment-{parent}")!;
        removed.TextContent.Should().Contain("removed by a moderator").And.NotContain("Detainers are not warrants");
        var replies = removed.ParentElement!.QuerySelector(".comment-replies")!.TextContent;
        replies.Should().Contain("Agreed, and the county said so in 2023.").And.Contain("Replying to my own reply.");
        page.QuerySelector($"#comment-{reply}")!.TextContent.Should().Contain("Pending reply");
        (await site.WithDbAsync(db => db.AuditLog.CountAsync(a => a.Action == AuditActions.CommentRemoved && a.SubjectId == parent.ToString()))).Should().Be(1);
    }

    [Fact]
    public async Task A_filled_honeypot_is_dropped_while_the_bot_sees_the_usual_answer()
    {
        var s = await ResourceAsync();
        var response = await PostAsync(Reader(), s, "Bot", Address("Bot", s.Some), "Great post", website: "https://spam.example");
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().Should().Be($"{s.Page}?comment=held#comments");
        (await CommentsOnAsync(s)).Should().BeEmpty();
    }

    [Fact]
    public async Task More_links_than_allowed_hold_even_a_trusted_writer()
    {
        var s = await ResourceAsync();
        var moderator = await site.SignedInClientAsync(await site.CreateModeratorAsync());
        await PostTrustedAsync(s, moderator, "Ed", "First, fine.");
        await PostAsync(Reader(), s, "Ed", Address("Ed", s.Some), "See https://a.example, https://b.example and www.c.example");
        var last = (await CommentsOnAsync(s)).Last();
        last.Status.Should().Be(CommentStatus.Held);
        HoldReasons.Parse(last.HeldReasons).Should().Equal(HoldReasons.TooManyLinks);

        await ApproveAsync(moderator, last.Id);
        var html = await Reader().GetStringAsync(s.Page);
        html.Should().Contain("<a href=\"https://a.example\" rel=\"nofollow ugc noopener\">https://a.example</a>")
            .And.Contain("<a href=\"https://www.c.example\" rel=\"nofollow ugc noopener\">www.c.example</a>");
    }

    [Fact]
    public async Task Word_lists_reject_or_hold_and_administrators_keep_them()
    {
        var s = await ResourceAsync();
        var admin = await site.AdministratorClientAsync();
        var moderator = await site.SignedInClientAsync(await site.CreateModeratorAsync());
        (await moderator.GetAsync("/admin/comments/words")).StatusCode.Should().NotBe(HttpStatusCode.OK, "word lists are the administrators'");
        var saved = await admin.PostFormAsync("/admin/comments/words", "/admin/comments/words", new()
        {
            ["RejectWords"] = $"casino{s.Some.Token}\n<b>bold</b>", ["HoldWords"] = $"referral{s.Some.Token}",
        });
        saved.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await admin.GetStringAsync("/admin/comments/words")).Should().Contain($"casino{s.Some.Token}").And.NotContain("<b>bold");
        await PostTrustedAsync(s, moderator, "Flo", "Hello.");

        var rejected = await PostAsync(Reader(), s, "Flo", Address("Flo", s.Some), $"Visit the Casino{s.Some.Token} now");
        rejected.StatusCode.Should().Be(HttpStatusCode.OK);
        var form = await rejected.Content.ReadAsStringAsync();
        form.Should().Contain("words this site does not accept").And.Contain($"Visit the Casino{s.Some.Token} now", "the text comes back to be rephrased");
        await PostAsync(Reader(), s, "Flo", Address("Flo", s.Some), $"Ask for a referral{s.Some.Token}.");

        var comments = await CommentsOnAsync(s);
        comments.Should().NotContain(c => c.Body.Contains("Casino", StringComparison.Ordinal));
        comments.Last().Status.Should().Be(CommentStatus.Held);
        HoldReasons.Parse(comments.Last().HeldReasons).Should().Equal(HoldReasons.HeldWord);
        (await site.WithDbAsync(db => db.AuditLog.CountAsync(a => a.Action == AuditActions.CommentWordsSaved))).Should().BeGreaterThan(0);
        // Leave the lists empty for the other tests on this site.
        await admin.PostFormAsync("/admin/comments/words", "/admin/comments/words", new() { ["RejectWords"] = "", ["HoldWords"] = "" });
    }

    [Fact]
    public async Task A_flood_from_one_address_is_told_to_wait_and_nothing_more_is_stored()
    {
        var s = await ResourceAsync();
        var address = $"10.{Random.Shared.Next(1, 250)}.{Random.Shared.Next(1, 250)}.{Random.Shared.Next(1, 250)}";
        var flood = Reader(address);
        for (var i = 0; i < 3; i++)
            (await PostAsync(flood, s, "Gus", Address("Gus", s.Some), $"Comment number {i}")).StatusCode.Should().Be(HttpStatusCode.Redirect);

        var refused = await PostAsync(flood, s, "Gus", Address("Gus", s.Some), "Comment number 3");

        refused.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        (await refused.Content.ReadAsStringAsync()).Should().Contain("Please wait a while before posting again").And.Contain("Comment number 3");
        (await CommentsOnAsync(s)).Should().HaveCount(3);
        (await CommentsOnAsync(s)).Should().OnlyContain(c => c.IpAddress == address);
        (await PostAsync(Reader("10.255.255.1"), s, "Hal", Address("Hal", s.Some), "From elsewhere")).StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task Markup_is_stored_stripped_and_a_double_submit_posts_once()
    {
        var s = await ResourceAsync();
        var reader = Reader();
        const string body = "<script>alert('x')</script>Hello <b>there</b>,\n<img src=x onerror=alert(1)>second line";
        await PostAsync(reader, s, "<i>Ivy</i>", Address("Ivy", s.Some), body);
        await PostAsync(reader, s, "<i>Ivy</i>", Address("Ivy", s.Some), body);

        var stored = (await CommentsOnAsync(s)).Should().ContainSingle("the same submission twice is one comment").Subject;
        stored.AuthorName.Should().Be("Ivy");
        stored.Body.Should().Be("Hello there,\nsecond line");
        var moderator = await site.SignedInClientAsync(await site.CreateModeratorAsync());
        await ApproveAsync(moderator, stored.Id);
        var page = await Reader().GetStringAsync(s.Page);
        page.Should().Contain("Hello there,<br>second line").And.NotContain("alert(");
    }

    [Fact]
    public async Task Personal_data_brings_the_form_back_with_a_warning_until_the_writer_posts_anyway()
    {
        var s = await ResourceAsync();
        var reader = Reader();
        const string body = "My cousin A-123-456-789 was detained, call me at (555) 123-4567 or juan@example.org";

        var warned = await PostAsync(reader, s, "Juan", Address("Juan", s.Some), body);

        warned.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = Html.Parse(await warned.Content.ReadAsStringAsync());
        var warning = html.QuerySelector(".personal-data-warning")!.TextContent;
        warning.Should().Contain("immigration case number (A-number)").And.Contain("phone number").And.Contain("email address").And.Contain("public");
        html.QuerySelector("textarea[name='Form.Body']")!.TextContent.Should().Be(body);
        html.QuerySelector("input[name='Form.PostAnyway']").Should().NotBeNull();
        html.QuerySelector("input[name='Form.Name']")!.GetAttribute("value").Should().Be("Juan");
        (await CommentsOnAsync(s)).Should().BeEmpty();

        var posted = await PostAsync(reader, s, "Juan", Address("Juan", s.Some), body, postAnyway: true);

        posted.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await CommentsOnAsync(s)).Single().Body.Should().Be(body);
    }

    [Fact]
    public async Task The_resource_editor_turns_comments_on()
    {
        var s = await ResourceAsync(commentsEnabled: false);
        var admin = await site.AdministratorClientAsync();
        var url = $"/admin/resources/{s.Resource.Id}/edit";
        var editor = Html.Parse(await admin.GetStringAsync(url));
        editor.QuerySelector("#CommentsEnabled")!.HasAttribute("checked").Should().BeFalse();
        var fields = editor.QuerySelectorAll("form.editor input[name^='Form.'], form.editor textarea[name^='Form.'], form.editor select[name^='Form.']")
            .Where(e => e.GetAttribute("type") is not ("checkbox" or "radio") || e.HasAttribute("checked"))
            .Select(e => new KeyValuePair<string, string>(e.GetAttribute("name")!,
                e.LocalName == "select" ? e.QuerySelector("option[selected]")?.GetAttribute("value") ?? e.QuerySelector("option")?.GetAttribute("value") ?? ""
                : e.LocalName == "textarea" ? e.TextContent : e.GetAttribute("value") ?? ""))
            .Where(f => f.Key != "Form.CommentsEnabled")
            .Append(new("Form.CommentsEnabled", "true"))
            .Append(new("action", "save"))
            .ToList();

        var saved = await admin.PostFormAsync(url, url, fields);

        saved.StatusCode.Should().Be(HttpStatusCode.Redirect, await saved.Content.ReadAsStringAsync());
        (await site.WithDbAsync(db => db.Resources.SingleAsync(r => r.Id == s.Resource.Id))).CommentsEnabled.Should().BeTrue();
        Html.Parse(await admin.GetStringAsync(url)).QuerySelector("#CommentsEnabled")!.HasAttribute("checked").Should().BeTrue();
        (await Reader().GetStringAsync(s.Page)).Should().Contain("id=\"comment-form\"");
    }

    [Fact]
    public async Task The_same_comment_sent_twice_at_once_is_stored_once()
    {
        var s = await ResourceAsync();
        async Task<PostedComment> PostOnceAsync()
        {
            await using var scope = site.Scope();
            var outcome = await scope.ServiceProvider.GetRequiredService<PostComment>().RunAsync(new CommentRequest
            {
                SubjectKind = CommentSubjectKind.Resource, SubjectId = s.Resource.Id,
                Name = "Lu", Email = Address("Lu", s.Some), Body = "Clicked twice.", IpAddress = "10.1.2.3",
            });
            return outcome.Value!;
        }

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(PostOnceAsync)));

        var stored = (await CommentsOnAsync(s)).Should().ContainSingle().Subject;
        results.Should().OnlyContain(r => r.CommentId == stored.Id && r.As == PostedAs.Held);
    }

    [Fact]
    public async Task Comments_show_only_where_they_are_on()
    {
        var off = await ResourceAsync(commentsEnabled: false);
        var on = await ResourceAsync();
        (await Reader().GetStringAsync(off.Page)).Should().NotContain("id=\"comments\"");
        // A crafted post (the page has no form): the token comes from a page that has one.
        var response = await Reader().PostFormAsync(on.Page, off.Action, new() { ["Form.Name"] = "Kim", ["Form.Email"] = Address("Kim", off.Some), ["Form.Body"] = "Hi" });
        (await response.Content.ReadAsStringAsync()).Should().Contain("Comments are closed here.");
        (await CommentsOnAsync(off)).Should().BeEmpty();

        var page = Html.Parse(await Reader().GetStringAsync(on.Page));
        page.QuerySelector("#comment-form")!.GetAttribute("action").Should().Be(on.Action);
        (await Reader().GetStringAsync("/es" + on.Page)).Should().Contain("Añadir un comentario").And.Contain("action=\"/es" + on.Action + "\"");
    }

    [Fact]
    public async Task News_posts_take_comments_like_resources_but_not_under_embargo()
    {
        var t = await site.CreateTaxonomyAsync();
        var post = await site.CreatePostAsync(t.Organization.Id, $"Statement {t.Some.Token}");
        var embargoed = await site.CreatePostAsync(t.Organization.Id, $"Embargoed {t.Some.Token}",
            f => f with { EmbargoUntil = site.EmbargoField(site.Clock.GetCurrentInstant() + NodaTime.Duration.FromDays(2)) });
        var page = $"/news/{post.Slug}";
        var action = $"/comments/post/{post.Id}";
        Html.Parse(await Reader().GetStringAsync(page)).QuerySelector("#comment-form")!.GetAttribute("action").Should().Be(action);

        var email = Address("Rosa", t.Some);
        var held = await Reader().PostFormAsync(page, action,
            new() { ["Form.Name"] = "Rosa", ["Form.Email"] = email, ["Form.Body"] = $"Thank you for this statement {t.Some.Token}." });
        held.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var comment = await site.WithDbAsync(db => db.Comments.AsNoTracking().SingleAsync(c => c.SubjectKind == CommentSubjectKind.Post && c.SubjectId == post.Id));
        comment.Status.Should().Be(CommentStatus.Held);
        (await Reader().GetStringAsync(page)).Should().NotContain($"Thank you for this statement {t.Some.Token}.");

        var moderator = await site.SignedInClientAsync(await site.CreateModeratorAsync());
        (await moderator.GetStringAsync("/admin/comments?status=Held")).Should().Contain(post.Title);
        await ApproveAsync(moderator, comment.Id);
        (await Reader().GetStringAsync(page)).Should().Contain($"Thank you for this statement {t.Some.Token}.");

        // Under embargo the post is not public: no form, and a crafted comment finds nothing to go under.
        var crafted = await Reader().PostFormAsync(page, $"/comments/post/{embargoed.Id}",
            new() { ["Form.Name"] = "Rosa", ["Form.Email"] = email, ["Form.Body"] = "Early." });
        crafted.StatusCode.Should().NotBe(HttpStatusCode.Redirect);
        (await site.WithDbAsync(db => db.Comments.CountAsync(c => c.SubjectKind == CommentSubjectKind.Post && c.SubjectId == embargoed.Id))).Should().Be(0);
    }
}

public sealed class CommentsOnSqlite(CommentSqliteSite site) : CommentTests(site), IClassFixture<CommentSqliteSite>;

public sealed class CommentsOnPostgres(CommentPostgresSite site) : CommentTests(site), IClassFixture<CommentPostgresSite>;
