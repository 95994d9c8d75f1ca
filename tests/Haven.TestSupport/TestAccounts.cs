using System.Net;
using System.Text.RegularExpressions;
using Haven.Core.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Haven.TestSupport;

/// <summary>Intent methods for signing in and posting forms the way a browser does (with the antiforgery token).</summary>
public static partial class TestAccounts
{
    public const string Password = "correct horse battery staple";

    public static async Task<string> CreateAdministratorAsync(this HavenFactory site)
    {
        var email = $"admin-{Guid.NewGuid():N}@example.org";
        await using var scope = site.Scope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<HavenUser>>();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        if (!await roles.RoleExistsAsync(Roles.Administrator)) await roles.CreateAsync(new IdentityRole(Roles.Administrator));
        var user = new HavenUser { UserName = email, Email = email, EmailConfirmed = true };
        var created = await users.CreateAsync(user, Password);
        if (!created.Succeeded) throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(user, Roles.Administrator);
        // Administrators must use two-factor sign-in: set it up as the security page would.
        await users.ResetAuthenticatorKeyAsync(user);
        await users.SetTwoFactorEnabledAsync(user, true);
        return email;
    }

    /// <summary>A new account with the Moderator role (comments and endorsements).</summary>
    public static async Task<string> CreateModeratorAsync(this HavenFactory site)
    {
        var email = $"moderator-{Guid.NewGuid():N}@example.org";
        await using var scope = site.Scope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<HavenUser>>();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        if (!await roles.RoleExistsAsync(Roles.Moderator)) await roles.CreateAsync(new IdentityRole(Roles.Moderator));
        var user = new HavenUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Moderator" };
        var created = await users.CreateAsync(user, Password);
        if (!created.Succeeded) throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(user, Roles.Moderator);
        return email;
    }

    /// <summary>The current code of the account's authenticator, as the app on a phone would show it.</summary>
    public static async Task<string> AuthenticatorCodeAsync(this HavenFactory site, string email)
    {
        await using var scope = site.Scope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<HavenUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No account {email}");
        var key = await users.GetAuthenticatorKeyAsync(user) ?? throw new InvalidOperationException($"{email} has no authenticator key");
        return CodeFor(key);
    }

    /// <summary>The TOTP code (RFC 6238, 30 s, 6 digits) of a base32 authenticator key, now.</summary>
    public static string CodeFor(string base32Key) =>
        new OtpNet.Totp(OtpNet.Base32Encoding.ToBytes(base32Key.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant())).ComputeTotp();

    /// <summary>A client signed in as a new administrator; it does not follow redirects, so tests can see them.</summary>
    public static async Task<HttpClient> AdministratorClientAsync(this HavenFactory site)
    {
        var email = await site.CreateAdministratorAsync();
        return await site.SignedInClientAsync(email);
    }

    /// <summary>A new account that is an editor (or lead) of the organization.</summary>
    public static async Task<string> CreateMemberAsync(this HavenFactory site, int organizationId, MembershipRole role = MembershipRole.Editor)
    {
        var email = $"{role.ToString().ToLowerInvariant()}-{Guid.NewGuid():N}@example.org";
        await using var scope = site.Scope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<HavenUser>>();
        var user = new HavenUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = email };
        var created = await users.CreateAsync(user, Password);
        if (!created.Succeeded) throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
        var db = scope.ServiceProvider.GetRequiredService<Haven.Core.Data.HavenDbContext>();
        db.Memberships.Add(new OrganizationMembership { UserId = user.Id, OrganizationId = organizationId, Role = role });
        await db.SaveChangesAsync();
        return email;
    }

    /// <summary>A client signed in with the password; it does not follow redirects.</summary>
    public static async Task<HttpClient> SignedInClientAsync(this HavenFactory site, string email)
    {
        var client = site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.PostFormAsync("/account/signin", "/account/signin", new() { ["email"] = email, ["password"] = Password });
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Sign-in failed: {response.StatusCode}");
        if (response.Headers.Location?.ToString().Contains("/account/signin/code", StringComparison.Ordinal) == true)
        {
            var code = await site.AuthenticatorCodeAsync(email);
            response = await client.PostFormAsync(response.Headers.Location.ToString(), response.Headers.Location.ToString(), new() { ["code"] = code });
            if (response.StatusCode != HttpStatusCode.Redirect)
                throw new InvalidOperationException($"Two-factor sign-in failed: {response.StatusCode}");
        }
        return client;
    }

    public static async Task<HttpClient> MemberClientAsync(this HavenFactory site, int organizationId, MembershipRole role = MembershipRole.Editor) =>
        await site.SignedInClientAsync(await site.CreateMemberAsync(organizationId, role));

    /// <summary>Loads the page with the form, takes its antiforgery token, and posts the fields.</summary>
    public static Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string formPage, string action, Dictionary<string, string> fields) =>
        client.PostFormAsync(formPage, action, fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));

    /// <summary>Loads the page with the form, takes the antiforgery token of the form that posts to
    /// <paramref name="action"/> (as a browser would: a form without one fails here, not only in browsers), and posts
    /// the fields. When no form on the page posts there (a crafted request), any token of the page is used.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string formPage, string action, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var page = Html.Parse(await client.GetStringAsync(formPage));
        var pagePath = formPage.Split('?')[0];
        var forms = page.QuerySelectorAll("form[method=post]")
            .Where(f => ActionOf(f.GetAttribute("action"), pagePath) == action)
            .ToList();
        string? token;
        if (forms.Count > 0)
        {
            token = forms[0].QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
                ?? throw new InvalidOperationException($"The form on {formPage} that posts to {action} has no antiforgery token: browsers would get 400.");
        }
        else
        {
            token = page.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
                ?? throw new InvalidOperationException($"No antiforgery token on {formPage}");
        }
        var content = fields.ToList();
        content.Add(new("__RequestVerificationToken", token));
        return await client.PostAsync(action, new FormUrlEncodedContent(content));
    }

    /// <summary>Where a form posts: its action attribute, or the page itself when it has none.</summary>
    private static string ActionOf(string? action, string pagePath) => string.IsNullOrEmpty(action) ? pagePath : action;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    public static partial Regex AntiforgeryToken();
}
