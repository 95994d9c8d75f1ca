using System.Globalization;
using Haven.Core.Accounts;
using Haven.Core.Mail;
using Haven.Core.Shared;
using Haven.Web.Localization;
using Microsoft.Extensions.Localization;

namespace Haven.Web.Accounts;

/// <summary>Writes account mail in a chosen interface language (the recipient's, not necessarily the sender's).</summary>
public sealed class AccountMail(IStringLocalizer<SharedResource> localizer, SiteSettings site)
{
    public Email Invitation(string language, string to, string link, string inviter, InvitedRole role, string? organization, NodaTime.Instant expires) =>
        InterfaceLanguage.In(language, () =>
        {
            var roleText = localizer[RoleName(role)].Value;
            var what = organization is null
                ? localizer["{0} invites you to {1} as {2}.", inviter, site.Name, roleText].Value
                : localizer["{0} invites you to {1} as {2} of {3}.", inviter, site.Name, roleText, organization].Value;
            var until = expires.InZone(site.Zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
            var text = string.Join("\n\n",
                what,
                localizer["Open this link to choose your name and password. It works once, until {0} ({1}).", until, site.Zone.Id].Value,
                link,
                localizer["If you did not expect this invitation, ignore this message: nothing happens without the link."].Value);
            return new Email(new EmailAddress(to), localizer["Your invitation to {0}", site.Name].Value, text);
        });

    public static string RoleName(InvitedRole role) => role switch
    {
        InvitedRole.Administrator => "administrator",
        InvitedRole.Moderator => "moderator",
        InvitedRole.Lead => "lead",
        _ => "editor",
    };
}
