using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using AwesomeAssertions;
using Haven.Core.Accounts;
using Haven.Core.Audit;
using Haven.Core.Shared;
using Haven.TestSupport;
using Haven.Web.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Haven.Web.Tests.Accounts;

/// <summary>Password reset by email, over HTTP with the mail read back from a real SMTP server: the same answer for
/// every address, a link that works once, in the language it was asked in, that signs every session out and signs
/// nobody in. Both databases.</summary>
public abstract class PasswordResetTests(SiteWithSmtp site)
{
    private HttpClient NewClient() => site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [Fact]
    public async Task A_link_from_the_mail_sets_a_new_password_and_the_old_one_stops_working()
    {
        var t = await site.CreateTaxonomyAsync();
        var email = await site.CreateMemberAsync(t.Organization.Id);
        var client = NewClient();
        (await client.GetDocumentAsync("/account/signin")).QuerySelectorAll("a").Select(a => a.GetAttribute("href")).Should().Contain("/account/forgot");

        var asked = await PasswordResets.AskForLinkAsync(client, email);
        asked.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await client.GetDocumentAsync(asked.Headers.Location!.ToString())).QuerySelector(".notice")!.TextContent
            .Should().Contain("If an account has this address, we have sent it a link").And.Contain("2 hours");

        var mail = await site.MailToAsync(email);
        mail.From.Mailboxes.Single().Address.Should().Be(SiteWithSmtp.FromAddress);
        mail.Subject.Should().Be($"Choose a new password on {site.Services.GetRequiredService<SiteSettings>().Name}");
        mail.TextBody.Should().Contain("The link works once, within 2 hours.");
        var link = PasswordResets.LinkIn(mail);
        link.Should().StartWith("http://localhost/account/reset?email=");
        mail.HtmlBody.Should().Contain($"href=\"{WebUtility.HtmlEncode(link)}\"");

        var form = await client.GetDocumentAsync(PasswordResets.PathOf(link));
        var passwords = form.QuerySelectorAll("input[type=password]");
        passwords.Should().HaveCount(2).And.OnlyContain(i => i.GetAttribute("autocomplete") == "new-password");
        passwords.Should().OnlyContain(i => form.QuerySelector($"label[for={i.Id}]") != null);

        var newPassword = $"a new passphrase {t.Some.Token}";
        var chosen = await PasswordResets.ChooseAsync(client, link, newPassword);
        chosen.StatusCode.Should().Be(HttpStatusCode.Redirect);
        chosen.Headers.Location!.ToString().Should().Be("/account/signin?done=password-reset");
        (await client.GetDocumentAsync("/account/signin?done=password-reset")).QuerySelector(".notice-success")!.TextContent
            .Should().Contain("Your password has been changed");
        (await client.GetAsync("/admin")).Headers.Location!.ToString().Should().Contain("/account/signin", "a reset does not sign anyone in");

        (await site.PasswordStepAsync(email, TestAccounts.Password)).Should().BeNull("the old password no longer works");
        (await site.PasswordStepAsync(email, newPassword)).Should().Be("/admin");

