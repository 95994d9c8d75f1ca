using System.Net;
using System.Text.RegularExpressions;
using AwesomeAssertions;
using Haven.Core.Subscriptions;
using Haven.TestSupport;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using NodaTime;

namespace Haven.Web.Tests.Subscriptions;

/// <summary>Email subscriptions end to end, mail read back from a real SMTP server: subscribe, nothing but the
/// confirmation before its link is followed (by a POST), an immediate alert once with RFC 8058 headers, one-click
/// unsubscribe erasing the address; a Spanish daily digest grouping several items; the job run concurrently sending
/// once; the manage page; and refusals. Both databases.</summary>
public abstract partial class SubscriptionTests(SiteWithSmtp site)
{
    private HttpClient NewClient() => site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private static Dictionary<string, string> Fields(string email, TestTaxonomy t, string frequency = "Immediate", string language = "en") => new()
    {
        ["Form.Email"] = email,
        ["Form.Kinds"] = "Resource",
        ["Form.Topics"] = t.Topic.Slug,
        ["Form.Frequency"] = frequency,
        ["Form.Language"] = language,
    };

    private async Task<MimeMessage> MailAsync(string to, Func<MimeMessage, bool> match, int count = 1)
    {
        site.WakeMailDispatcher();
        var found = await site.Smtp.WaitForAsync(m => m.To.Mailboxes.Any(b => b.Address == to) && match(m), count);
        return found[^1];
    }

    private Task<int> RunJobAsync() => Job(s => s.GetRequiredService<SendSubscriptionMail>().RunAsync());

    private async Task<int> Job(Func<IServiceProvider, Task<int>> work)
    {
        await using var scope = site.Scope();
        return await work(scope.ServiceProvider);
    }

    private static string PathIn(MimeMessage message, string kind)
    {
        var match = LinkPattern().Matches(message.TextBody ?? "").FirstOrDefault(m => m.Groups["kind"].Value == kind)
            ?? throw new InvalidOperationException($"No {kind} link in \"{message.Subject}\"");
        return new Uri(match.Value).PathAndQuery;
    }

    [GeneratedRegex(@"https?://[^\s/]+(?:/es)?/subscriptions/(?<kind>confirm/|)[A-Za-z0-9_-]+")]
    private static partial Regex LinkPattern();

    private async Task<string> SubscribeAndConfirmAsync(HttpClient client, string email, TestTaxonomy t, string frequency = "Immediate", string language = "en")
    {
        var page = language == "es" ? "/es/subscribe" : "/subscribe";
        var posted = await client.PostFormAsync(page, page, Fields(email, t, frequency, language));
        posted.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var letter = await MailAsync(email, m => (m.TextBody ?? "").Contains("/subscriptions/confirm/", StringComparison.Ordinal));
        var confirmPath = PathIn(letter, "confirm/");
        var shown = await client.GetAsync(confirmPath);
        shown.StatusCode.Should().Be(HttpStatusCode.OK);
        shown.Headers.CacheControl!.NoStore.Should().BeTrue();
        shown.Headers.GetValues("X-Robots-Tag").Should().Equal("noindex");
        (await site.WithDbAsync(db => db.Subscriptions.AsNoTracking().SingleAsync(s => s.Email == email))).ConfirmedAt.Should().BeNull("opening the link confirms nothing: the button does");
        var confirmed = await client.PostFormAsync(confirmPath, confirmPath, []);
        confirmed.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var manage = confirmed.Headers.Location!.ToString();
        manage.Should().Contain("/subscriptions/");
        return manage.Split('?')[0];
    }

