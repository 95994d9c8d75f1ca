using AwesomeAssertions;
using Haven.Core.Accounts;
using Haven.Core.News;
using NodaTime;

namespace Haven.Core.Tests.News;

/// <summary>A post's rules without a database: what "public at an instant" means (not a draft, past any embargo, and
/// the query form agreeing), that a new embargo must lie in the future, that a press release needs a contact, the
/// editor's fields stripped of markup, and who may edit.</summary>
public sealed class PostTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 24, 12, 0);
    private static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];

    private static Post APost(bool draft = false, Instant? embargo = null) => new()
    {
        Id = 1, Slug = "a-post", Title = "A post", IsDraft = draft, EmbargoUntil = embargo, OwnerOrganizationId = 7, UpdatedAt = Now - Duration.FromDays(1),
    };

    private static PostFields Fields(PostKind kind = PostKind.NewsPost) => new()
    {
        Kind = kind, Title = "Coalition letter", Body = "Text.", OwnerOrganizationId = 7, Language = "en",
    };

    [Fact]
    public void A_published_post_without_embargo_is_public()
    {
        APost().IsPublicAt(Now).Should().BeTrue();
    }

    [Fact]
    public void A_draft_is_never_public_even_after_its_embargo()
    {
        APost(draft: true).IsPublicAt(Now).Should().BeFalse();
        APost(draft: true, embargo: Now - Duration.FromDays(1)).IsPublicAt(Now).Should().BeFalse();
    }

    [Fact]
    public void An_embargoed_post_becomes_public_the_moment_the_embargo_passes()
    {
        var until = Now + Duration.FromHours(3);
        var post = APost(embargo: until);
        post.IsPublicAt(Now).Should().BeFalse();
        post.IsEmbargoedAt(Now).Should().BeTrue();
        post.IsPublicAt(until - Duration.FromTicks(1)).Should().BeFalse();
        post.IsPublicAt(until).Should().BeTrue();
        post.IsEmbargoedAt(until).Should().BeFalse();
    }

    [Fact]
    public void The_public_query_agrees_with_the_rule()
    {
        var until = Now + Duration.FromHours(3);
        var posts = new[]
        {
            APost(), APost(draft: true), APost(embargo: until), APost(embargo: Now - Duration.FromHours(1)), APost(draft: true, embargo: Now - Duration.FromHours(1)),
        };
        foreach (var at in new[] { Now, until, until + Duration.FromDays(1) })
            posts.AsQueryable().PublicAt(at).Should().Equal(posts.Where(p => p.IsPublicAt(at)));
    }

    [Fact]
    public void A_post_becomes_visible_in_feeds_at_its_last_save_or_its_embargo_whichever_is_later()
    {
        APost().VisibleSince.Should().Be(Now - Duration.FromDays(1));
        APost(embargo: Now + Duration.FromHours(3)).VisibleSince.Should().Be(Now + Duration.FromHours(3));
    }

    [Fact]
    public void A_new_or_changed_embargo_must_end_in_the_future()
    {
        Post.CheckEmbargo(Now + Duration.FromMinutes(1), null, Now).Should().BeNull();
        Post.CheckEmbargo(null, null, Now).Should().BeNull();
        Post.CheckEmbargo(Now - Duration.FromMinutes(1), null, Now)!.Code.Should().Be("embargo_past");
        Post.CheckEmbargo(Now, null, Now)!.Code.Should().Be("embargo_past");
        Post.CheckEmbargo(Now - Duration.FromHours(1), Now - Duration.FromHours(2), Now)!.Code.Should().Be("embargo_past");
        // An embargo that has passed since it was set stays as it was when the post is saved again.
        Post.CheckEmbargo(Now - Duration.FromHours(1), Now - Duration.FromHours(1), Now).Should().BeNull();
    }

    [Fact]
    public void A_press_release_needs_a_contact_name_and_an_email_or_phone()
    {
        Post.CheckContact(PostKind.NewsPost, "", "", "").Should().BeEmpty();
        Post.CheckContact(PostKind.PressRelease, "", "", "").Select(p => p.Field).Should().Equal("ContactName", "ContactEmail");
        Post.CheckContact(PostKind.PressRelease, "Ana Press", "", "").Select(p => p.Field).Should().Equal("ContactEmail");
        Post.CheckContact(PostKind.PressRelease, "Ana Press", "", "+1 555 0100").Should().BeEmpty();
        Post.CheckContact(PostKind.PressRelease, "Ana Press", "press@example.org", "").Should().BeEmpty();
        Fields(PostKind.PressRelease).Problems(NewYork, Now).Select(p => p.Code).Should().Equal("contact_required", "contact_required");
    }

    [Fact]
    public void Plain_fields_are_stored_without_markup_and_the_contact_only_for_press_releases()
    {
        var f = (Fields() with
        {
            Title = "<b>Coalition</b> letter<script>alert(1)</script>",
            Summary = "Line one<img src=x onerror=alert(1)>\r\n\r\n\r\nLine two",
            Byline = "<i>By</i> the team",
            ContactName = "Not kept",
        }).Cleaned();
        f.Title.Should().Be("Coalition letter");
        f.Summary.Should().Be("Line one\n\nLine two");
        f.Byline.Should().Be("By the team");
        f.ContactName.Should().BeEmpty();
        (Fields(PostKind.PressRelease) with { ContactName = "<b>Ana</b>" }).Cleaned().ContactName.Should().Be("Ana");
    }

    [Fact]
    public void The_fields_report_every_problem_at_once()
    {
        var problems = new PostFields
        {
            Kind = PostKind.PressRelease, Title = "<p></p>", Slug = "Not A Slug", Language = "xx", PublishedOn = "24/11/2026",
            EmbargoUntil = "tomorrow", ContactName = "Ana", ContactEmail = "not-an-email",
        }.Problems(NewYork, Now);
        problems.Select(p => p.Field).Should().BeEquivalentTo(
            ["Title", "Slug", "Body", "OwnerOrganizationId", "Language", "PublishedOn", "EmbargoUntil", "ContactEmail"]);
    }

    [Fact]
    public void The_embargo_is_read_in_the_sites_zone_and_a_skipped_time_is_refused()
    {
        (Fields() with { EmbargoUntil = "2026-12-01T09:00" }).Embargo(NewYork).Should().Be(Instant.FromUtc(2026, 12, 1, 14, 0));
        (Fields() with { EmbargoUntil = "2027-03-14T02:30" }).Problems(NewYork, Now).Select(p => p.Code).Should().Equal("time_in_gap");
        (Fields() with { PublishedOn = "" }).Date(NewYork, Now).Should().Be(new LocalDate(2026, 11, 24));
    }

    [Fact]
    public void Editors_of_the_owner_and_administrators_may_edit_a_post()
    {
        var post = APost();
        new Actor { Name = "a", IsAdministrator = true }.CanEdit(post).Should().BeTrue();
        new Actor { Name = "e", Memberships = new Dictionary<int, MembershipRole> { [7] = MembershipRole.Editor } }.CanEdit(post).Should().BeTrue();
        new Actor { Name = "o", Memberships = new Dictionary<int, MembershipRole> { [8] = MembershipRole.Editor } }.CanEdit(post).Should().BeFalse();
        new Actor { Name = "m", IsModerator = true }.CanEdit(post).Should().BeFalse();
        Actor.Anonymous().CanEdit(post).Should().BeFalse();
    }
}