        var id = await site.AccountIdAsync(email);
        (await site.AuditAsync(AuditActions.PasswordResetRequested, id)).Should().ContainSingle()
            .Which.Should().Match<AuditEntry>(a => a.ActorId == null && a.Summary.Contains(email));
        (await site.AuditAsync(AuditActions.PasswordReset, id)).Should().ContainSingle()
            .Which.ActorId.Should().Be(id);
    }

    [Fact]
    public async Task An_unknown_address_gets_the_same_answer_no_mail_and_an_audit_entry()
    {
        var t = await site.CreateTaxonomyAsync();
        var known = await site.CreateMemberAsync(t.Organization.Id);
        var unknown = $"nobody-{t.Some.Token}@example.org";

        var toKnown = await PasswordResets.AskForLinkAsync(NewClient(), known);
        var toUnknown = await PasswordResets.AskForLinkAsync(NewClient(), unknown);

        toUnknown.StatusCode.Should().Be(toKnown.StatusCode);
        toUnknown.Headers.Location.Should().Be(toKnown.Headers.Location);
        var knownAnswer = (await NewClient().GetDocumentAsync(toKnown.Headers.Location!.ToString())).QuerySelector("main")!.TextContent;
        var unknownAnswer = (await NewClient().GetDocumentAsync(toUnknown.Headers.Location!.ToString())).QuerySelector("main")!.TextContent;
        unknownAnswer.Should().Be(knownAnswer);

        // Mail only ever leaves through the outbox: nothing queued is nothing sent.
        await site.MailToAsync(known);
        (await site.WithDbAsync(db => db.Outbox.AnyAsync(m => m.To == unknown))).Should().BeFalse();
        site.Smtp.Received().Should().NotContain(m => m.To.Mailboxes.Any(b => b.Address == unknown));

        var probes = await site.WithDbAsync(db => db.AuditLog.AsNoTracking()
            .Where(a => a.Action == AuditActions.PasswordResetRequested && a.Summary.Contains(unknown)).ToListAsync());
        probes.Should().ContainSingle().Which.Should().Match<AuditEntry>(a =>
            a.ActorId == null && a.ActorName == "anonymous" && a.SubjectId == "" && a.Summary.Contains("no such account"));
    }

    [Fact]
    public async Task Something_that_is_not_an_address_is_asked_for_again()
    {
        var response = await PasswordResets.AskForLinkAsync(NewClient(), "not an address");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var page = Html.Parse(await response.Content.ReadAsStringAsync());
        page.QuerySelector("#email-error")!.TextContent.Should().Contain("Type the email address of your account.");
        page.QuerySelector("#email")!.GetAttribute("value").Should().Be("not an address");
        (await site.WithDbAsync(db => db.AuditLog.AnyAsync(a => a.Action == AuditActions.PasswordResetRequested && a.Summary.Contains("not an address"))))
            .Should().BeFalse();
    }

    [Fact]
    public async Task A_link_works_once()
    {
        var t = await site.CreateTaxonomyAsync();
        var email = await site.CreateMemberAsync(t.Organization.Id);
        var client = NewClient();
        await PasswordResets.AskForLinkAsync(client, email);
        var link = PasswordResets.LinkIn(await site.MailToAsync(email));
        var first = $"the first new passphrase {t.Some.Token}";
        (await PasswordResets.ChooseAsync(client, link, first)).StatusCode.Should().Be(HttpStatusCode.Redirect);

        var again = await client.GetDocumentAsync(PasswordResets.PathOf(link));
        again.QuerySelector(".problems")!.TextContent.Should().Contain("This link has expired or was already used. Ask for a new one.");
        again.QuerySelector("input[type=password]").Should().BeNull();
        again.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).Should().Contain("/account/forgot");

        var reused = await PasswordResets.ChooseAsync(client, link, $"the second new passphrase {t.Some.Token}", formPage: "/account/forgot");
        reused.StatusCode.Should().Be(HttpStatusCode.OK);
        Html.Parse(await reused.Content.ReadAsStringAsync()).QuerySelector(".problems")!.TextContent.Should().Contain("expired or was already used");
        (await site.PasswordStepAsync(email, first)).Should().Be("/admin");
        (await site.AuditAsync(AuditActions.PasswordReset, await site.AccountIdAsync(email))).Should().ContainSingle();
    }

    [Fact]
    public async Task Mismatched_or_short_passwords_are_refused_next_to_their_field_and_change_nothing()
    {
        var t = await site.CreateTaxonomyAsync();
        var email = await site.CreateMemberAsync(t.Organization.Id);
        var client = NewClient();
        await PasswordResets.AskForLinkAsync(client, email);
        var link = PasswordResets.LinkIn(await site.MailToAsync(email));
        var before = await site.PasswordAndStampAsync(email);

        var mismatched = await PasswordResets.ChooseAsync(client, link, $"one new passphrase {t.Some.Token}", $"another new passphrase {t.Some.Token}");
        mismatched.StatusCode.Should().Be(HttpStatusCode.OK);
        var page = Html.Parse(await mismatched.Content.ReadAsStringAsync());
        page.QuerySelector("#ConfirmPassword-error")!.TextContent.Should().Contain("The two passwords are not the same.");
        page.QuerySelector("#ConfirmPassword")!.GetAttribute("aria-invalid").Should().Be("true");

        var tooShort = await PasswordResets.ChooseAsync(client, link, "short one");
        tooShort.StatusCode.Should().Be(HttpStatusCode.OK);
        Html.Parse(await tooShort.Content.ReadAsStringAsync()).QuerySelector("#Password-error")!.TextContent.Should().Contain("Use at least 12 characters.");

        (await site.PasswordAndStampAsync(email)).Should().Be(before);
        (await site.AuditAsync(AuditActions.PasswordReset, await site.AccountIdAsync(email))).Should().BeEmpty();
        // The link still works for a password that is fine.
        (await PasswordResets.ChooseAsync(client, link, $"a long enough passphrase {t.Some.Token}")).StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task A_request_in_spanish_gets_a_spanish_mail_with_a_spanish_link()
    {
        var t = await site.CreateTaxonomyAsync();
        var email = await site.CreateMemberAsync(t.Organization.Id);
        var client = NewClient();

        var asked = await PasswordResets.AskForLinkAsync(client, email, "/es");
        asked.Headers.Location!.ToString().Should().StartWith("/es/account/forgot");
        (await client.GetDocumentAsync(asked.Headers.Location!.ToString())).QuerySelector(".notice")!.TextContent.Should().Contain("2 horas");

        var mail = await site.MailToAsync(email);
        mail.Subject.Should().StartWith("Elija una nueva contraseña en ");
        mail.TextBody.Should().Contain("Alguien, probablemente usted, pidió elegir una nueva contraseña").And.Contain("durante 2 horas");
        var link = PasswordResets.LinkIn(mail);
        link.Should().StartWith("http://localhost/es/account/reset?email=");

        var form = await client.GetDocumentAsync(PasswordResets.PathOf(link));
        form.DocumentElement.GetAttribute("lang").Should().Be("es");
        form.QuerySelector("h1")!.TextContent.Should().Be("Elija una nueva contraseña");
        var mismatched = await PasswordResets.ChooseAsync(client, link, $"una contraseña nueva {t.Some.Token}", "otra distinta");
        Html.Parse(await mismatched.Content.ReadAsStringAsync()).QuerySelector("#ConfirmPassword-error")!.TextContent.Should().Contain("Las dos contraseñas no coinciden.");

        var chosen = await PasswordResets.ChooseAsync(client, link, $"una contraseña nueva {t.Some.Token}");
        chosen.Headers.Location!.ToString().Should().Be("/es/account/signin?done=password-reset");
    }

    [Fact]
    public async Task A_new_password_signs_out_every_other_session_and_administrators_still_give_their_second_factor()
    {
        var email = await site.CreateAdministratorAsync();
        var laptop = await site.SignedInClientAsync(email);
        (await laptop.GetAsync("/admin")).StatusCode.Should().Be(HttpStatusCode.OK);

        var phone = NewClient();
        await PasswordResets.AskForLinkAsync(phone, email);
        var link = PasswordResets.LinkIn(await site.MailToAsync(email));
        var newPassword = $"an administrator's new passphrase {Guid.NewGuid():N}";
        (await PasswordResets.ChooseAsync(phone, link, newPassword)).StatusCode.Should().Be(HttpStatusCode.Redirect);

        (await laptop.GetAsync("/admin")).Headers.Location!.ToString().Should().Contain("/account/signin");
        (await phone.GetAsync("/admin")).Headers.Location!.ToString().Should().Contain("/account/signin");
        (await site.PasswordStepAsync(email, newPassword)).Should().StartWith("/account/signin/code");
    }

    [Fact]
    public async Task A_new_password_ends_a_lockout()
    {
        var t = await site.CreateTaxonomyAsync();
        var email = await site.CreateMemberAsync(t.Organization.Id);
        for (var i = 0; i < 5; i++) await site.PasswordStepAsync(email, $"wrong guess number {i}");
        (await site.PasswordStepAsync(email, TestAccounts.Password)).Should().BeNull("five failures lock the account");

        var client = NewClient();
        await PasswordResets.AskForLinkAsync(client, email);
        var link = PasswordResets.LinkIn(await site.MailToAsync(email));
        var newPassword = $"unlocked passphrase {t.Some.Token}";
        (await PasswordResets.ChooseAsync(client, link, newPassword)).StatusCode.Should().Be(HttpStatusCode.Redirect);

        (await site.PasswordStepAsync(email, newPassword)).Should().Be("/admin");
    }
}