    [Fact]
    public async Task A_confirmed_subscriber_gets_one_alert_with_one_click_unsubscribe_and_nothing_before_confirming()
    {
        var t = await site.CreateTaxonomyAsync();
        var client = NewClient();
        var email = $"reader-{t.Some.Token}@example.org";
        var early = $"early-{t.Some.Token}@example.org";
        (await client.PostFormAsync("/subscribe", "/subscribe", Fields(early, t))).StatusCode.Should().Be(HttpStatusCode.Redirect);
        await SubscribeAndConfirmAsync(client, email, t);

        var other = await site.SaveResourceAsync(t.Resource($"Unrelated {t.Some.Token}") with { TopicIds = [t.OtherTopic.Id] });
        var resource = await site.SaveResourceAsync(t.Resource($"Detainer advisory {t.Some.Token}"));
        await RunJobAsync();
        await RunJobAsync();

        var alert = await MailAsync(email, m => (m.Subject ?? "").Contains(resource.Title, StringComparison.Ordinal));
        alert.TextBody.Should().Contain($"/resources/{resource.Slug}").And.NotContain(other.Title);
        alert.Headers["List-Unsubscribe-Post"].Should().Be("List-Unsubscribe=One-Click");
        var unsubscribe = alert.Headers["List-Unsubscribe"];
        unsubscribe.Should().MatchRegex("^<https?://.+/subscriptions/unsubscribe/[A-Za-z0-9_-]+>$");
        var deliveries = await site.WithDbAsync(db => db.SubscriptionDeliveries.AsNoTracking()
            .CountAsync(d => d.ItemKind == ItemKind.Resource && d.ItemId == resource.Id));
        deliveries.Should().Be(1, "only the confirmed subscriber receives it, once");
        var all = await site.Smtp.WaitForAsync(m => m.To.Mailboxes.Any(b => b.Address == email || b.Address == early), 3);
        all.Count(m => m.To.Mailboxes.Any(b => b.Address == early)).Should().Be(1, "an unconfirmed address gets only its confirmation letter");

        // RFC 8058: a POST with the form body only, no cookie, no antiforgery token.
        var path = new Uri(unsubscribe.Trim('<', '>')).PathAndQuery;
        using var anonymous = site.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        var oneClick = await anonymous.PostAsync(path, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        oneClick.StatusCode.Should().Be(HttpStatusCode.OK);
        (await site.WithDbAsync(db => db.Subscriptions.AsNoTracking().AnyAsync(s => s.Email == email))).Should().BeFalse("the address is erased");
    }

    [Fact]
    public async Task An_event_is_news_when_it_goes_public_not_when_an_older_one_is_edited()
    {
        var t = await site.CreateTaxonomyAsync();
        var client = NewClient();
        var email = $"events-{t.Some.Token}@example.org";
        var older = await site.CreateEventAsync(t.Some, $"Older clinic {t.Some.Token}", site.Clock.GetCurrentInstant() + Duration.FromDays(20),
            topicIds: [t.Topic.Id]);
        site.Clock.Advance(Duration.FromMinutes(1));
        var fields = Fields(email, t);
        fields["Form.Kinds"] = "Event";
        (await client.PostFormAsync("/subscribe", "/subscribe", fields)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var letter = await MailAsync(email, m => (m.TextBody ?? "").Contains("/subscriptions/confirm/", StringComparison.Ordinal));
        var confirmPath = PathIn(letter, "confirm/");
        (await client.PostFormAsync(confirmPath, confirmPath, [])).StatusCode.Should().Be(HttpStatusCode.Redirect);
        site.Clock.Advance(Duration.FromMinutes(1));

        // The older event is edited after the reader confirmed: it was public before, so it is not news to them.
        await site.WithDbAsync(async db =>
        {
            var e = await db.Events.SingleAsync(x => x.Id == older.Id);
            e.Title += " (new room)";
            e.UpdatedAt = site.Clock.GetCurrentInstant();
            return await db.SaveChangesAsync();
        });
        // A draft made public now is news.
        var draft = await site.CreateEventAsync(t.Some, $"New clinic {t.Some.Token}", site.Clock.GetCurrentInstant() + Duration.FromDays(10),
            with: e => e.IsDraft = true, topicIds: [t.Topic.Id]);
        site.Clock.Advance(Duration.FromMinutes(1));
        await site.WithDbAsync(async db =>
        {
            var e = await db.Events.SingleAsync(x => x.Id == draft.Id);
            e.IsDraft = false;
            e.PublishedAt = site.Clock.GetCurrentInstant();
            return await db.SaveChangesAsync();
        });
        site.Clock.Advance(Duration.FromMinutes(1));
        await RunJobAsync();

        await MailAsync(email, m => (m.Subject ?? "").Contains(draft.Title, StringComparison.Ordinal));
        var delivered = await site.WithDbAsync(db => db.SubscriptionDeliveries.AsNoTracking()
            .Where(d => d.ItemKind == ItemKind.Event && (d.ItemId == older.Id || d.ItemId == draft.Id)).Select(d => d.ItemId).ToListAsync());
        delivered.Should().Equal(draft.Id);
    }

    [Fact]
    public async Task An_address_never_confirmed_is_erased_after_a_week_and_a_confirmed_one_kept()
    {
        var t = await site.CreateTaxonomyAsync();
        var client = NewClient();
        var confirmed = $"kept-{t.Some.Token}@example.org";
        var forgotten = $"forgotten-{t.Some.Token}@example.org";
        await SubscribeAndConfirmAsync(client, confirmed, t);
        (await client.PostFormAsync("/subscribe", "/subscribe", Fields(forgotten, t))).StatusCode.Should().Be(HttpStatusCode.Redirect);
        Task<List<string>> AddressesAsync() => site.WithDbAsync(db => db.Subscriptions.AsNoTracking()
            .Where(s => s.Email == confirmed || s.Email == forgotten).Select(s => s.Email).OrderBy(e => e).ToListAsync());

        site.Clock.Advance(PurgeUnconfirmedSubscriptions.Grace - Duration.FromHours(1));
        await Job(s => s.GetRequiredService<PurgeUnconfirmedSubscriptions>().RunAsync());
        (await AddressesAsync()).Should().Equal(forgotten, confirmed);

        site.Clock.Advance(Duration.FromHours(2));
        await Job(s => s.GetRequiredService<PurgeUnconfirmedSubscriptions>().RunAsync());
        (await AddressesAsync()).Should().Equal(confirmed);
    }

    [Fact]
    public async Task A_spanish_daily_digest_groups_several_items_and_a_concurrent_run_sends_it_once()
    {
        var t = await site.CreateTaxonomyAsync();
        var client = NewClient();
        var email = $"lectora-{t.Some.Token}@example.org";
        await SubscribeAndConfirmAsync(client, email, t, "Daily", "es");
        var first = await site.SaveResourceAsync(t.Resource($"Primero {t.Some.Token}"));
        var second = await site.SaveResourceAsync(t.Resource($"Segundo {t.Some.Token}"));
        await RunJobAsync();
        (await site.WithDbAsync(db => db.SubscriptionDeliveries.AsNoTracking().CountAsync(d => d.ItemKind == ItemKind.Resource && (d.ItemId == first.Id || d.ItemId == second.Id))))
            .Should().Be(0, "the digest waits for its hour");

        // The last digest two days ago: one is due now.
        await site.WithDbAsync(db => db.Subscriptions.Where(s => s.Email == email)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.LastDigestAt, SystemClock.Instance.GetCurrentInstant() - Duration.FromDays(2))));
        var runs = await Task.WhenAll(RunJobAsync(), RunJobAsync(), RunJobAsync());
        runs.Sum().Should().BeGreaterThanOrEqualTo(0);

        var digest = await MailAsync(email, m => (m.Subject ?? "").Contains("resumen del día", StringComparison.Ordinal));
        digest.TextBody.Should().Contain("Recursos").And.Contain(first.Title).And.Contain(second.Title).And.Contain("/es/resources/");
        digest.Headers["List-Unsubscribe"].Should().Contain("/subscriptions/unsubscribe/");
        var id = await site.WithDbAsync(db => db.Subscriptions.AsNoTracking().Where(s => s.Email == email).Select(s => s.Id).SingleAsync());
        (await site.WithDbAsync(db => db.SubscriptionDeliveries.AsNoTracking().CountAsync(d => d.SubscriptionId == id))).Should().Be(2);
        (await site.WithDbAsync(db => db.Outbox.AsNoTracking().CountAsync(m => m.To == email))).Should().Be(2, "the confirmation and one digest");
    }

