using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using AwesomeAssertions;
using Haven.Core.Accounts;
using Haven.Core.Data;
using Haven.Core.Events;
using Haven.Core.Mail;
using Haven.Core.Organizations;
using Haven.Core.Resources;
using Haven.TestSupport;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Haven.ScaleOutTests;

/// <summary>Two Haven instances on one PostgreSQL database and one Redis, behind nginx (deploy/local-cluster.sh): what
/// a visitor or an editor does through the proxy works whichever instance answers, and nothing happens twice.</summary>
public sealed class ScaleOutTests(Cluster cluster, ITestOutputHelper output) : IClassFixture<Cluster>
{
    private const string Upstream = "X-Haven-Upstream";

    [Fact]
    public async Task Registrations_spread_over_both_instances_never_exceed_capacity_and_each_letter_is_sent_once()
    {
        const int seats = 25;
        const int people = 75;
        var token = new Some().Token;
        var e = await EventAsync(token, seats);

        var watch = Stopwatch.StartNew();
        var results = await RegisterAsync(e.Slug, token, people, parallel: 12);
        watch.Stop();
        output.WriteLine($"{people} registrations through nginx in {watch.Elapsed.TotalSeconds:F2} s: {people / watch.Elapsed.TotalSeconds:F0}/s; " +
                         $"by instance: {string.Join(", ", results.GroupBy(r => r.Upstream).Select(g => $"{g.Key} {g.Count()}"))}");

        results.Should().OnlyContain(r => r.Status == HttpStatusCode.Redirect || r.Status == HttpStatusCode.SeeOther, "every registration is answered with its private page");
        results.Select(r => r.Upstream).Distinct().Should().BeEquivalentTo([$"127.0.0.1:{cluster.PortA}", $"127.0.0.1:{cluster.PortB}"]);
        var counts = await WithDbAsync(db => db.Registrations.AsNoTracking().Where(r => r.EventId == e.Id)
            .GroupBy(r => r.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync());
        counts.Single(c => c.Key == RegistrationStatus.Confirmed).Count.Should().Be(seats);
        counts.Single(c => c.Key == RegistrationStatus.Waitlisted).Count.Should().Be(people - seats);

        var emails = results.Select(r => r.Email).ToHashSet(StringComparer.OrdinalIgnoreCase);
        await cluster.Smtp.WaitForAsync(m => m.To.Mailboxes.Any(a => emails.Contains(a.Address)), people, TimeSpan.FromSeconds(60));
        // Both dispatchers keep running; give a duplicate the time to appear if either would send one.
        await Task.Delay(TimeSpan.FromSeconds(3));
        var letters = cluster.Smtp.Received().SelectMany(m => m.To.Mailboxes).Where(a => emails.Contains(a.Address))
            .GroupBy(a => a.Address, StringComparer.OrdinalIgnoreCase).ToList();
        letters.Should().HaveCount(people);
        letters.Should().OnlyContain(g => g.Count() == 1, "each registrant gets exactly one letter");
    }

    [Fact]
    public async Task A_signed_in_editor_stays_signed_in_whichever_instance_answers()
    {
        var email = await AdministratorAsync();
        var (client, cookies) = await SignedInAsync(email);

        var upstreams = new HashSet<string>();
        for (var i = 0; i < 10; i++)
        {
            var response = await client.GetAsync("/admin");
            response.StatusCode.Should().Be(HttpStatusCode.OK, "the session cookie made by one instance is accepted by the other");
            upstreams.Add(response.Headers.GetValues(Upstream).Single());
        }
        upstreams.Should().HaveCount(2);

        // A form read from one instance is posted to the other: the antiforgery token made on A is accepted by B.
        var a = cluster.Client(cluster.InstanceA, cookies);
        var token = new Some().Token;
        var posted = await a.PostFormAsync("/admin/people/new", new Uri(cluster.InstanceB, "/admin/people/new").ToString(), new Dictionary<string, string>
        {
            ["Form.Name"] = $"Rosa Ibarra {token}",
            ["Form.Slug"] = "",
        });
        posted.StatusCode.Should().Be(HttpStatusCode.Redirect, await posted.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_organization_saved_with_a_logo_on_one_instance_is_shown_with_its_logo_by_the_other_at_once()
    {
        var email = await AdministratorAsync();
        var (_, cookies) = await SignedInAsync(email);
        var a = cluster.Client(cluster.InstanceA, cookies);
        var b = cluster.Client(cluster.InstanceB);
        var name = $"Borderlands Defenders {new Some().Token}";
        var png = TestImages.Png(3, 3);

        var saved = await a.PostMultipartFormAsync("/admin/organizations/new", "/admin/organizations/new",
            [new("Form.Name", name), new("Form.ShortName", "BD"), new("Form.Slug", ""), new("Form.Website", "https://borderlands.example.org"),
             new("Form.ContactEmail", "intake@borderlands.example.org"), new("Form.Description", "Defenders at the border.")],
            new UploadedFile("Form.Logo", "logo.png", "image/png", png));
        saved.StatusCode.Should().Be(HttpStatusCode.Redirect, await saved.Content.ReadAsStringAsync());
        var slug = await WithDbAsync(db => db.Organizations.Where(o => o.Name == name).Select(o => o.Slug).SingleAsync());

        var page = Html.Parse(await b.GetStringAsync($"/organizations/{slug}"));
        page.QuerySelector("h1")!.TextContent.Should().Be(name);
        var logo = page.QuerySelector("img.org-logo")!.GetAttribute("src")!;
        var bytes = await b.GetByteArrayAsync(logo);
        bytes.Should().Equal(png, "the file uploaded through one instance is read from the shared files folder by the other");
    }

    [Fact]
    public async Task Killing_one_instance_mid_load_loses_no_confirmed_registration()
    {
        const int people = 120;
        var token = new Some().Token;
        var e = await EventAsync(token, seats: 1000);
        var done = 0;
        var killed = false;
        var kill = Task.Run(async () =>
        {
            while (Volatile.Read(ref done) < people / 3) await Task.Delay(10);
            await cluster.KillAsync("a");
            killed = true;
        });

        List<Attempt> results;
        try
        {
            results = await RegisterAsync(e.Slug, token, people, parallel: 8, () => Interlocked.Increment(ref done));
            await kill;
        }
        finally
        {
            await cluster.RestartAsync("a");
        }

        killed.Should().BeTrue();
        var confirmed = results.Where(r => r.Status is HttpStatusCode.Redirect or HttpStatusCode.SeeOther).Select(r => r.Email).ToList();
        output.WriteLine($"{people} attempts, instance a killed after {people / 3}: {confirmed.Count} answered with a redirect, " +
                         $"{results.Count(r => r.Status == HttpStatusCode.BadGateway)} 502, {results.Count(r => r.Status == 0)} failed connections, " +
                         $"others: {string.Join(", ", results.Where(r => r.Status is not (HttpStatusCode.Redirect or HttpStatusCode.SeeOther or HttpStatusCode.BadGateway) && r.Status != 0).Select(r => (int)r.Status))}");
        confirmed.Count.Should().BeGreaterThan(people / 3);

        var stored = await WithDbAsync(db => db.Registrations.AsNoTracking().Where(r => r.EventId == e.Id && r.Status == RegistrationStatus.Confirmed)
            .Select(r => r.Email).ToListAsync());
        stored.Should().Contain(confirmed, "every registration the client saw confirmed is in the database");
        var outbox = await WithDbAsync(db => db.Outbox.AsNoTracking().Where(m => confirmed.Contains(m.To)).ToListAsync());
        outbox.Select(m => m.To).Should().Contain(confirmed, "each confirmed registration's letter was committed with it");

        // The survivor sends what the dead instance left in the outbox at its next poll; a letter the dead instance
        // had claimed but not finished waits for its lease to end (MailDispatcher.Lease) and then goes from here.
        var now = SystemClock.Instance.GetCurrentInstant();
        var leased = outbox.Where(m => m.Status == OutboxStatus.Pending && m.NextAttemptAt > now + Duration.FromMinutes(1)).Select(m => m.To).ToHashSet();
        var expected = confirmed.Where(c => !leased.Contains(c)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        await cluster.Smtp.WaitForAsync(m => m.To.Mailboxes.Any(a => expected.Contains(a.Address)), expected.Count, TimeSpan.FromSeconds(60));
        var letters = cluster.Smtp.Received().SelectMany(m => m.To.Mailboxes).Where(a => expected.Contains(a.Address))
            .GroupBy(a => a.Address, StringComparer.OrdinalIgnoreCase).ToList();
        output.WriteLine($"letters: {letters.Count} delivered, {leased.Count} held by the killed instance's lease");
        letters.Should().HaveCount(expected.Count).And.OnlyContain(g => g.Count() == 1);
    }

    [Fact]
    public async Task A_rename_on_one_instance_reaches_the_other_instances_cached_facet_labels_at_once()
    {
        var token = new Some().Token;
        int organizationId;
        await using (var scope = cluster.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HavenDbContext>();
            var organization = new Organization { Slug = $"renamers-{token}", Name = $"Renamers {token}" };
            db.Organizations.Add(organization);
            await db.SaveChangesAsync();
            organizationId = organization.Id;
            var saved = await scope.ServiceProvider.GetRequiredService<SaveResource>().RunAsync(new ResourceEdit
            {
                Fields = new ResourceSnapshot
                {
                    Title = $"Detainer guide {token}", Summary = "A guide.", Body = "", Type = ResourceType.PracticeAdvisory,
                    Language = "en", PublishedOn = "2024-05-01", AuthorIds = [organization.Id],
                },
                Action = SaveAction.Publish,
                Actor = Actor.System("scale-out test"),
            });
            saved.Succeeded.Should().BeTrue(string.Join("; ", saved.Problems));
        }
        var b = cluster.Client(cluster.InstanceB);
        (await OrganizationFacetAsync(b, token, $"renamers-{token}")).Should().Be($"Renamers {token}");

        // The rename keeps the address, so no search change row is written: only the content-change notice tells B.
        var email = await AdministratorAsync();
        var (_, cookies) = await SignedInAsync(email);
        var a = cluster.Client(cluster.InstanceA, cookies);
        var edit = $"/admin/organizations/{organizationId}/edit";
        var renamed = await a.PostMultipartFormAsync(edit, edit,
            [new("Form.Name", $"Renamed Defenders {token}"), new("Form.ShortName", ""), new("Form.Slug", $"renamers-{token}"),
             new("Form.Website", ""), new("Form.ContactEmail", ""), new("Form.Description", "")]);
        renamed.StatusCode.Should().Be(HttpStatusCode.Redirect, await renamed.Content.ReadAsStringAsync());

        var watch = Stopwatch.StartNew();
        string? label;
        do
        {
            label = await OrganizationFacetAsync(b, token, $"renamers-{token}");
        }
        while (label != $"Renamed Defenders {token}" && watch.Elapsed < TimeSpan.FromSeconds(5));
        output.WriteLine($"the other instance showed the new name after {watch.ElapsedMilliseconds} ms");
        label.Should().Be($"Renamed Defenders {token}", "the cached labels would otherwise last a minute (TaxonomyLabels.MaxAge)");
    }

    [Fact]
    public async Task Rate_limits_are_counted_once_for_the_whole_cluster()
    {
        // Comments: 5 a minute per address (the default). Without shared counters the two instances would allow 10.
        // Windows are whole clock minutes (RedisFixedWindow), so the six posts must not straddle one's end: a new
        // window would count the last post as the first of its minute.
        var intoMinute = TimeSpan.FromMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() % 60_000);
        if (intoMinute > TimeSpan.FromSeconds(45)) await Task.Delay(TimeSpan.FromMinutes(1) - intoMinute + TimeSpan.FromMilliseconds(200));
        var client = cluster.Client();
        var statuses = new List<HttpStatusCode>();
        var upstreams = new HashSet<string>();
        for (var i = 0; i < 6; i++)
        {
            var response = await client.PostAsync("/comments/resource/1", new FormUrlEncodedContent([new("Body", "Hello")]));
            statuses.Add(response.StatusCode);
            upstreams.Add(response.Headers.GetValues(Upstream).Single());
        }
        upstreams.Should().HaveCount(2);
        statuses.Take(5).Should().NotContain(HttpStatusCode.TooManyRequests);
        statuses[5].Should().Be(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Registration_throughput_through_nginx()
    {
        var token = new Some().Token;
        var e = await EventAsync(token, seats: 10_000);
        // Warm both instances up (first requests compile the pages), then measure.
        await RegisterAsync(e.Slug, "warm" + token, 24, parallel: 8);
        const int people = 240;
        var watch = Stopwatch.StartNew();
        var results = await RegisterAsync(e.Slug, token, people, parallel: 16);
        watch.Stop();
        // The yardstick, in the same run: the same number of bare answers through the same proxy, clients and instances.
        var plain = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, people), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (_, ct) =>
        {
            using var client = cluster.Client();
            (await client.GetAsync("/_bench/plaintext", ct)).StatusCode.Should().Be(HttpStatusCode.OK);
        });
        plain.Stop();
        var rate = people / watch.Elapsed.TotalSeconds;
        var plainRate = people / plain.Elapsed.TotalSeconds;
        output.WriteLine($"{people} registrations (each a GET of the form and its POST) through nginx in {watch.Elapsed.TotalSeconds:F2} s: " +
                         $"{rate:F0}/s; plaintext through nginx {plainRate:F0}/s; ratio {rate / plainRate:F3}; " +
                         $"by instance: {string.Join(", ", results.GroupBy(r => r.Upstream).Select(g => $"{g.Key} {g.Count()}"))}");
        results.Should().OnlyContain(r => r.Status == HttpStatusCode.Redirect || r.Status == HttpStatusCode.SeeOther);
        var confirmed = await WithDbAsync(db => db.Registrations.CountAsync(r => r.EventId == e.Id && r.Status == RegistrationStatus.Confirmed));
        confirmed.Should().Be(people + 24);
    }

    private static async Task<string?> OrganizationFacetAsync(HttpClient client, string token, string slug)
    {
        var page = Html.Parse(await client.GetStringAsync($"/resources?q={token}"));
        return page.QuerySelectorAll("a.facet-option").FirstOrDefault(o => o.GetAttribute("data-value") == slug)
            ?.QuerySelector(".facet-label")?.TextContent.Trim();
    }

    private sealed record Attempt(string Email, HttpStatusCode Status, string Upstream);

    private async Task<List<Attempt>> RegisterAsync(string slug, string token, int people, int parallel, Action? afterEach = null)
    {
        var results = new ConcurrentBag<Attempt>();
        await Parallel.ForEachAsync(Enumerable.Range(0, people), new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (i, ct) =>
        {
            var email = $"p{i}-{token}@example.org";
            using var client = cluster.Client();
            try
            {
                var response = await client.PostFormAsync($"/events/{slug}", $"/events/{slug}?handler=Register", new Dictionary<string, string>
                {
                    ["Form.Name"] = $"Person {i}",
                    ["Form.Email"] = email,
                    ["Form.Organization"] = "",
                });
                results.Add(new Attempt(email, response.StatusCode, response.Headers.TryGetValues(Upstream, out var u) ? u.First() : ""));
            }
            catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException or TaskCanceledException)
            {
                // The instance died under the request (or under the form's GET): no answer, no promise made.
                results.Add(new Attempt(email, 0, ""));
            }
            afterEach?.Invoke();
        });
        return results.ToList();
    }

    private async Task<Event> EventAsync(string token, int seats)
    {
        var now = SystemClock.Instance.GetCurrentInstant();
        return await WithDbAsync(async db =>
        {
            var e = new Event
            {
                Slug = $"cluster-{token}",
                Title = $"Cluster meeting {token}",
                TimeZoneId = "America/New_York",
                StartsAt = now + Duration.FromDays(10),
                Capacity = seats,
                RegistrationMode = RegistrationMode.Open,
                CreatedAt = now,
                UpdatedAt = now,
            };
            db.Events.Add(e);
            await db.SaveChangesAsync();
            return e;
        });
    }

    private async Task<string> AdministratorAsync()
    {
        var email = $"admin-{Guid.NewGuid():N}@example.org";
        await using var scope = cluster.Scope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<HavenUser>>();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        try
        {
            if (!await roles.RoleExistsAsync(Roles.Administrator)) await roles.CreateAsync(new IdentityRole(Roles.Administrator));
        }
        catch (DbUpdateException)
        {
            // Another test created it meanwhile.
        }
        var user = new HavenUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Cluster admin" };
        (await users.CreateAsync(user, TestAccounts.Password)).Succeeded.Should().BeTrue();
        (await users.AddToRoleAsync(user, Roles.Administrator)).Succeeded.Should().BeTrue();
        await users.ResetAuthenticatorKeyAsync(user);
        await users.SetTwoFactorEnabledAsync(user, true);
        return email;
    }

    /// <summary>Signs in through nginx with the password and the authenticator's code.</summary>
    private async Task<(HttpClient Client, CookieContainer Cookies)> SignedInAsync(string email)
    {
        var cookies = new CookieContainer();
        var client = cluster.Client(cookies: cookies);
        var response = await client.PostFormAsync("/account/signin", "/account/signin", new Dictionary<string, string> { ["email"] = email, ["password"] = TestAccounts.Password });
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var next = response.Headers.Location!.ToString();
        if (next.Contains("/account/signin/code", StringComparison.Ordinal))
        {
            string key;
            await using (var scope = cluster.Scope())
            {
                var users = scope.ServiceProvider.GetRequiredService<UserManager<HavenUser>>();
                key = (await users.GetAuthenticatorKeyAsync((await users.FindByEmailAsync(email))!))!;
            }
            response = await client.PostFormAsync(next, next, new Dictionary<string, string> { ["code"] = TestAccounts.CodeFor(key) });
            response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        }
        return (client, cookies);
    }

    private async Task<T> WithDbAsync<T>(Func<HavenDbContext, Task<T>> work)
    {
        await using var scope = cluster.Scope();
        return await work(scope.ServiceProvider.GetRequiredService<HavenDbContext>());
    }
}