public sealed class PasswordResetOnSqlite(SqliteSiteWithSmtp site) : PasswordResetTests(site), IClassFixture<SqliteSiteWithSmtp>;

public sealed class PasswordResetOnPostgres(PostgresSiteWithSmtp site) : PasswordResetTests(site), IClassFixture<PostgresSiteWithSmtp>;

/// <summary>Expiry, on sites whose links last one second. Identity's token provider reads the system clock (not the
/// site's FakeClock), so the test waits a little over that second.</summary>
public abstract class PasswordResetExpiryTests(SiteWithSmtp site)
{
    public static readonly TimeSpan Lifespan = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task An_expired_link_is_refused_and_changes_nothing()
    {
        var t = await site.CreateTaxonomyAsync();
        var email = await site.CreateMemberAsync(t.Organization.Id);
        var client = site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await PasswordResets.AskForLinkAsync(client, email);
        // The token was made before the answer came back, so it has expired once its lifespan has passed since then.
        var sinceAnswer = Stopwatch.StartNew();
        var link = PasswordResets.LinkIn(await site.MailToAsync(email));
        var wait = Lifespan + TimeSpan.FromMilliseconds(200) - sinceAnswer.Elapsed;
        if (wait > TimeSpan.Zero) await Task.Delay(wait);

        var page = await client.GetDocumentAsync(PasswordResets.PathOf(link));
        page.QuerySelector(".problems")!.TextContent.Should().Contain("This link has expired or was already used. Ask for a new one.");
        page.QuerySelector("input[type=password]").Should().BeNull();

        var before = await site.PasswordAndStampAsync(email);
        var refused = await PasswordResets.ChooseAsync(client, link, $"too late a passphrase {t.Some.Token}", formPage: "/account/forgot");
        refused.StatusCode.Should().Be(HttpStatusCode.OK);
        (await site.PasswordAndStampAsync(email)).Should().Be(before);
        (await site.PasswordStepAsync(email, TestAccounts.Password)).Should().Be("/admin");
    }
}