    [Fact]
    public async Task The_manage_page_changes_interests_and_a_repeat_subscription_only_mails_a_manage_link()
    {
        var t = await site.CreateTaxonomyAsync();
        var client = NewClient();
        var email = $"manager-{t.Some.Token}@example.org";
        var manage = await SubscribeAndConfirmAsync(client, email, t);
        var page = await client.GetAsync(manage);
        page.StatusCode.Should().Be(HttpStatusCode.OK);
        page.Headers.GetValues("Referrer-Policy").Should().Equal("no-referrer");
        var changed = await client.PostFormAsync(manage, manage, new Dictionary<string, string>
        {
            ["Form.Kinds"] = "Event",
            ["Form.Topics"] = t.OtherTopic.Slug,
            ["Form.Frequency"] = "Weekly",
            ["Form.Language"] = "es",
        });
        changed.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var row = await site.WithDbAsync(db => db.Subscriptions.AsNoTracking().SingleAsync(s => s.Email == email));
        row.Frequency.Should().Be(SubscriptionFrequency.Weekly);
        row.Language.Should().Be("es");
        row.Interests.Topics.Should().Equal([t.OtherTopic.Slug]);
        row.Interests.Kinds.Should().Equal([ItemKind.Event]);

        // Again from /subscribe: the same answer, the choices untouched, and a letter with a manage link.
        var again = await client.PostFormAsync("/subscribe", "/subscribe", Fields(email, t));
        again.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var letter = await MailAsync(email, m => (m.Subject ?? "").Contains("Su suscripción", StringComparison.Ordinal));
        (await client.GetAsync(PathIn(letter, ""))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await site.WithDbAsync(db => db.Subscriptions.AsNoTracking().SingleAsync(s => s.Email == email))).Frequency.Should().Be(SubscriptionFrequency.Weekly);
    }

    [Fact]
    public async Task Bad_input_is_refused_with_every_problem_and_nothing_stored()
    {
        var client = NewClient();
        var refused = await client.PostFormAsync("/subscribe", "/subscribe", new Dictionary<string, string>
        {
            ["Form.Email"] = "<script>alert(1)</script>not-an-address",
            ["Form.Topics"] = "<script>x</script>",
            ["Form.Frequency"] = "Immediate",
        });
        refused.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var html = await refused.Content.ReadAsStringAsync();
        html.Should().Contain("Enter a valid email address.")
            .And.Contain("Choose at least one kind of content: resources, events or news.")
            .And.NotContain("<script>alert(1)");
        (await client.GetAsync("/subscriptions/" + new string('x', 43))).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}

public sealed class SubscriptionOnSqlite(SqliteSiteWithSmtp site) : SubscriptionTests(site), IClassFixture<SqliteSiteWithSmtp>;

public sealed class SubscriptionOnPostgres(PostgresSiteWithSmtp site) : SubscriptionTests(site), IClassFixture<PostgresSiteWithSmtp>;
