using System.Net;
using Haven.Core.Accounts;
using Haven.Core.Audit;
using Haven.Core.Data;
using Haven.Core.Mail;
using Haven.Core.Shared;
using Haven.Web.Localization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Haven.Web.Accounts;

/// <summary>"Forgot your password?": mails the account with the address typed a link to choose a new password, in
/// the interface language of the request. Whoever asks learns nothing about whether the account exists (the page
/// answers the same either way); every request is audited, so probing shows in the log.</summary>
public sealed class RequestPasswordReset(
    UserManager<HavenUser> users,
    HavenDbContext db,
    MailOutbox outbox,
    AuditLog audit,
    SiteSettings site,
    IOptions<DataProtectionTokenProviderOptions> tokens,
    IStringLocalizer<SharedResource> L,
    ILogger<RequestPasswordReset> logger)
{
    /// <summary>How long a link works (Identity's <see cref="DataProtectionTokenProviderOptions.TokenLifespan"/>);
    /// it also stops working once used, because choosing a password changes the account's security stamp.</summary>
    public static readonly TimeSpan LinkLifespan = TimeSpan.FromHours(2);

    /// <summary>Queues the mail (when an account has the address) and the audit entry, and saves them together.
    /// <paramref name="resetPage"/> is the absolute URL of the reset page in the reader's language, without a query.</summary>
    public async Task RequestAsync(string emailTyped, Actor requester, string resetPage, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(emailTyped);
        ArgumentNullException.ThrowIfNull(requester);
        var user = await users.FindByEmailAsync(emailTyped);
        if (user?.Email is not { } address || !EmailAddress.IsValid(address))
        {
            audit.Add(requester, AuditActions.PasswordResetRequested, "account", user?.Id ?? "", null, user is null
                ? $"Password reset asked for {emailTyped}: no such account, nothing sent"
                : $"Password reset asked for {emailTyped}: the account's address cannot be mailed, nothing sent");
            await db.SaveChangesAsync(ct);
            if (user is not null) logger.LogWarning("Account {UserId} has no address mail can be sent to; no reset link sent.", user.Id);
            return;
        }

        var token = await users.GeneratePasswordResetTokenAsync(user);
        var link = $"{resetPage}?email={Uri.EscapeDataString(address)}&token={Uri.EscapeDataString(token)}";
        outbox.Queue(Compose(user, address, link));
        audit.Add(requester, AuditActions.PasswordResetRequested, "account", user.Id, null,
            $"Password reset asked for {emailTyped}: link sent to {address}");
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The lifespan in words of the current interface language ("2 hours", "2 horas").</summary>
    public string LinkLifespanInWords()
    {
        var lifespan = tokens.Value.TokenLifespan;
        if (lifespan >= TimeSpan.FromHours(1) && lifespan.Ticks % TimeSpan.TicksPerHour == 0)
        {
            var hours = (int)lifespan.TotalHours;
            return hours == 1 ? L["1 hour"] : L["{0} hours", hours];
        }
        var minutes = Math.Max(1, (int)Math.Ceiling(lifespan.TotalMinutes));
        return minutes == 1 ? L["1 minute"] : L["{0} minutes", minutes];
    }

    private Email Compose(HavenUser user, string address, string link)
    {
        var asked = L["Someone, probably you, asked to choose a new password for the account {0} on {1}.", address, site.Name].Value;
        var open = L["To choose it, open this link:"].Value;
        var once = L["The link works once, within {0}. If you did not ask for it, ignore this message: your password stays as it is.", LinkLifespanInWords()].Value;
        var text = $"{asked}\n\n{open}\n{link}\n\n{once}\n";
        var html = $"<p>{WebUtility.HtmlEncode(asked)}</p>\n<p>{WebUtility.HtmlEncode(open)}<br>\n" +
                   $"<a href=\"{WebUtility.HtmlEncode(link)}\">{WebUtility.HtmlEncode(link)}</a></p>\n<p>{WebUtility.HtmlEncode(once)}</p>\n";
        var name = string.IsNullOrWhiteSpace(user.DisplayName) ? null : user.DisplayName;
        return new Email(new EmailAddress(address, name), L["Choose a new password on {0}", site.Name], text) { Html = html };
    }
}