public sealed class SqliteSiteWithShortResetLinks() : SiteWithSmtp(DatabaseProvider.Sqlite)
{
    protected override void ConfigureServices(IServiceCollection services) =>
        services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = PasswordResetExpiryTests.Lifespan);
}

public sealed class PostgresSiteWithShortResetLinks() : SiteWithSmtp(DatabaseProvider.Postgres)
{
    protected override void ConfigureServices(IServiceCollection services) =>
        services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = PasswordResetExpiryTests.Lifespan);
}

public sealed class PasswordResetExpiryOnSqlite(SqliteSiteWithShortResetLinks site) : PasswordResetExpiryTests(site), IClassFixture<SqliteSiteWithShortResetLinks>;

public sealed class PasswordResetExpiryOnPostgres(PostgresSiteWithShortResetLinks site) : PasswordResetExpiryTests(site), IClassFixture<PostgresSiteWithShortResetLinks>;

/// <summary>The request form shares the sign-in limit, on a site of its own with a low limit.</summary>
public sealed class PasswordResetRateLimitTests : IAsyncLifetime
{
    private readonly SqliteSite _site = new();

    public ValueTask InitializeAsync()
    {
        _site.Settings["Haven:RateLimits:SignInPerMinute"] = "3";
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Repeated_reset_requests_from_one_address_are_slowed_down()
    {
        var client = _site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
            statuses.Add((await PasswordResets.AskForLinkAsync(client, $"someone-{i}@example.org")).StatusCode);

        statuses.Take(3).Should().AllSatisfy(s => s.Should().Be(HttpStatusCode.Redirect));
        statuses.Skip(3).Should().AllSatisfy(s => s.Should().Be(HttpStatusCode.TooManyRequests));
        (await client.GetAsync("/account/forgot")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    public async ValueTask DisposeAsync() => await _site.DisposeAsync();
}

/// <summary>Steps of a password reset as a browser and a mail reader take them.</summary>
internal static partial class PasswordResets
{
    public static Task<HttpResponseMessage> AskForLinkAsync(HttpClient client, string email, string language = "") =>
        client.PostFormAsync($"{language}/account/forgot", $"{language}/account/forgot", new Dictionary<string, string> { ["email"] = email });

    /// <summary>The one mail received for <paramref name="email"/> (every test's accounts are new).</summary>
    public static async Task<MimeMessage> MailToAsync(this SiteWithSmtp site, string email) =>
        (await site.Smtp.WaitForAsync(m => m.To.Mailboxes.Any(b => b.Address == email))).Single();

    public static string LinkIn(MimeMessage mail)
    {
        var match = ResetLink().Match(mail.TextBody ?? "");
        return match.Success ? match.Value : throw new InvalidOperationException($"No reset link in:\n{mail.TextBody}");
    }

    public static string PathOf(string link) => new Uri(link).PathAndQuery;

    /// <summary>Posts the reset form the link opens, as its page would; <paramref name="formPage"/> is where the
    /// antiforgery token is taken from when the link's own page no longer shows the form.</summary>
    public static Task<HttpResponseMessage> ChooseAsync(HttpClient client, string link, string password, string? again = null, string? formPage = null)
    {
        var query = QueryHelpers.ParseQuery(new Uri(link).Query);
        return client.PostFormAsync(formPage ?? PathOf(link), PathOf(link), new Dictionary<string, string>
        {
            ["email"] = query["email"].ToString(),
            ["token"] = query["token"].ToString(),
            ["password"] = password,
            ["confirmPassword"] = again ?? password,
        });
    }

    /// <summary>The password step of signing in from a new browser: where it redirects, or null when it is refused.</summary>
    public static async Task<string?> PasswordStepAsync(this HavenFactory site, string email, string password)
    {
        var client = site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.PostFormAsync("/account/signin", "/account/signin", new Dictionary<string, string> { ["email"] = email, ["password"] = password });
        return response.StatusCode == HttpStatusCode.Redirect ? response.Headers.Location!.ToString() : null;
    }

    public static async Task<string> AccountIdAsync(this HavenFactory site, string email)
    {
        await using var scope = site.Scope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<HavenUser>>().FindByEmailAsync(email);
        return user?.Id ?? throw new InvalidOperationException($"No account {email}");
    }

    public static Task<(string? Hash, string? Stamp)> PasswordAndStampAsync(this HavenFactory site, string email) =>
        site.WithDbAsync(async db =>
        {
            var user = await db.Users.AsNoTracking().SingleAsync(u => u.NormalizedEmail == email.ToUpperInvariant());
            return (user.PasswordHash, user.SecurityStamp);
        });

    public static Task<List<AuditEntry>> AuditAsync(this HavenFactory site, string action, string subjectId) =>
        site.WithDbAsync(db => db.AuditLog.AsNoTracking().Where(a => a.Action == action && a.SubjectId == subjectId).ToListAsync());

    [GeneratedRegex(@"https?://\S+/account/reset\?\S+")]
    private static partial Regex ResetLink();
}
