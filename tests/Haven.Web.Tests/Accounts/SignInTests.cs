using System.Net;
using AwesomeAssertions;
using Haven.Core.Audit;
using Haven.TestSupport;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Haven.Web.Tests.Accounts;

/// <summary>Signing in over HTTP: the second step, recovery codes, signing out everywhere, and the audit entries
/// each leaves. Both databases.</summary>
public abstract class SignInTests(HavenFactory site)
{
    private HttpClient NewClient() => site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private Task<List<AuditEntry>> AuditAsync(string action, string summaryContains) =>
        site.WithDbAsync(db => db.AuditLog.AsNoTracking().Where(a => a.Action == action && a.Summary.Contains(summaryContains)).ToListAsync());

    private static async Task<string> PasswordStepAsync(HttpClient client, string email, string password = TestAccounts.Password)
    {
        var response = await client.PostFormAsync("/account/signin", "/account/signin", new Dictionary<string, string> { ["email"] = email, ["password"] = password });
        return response.Headers.Location?.ToString() ?? "";
    }

    [Fact]
    public async Task A_wrong_code_is_refused_audited_and_leaves_the_account_signed_out()
    {
        var email = await site.CreateAdministratorAsync();
        var client = NewClient();
        var codePage = await PasswordStepAsync(client, email);
        codePage.Should().StartWith("/account/signin/code");

        var right = await site.AuthenticatorCodeAsync(email);
        var wrong = right == "000000" ? "111111" : "000000";
        var response = await client.PostFormAsync(codePage, codePage, new Dictionary<string, string> { ["code"] = wrong });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        Html.Parse(await response.Content.ReadAsStringAsync()).QuerySelector(".problems").Should().NotBeNull();
        (await client.GetAsync("/admin")).Headers.Location!.ToString().Should().Contain("/account/signin");
        (await AuditAsync(AuditActions.SignInFailed, email)).Should().ContainSingle(a => a.Summary.Contains("wrong two-factor code"));
    }

    [Fact]
    public async Task The_code_page_is_only_reachable_after_the_password()
    {
        var response = await NewClient().GetAsync("/account/signin/code");
        response.Headers.Location!.ToString().Should().StartWith("/account/signin");
    }

    [Fact]
    public async Task A_recovery_code_signs_in_once()
    {
        var email = await site.CreateAdministratorAsync();
        var admin = await site.SignedInClientAsync(email);
        var page = await admin.PostFormAsync("/account/security", "/account/security?handler=RecoveryCodes", new Dictionary<string, string>());
        var codes = Html.Parse(await page.Content.ReadAsStringAsync()).QuerySelectorAll(".recovery-codes code").Select(c => c.TextContent).ToList();
        codes.Should().HaveCount(10);

        var first = NewClient();
        (await PasswordStepAsync(first, email)).Should().StartWith("/account/signin/code");
        var used = await first.PostFormAsync("/account/signin/code?recovery=true", "/account/signin/code?recovery=true",
            new Dictionary<string, string> { ["code"] = codes[0], ["recovery"] = "true" });
        used.Headers.Location?.ToString().Should().Be("/admin");

        var second = NewClient();
        await PasswordStepAsync(second, email);
        var reused = await second.PostFormAsync("/account/signin/code?recovery=true", "/account/signin/code?recovery=true",
            new Dictionary<string, string> { ["code"] = codes[0], ["recovery"] = "true" });
        reused.StatusCode.Should().Be(HttpStatusCode.OK);
        Html.Parse(await reused.Content.ReadAsStringAsync()).QuerySelector(".problems").Should().NotBeNull();
        (await AuditAsync(AuditActions.SignedIn, "recovery code")).Should().ContainSingle(a => a.ActorName == email);
    }

    [Fact]
    public async Task Signing_out_everywhere_ends_every_session_of_the_account()
    {
        var email = await site.CreateAdministratorAsync();
        var laptop = await site.SignedInClientAsync(email);
        var phone = await site.SignedInClientAsync(email);
        (await phone.GetAsync("/admin")).StatusCode.Should().Be(HttpStatusCode.OK);

        await laptop.PostFormAsync("/account/security", "/account/security?handler=SignOutEverywhere", new Dictionary<string, string>());

        (await phone.GetAsync("/admin")).Headers.Location!.ToString().Should().Contain("/account/signin");
        (await laptop.GetAsync("/admin")).Headers.Location!.ToString().Should().Contain("/account/signin");
        (await AuditAsync(AuditActions.SignedOutEverywhere, "every device")).Should().ContainSingle(a => a.ActorName == email);
    }

    [Fact]
    public async Task Sign_ins_and_failures_are_audited_with_the_address_typed()
    {
        var t = await site.CreateTaxonomyAsync();
        var email = await site.CreateMemberAsync(t.Organization.Id);
        await site.SignedInClientAsync(email);
        await PasswordStepAsync(NewClient(), email, "not the right passphrase");
        await PasswordStepAsync(NewClient(), $"nobody-{t.Some.Token}@example.org");

        (await AuditAsync(AuditActions.SignedIn, "password")).Should().Contain(a => a.ActorName == email);
        var signedIn = await site.SignedInClientAsync(email);
        await signedIn.PostFormAsync("/", "/account/signout", new Dictionary<string, string>());
        (await AuditAsync(AuditActions.SignedOut, "Signed out")).Should().Contain(a => a.ActorName == email);
        (await AuditAsync(AuditActions.SignInFailed, email)).Should().ContainSingle(a => a.Summary.Contains("wrong password") && a.ActorId == null);
        (await AuditAsync(AuditActions.SignInFailed, $"nobody-{t.Some.Token}")).Should().ContainSingle(a => a.Summary.Contains("no such account"));
    }

    [Fact]
    public async Task Administrators_cannot_turn_two_factor_sign_in_off()
    {
        var email = await site.CreateAdministratorAsync();
        var admin = await site.SignedInClientAsync(email);
        var response = await admin.PostFormAsync("/account/security", "/account/security?handler=Disable", new Dictionary<string, string>());
        (await response.Content.ReadAsStringAsync()).Should().Contain("Administrators must keep two-factor sign-in on.");
        (await admin.GetAsync("/admin")).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}

public sealed class SignInOnSqlite(SqliteSite site) : SignInTests(site), IClassFixture<SqliteSite>;

public sealed class SignInOnPostgres(PostgresSite site) : SignInTests(site), IClassFixture<PostgresSite>;

/// <summary>The sign-in limit, on a site of its own with a low limit.</summary>
public sealed class SignInRateLimitTests : IAsyncLifetime
{
    private readonly SqliteSite _site = new();

    public ValueTask InitializeAsync()
    {
        _site.Settings["Haven:RateLimits:SignInPerMinute"] = "3";
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Repeated_sign_in_attempts_from_one_address_are_slowed_down()
    {
        var client = _site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            var response = await client.PostFormAsync("/account/signin", "/account/signin",
                new Dictionary<string, string> { ["email"] = "someone@example.org", ["password"] = $"guess number {i} here" });
            statuses.Add(response.StatusCode);
        }

        statuses.Take(3).Should().AllSatisfy(s => s.Should().Be(HttpStatusCode.OK));
        statuses.Skip(3).Should().AllSatisfy(s => s.Should().Be(HttpStatusCode.TooManyRequests));
        // Reading the form is never limited.
        (await client.GetAsync("/account/signin")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    public async ValueTask DisposeAsync() => await _site.DisposeAsync();
}
