using System.Text;
using Haven.Core.Mail;
using Haven.Core.Shared;
using Haven.Core.Subscriptions;
using Haven.Web.Localization;
using Haven.Web.Mail;
using Microsoft.Extensions.Localization;

namespace Haven.Web.Subscriptions;

/// <summary>Subscription mail as subscribers read it: in their language, items grouped by kind, and on every letter
/// but the confirmation a manage link and RFC 8058 one-click unsubscribe headers.</summary>
public sealed class SubscriptionLetterWriter(IStringLocalizer<SharedResource> localizer, SiteOrigin origin, SiteSettings settings)
    : ISubscriptionLetters
{
    public static string ManagePath(string token) => $"/subscriptions/{Uri.EscapeDataString(token)}";
    public static string UnsubscribePath(string token) => $"/subscriptions/unsubscribe/{Uri.EscapeDataString(token)}";
    public static string ConfirmPath(string token) => $"/subscriptions/confirm/{Uri.EscapeDataString(token)}";

    public Email Write(SubscriptionLetter letter)
    {
        ArgumentNullException.ThrowIfNull(letter);
        var language = letter.Subscription.Language == Languages.Spanish ? Languages.Spanish : Languages.English;
        return InterfaceLanguage.In(language, () => Compose(letter, language));
    }

    private Email Compose(SubscriptionLetter letter, string language)
    {
        var site = origin.Current;
        var root = site + (language == Languages.Spanish ? InterfaceLanguage.SpanishPrefix : "");
        var body = new StringBuilder();
        void Paragraph(string text) => body.Append(text.TrimEnd()).Append("\n\n");
        var to = new EmailAddress(letter.Subscription.Email);
        switch (letter.Kind)
        {
            case SubscriptionLetterKind.Confirm:
                Paragraph(L("Someone, probably you, asked to receive email from {0} at this address.", settings.Name));
                Paragraph(L("To confirm, open this link and press the button on the page:") + "\n" + root + ConfirmPath(letter.Token));
                Paragraph(L("If it was not you, ignore this letter: nothing will be sent, and the request is deleted in a week."));
                return new Email(to, L("Confirm your subscription to {0}", settings.Name), body.ToString());
            case SubscriptionLetterKind.AlreadySubscribed:
                Paragraph(L("Someone, probably you, asked to subscribe this address to {0}. It is already subscribed.", settings.Name));
                Paragraph(L("To change what you receive, or to unsubscribe, open this link:") + "\n" + root + ManagePath(letter.Token));
                return WithUnsubscribe(new Email(to, L("Your subscription to {0}", settings.Name), body.ToString()), site, letter.Token);
            default:
                var digest = letter.Subscription.Frequency != SubscriptionFrequency.Immediate;
                Paragraph(digest
                    ? L(letter.Subscription.Frequency == SubscriptionFrequency.Daily ? "New on {0} today:" : "New on {0} this week:", settings.Name)
                    : L("New on {0}:", settings.Name));
                foreach (var group in letter.Items.GroupBy(i => i.Kind).OrderBy(g => g.Key))
                {
                    var lines = group.Select(i => $"- {i.Title}\n  {root}{PathOf(i)}").Prepend(L(Heading(group.Key)));
                    Paragraph(string.Join("\n", lines));
                }
                Paragraph(L("You receive this because you subscribed at {0}. To change what you receive, or to unsubscribe, open this link:", settings.Name)
                    + "\n" + root + ManagePath(letter.Token));
                var subject = letter.Items.Count == 1 && !digest
                    ? L("New: {0}", letter.Items[0].Title)
                    : L(letter.Subscription.Frequency == SubscriptionFrequency.Weekly ? "{0}: this week's digest" : letter.Subscription.Frequency == SubscriptionFrequency.Daily ? "{0}: today's digest" : "{0}: new items", settings.Name);
                return WithUnsubscribe(new Email(to, subject, body.ToString()), site, letter.Token);
        }
    }

    private static string Heading(ItemKind kind) => kind switch
    {
        ItemKind.Resource => "Resources",
        ItemKind.Event => "Events",
        _ => "News",
    };

    public static string PathOf(SubscriptionItem item) => item.Kind switch
    {
        ItemKind.Resource => $"/resources/{Uri.EscapeDataString(item.Slug)}",
        ItemKind.Event => $"/events/{Uri.EscapeDataString(item.Slug)}",
        _ => $"/news/{Uri.EscapeDataString(item.Slug)}",
    };

    /// <summary>RFC 8058: the link a mail program posts <c>List-Unsubscribe=One-Click</c> to (no cookie, no form).</summary>
    private static Email WithUnsubscribe(Email email, string site, string token) => email with
    {
        Headers =
        [
            new("List-Unsubscribe", $"<{site}{UnsubscribePath(token)}>"),
            new("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),
        ],
    };

    private string L(string key, params object[] arguments) => localizer[key, arguments].Value;
}
