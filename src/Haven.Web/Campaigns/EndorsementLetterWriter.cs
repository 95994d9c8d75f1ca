using System.Text;
using Haven.Core.Campaigns;
using Haven.Core.Mail;
using Haven.Core.Shared;
using Haven.Web.Localization;
using Haven.Web.Mail;
using Microsoft.Extensions.Localization;

namespace Haven.Web.Campaigns;

/// <summary>Endorsement mail as signers read it, in their language, plain text: the link that confirms the email (the
/// signature counts only then), and the news that a lead approved it. Each carries the signer's private link, which
/// also withdraws the signature.</summary>
public sealed class EndorsementLetterWriter(IStringLocalizer<SharedResource> localizer, SiteOrigin origin, SiteSettings settings)
    : IEndorsementLetters
{
    public Email Write(EndorsementLetter letter)
    {
        ArgumentNullException.ThrowIfNull(letter);
        var language = letter.Endorsement.Language == Languages.Spanish ? Languages.Spanish : Languages.English;
        return InterfaceLanguage.In(language, () => Compose(letter, language));
    }

    /// <summary>The signer's private page (without origin or language prefix).</summary>
    public static string PrivatePath(Campaign campaign, string token)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        return $"/campaigns/{Uri.EscapeDataString(campaign.Slug)}/endorsement/{Uri.EscapeDataString(token)}";
    }

    private Email Compose(EndorsementLetter letter, string language)
    {
        var (kind, c, e) = (letter.Kind, letter.Campaign, letter.Endorsement);
        var root = origin.Current + (language == Languages.Spanish ? InterfaceLanguage.SpanishPrefix : "");
        var page = root + $"/campaigns/{Uri.EscapeDataString(c.Slug)}";
        var privateLink = root + PrivatePath(c, letter.PrivateToken);
        var body = new StringBuilder();
        void Paragraph(string text) => body.Append(text.TrimEnd()).Append("\n\n");
        Paragraph(L("Hello {0},", e.SignerName));
        var who = e.Kind == EndorsementKind.Organization ? e.OrganizationName : e.SignerName;
        if (kind == EndorsementLetterKind.ConfirmEmail)
        {
            Paragraph(L("Thank you for signing “{0}” as {1}.", c.Title, who));
            Paragraph(L("Your signature counts only once you confirm this email address. Open this link and press the button to confirm:")
                + "\n" + privateLink);
            Paragraph(c.Review == EndorsementReview.Approval
                ? L("The campaign's leads review each signature before it appears in the public list; we will write to you when yours does.")
                : L("Once you confirm, your signature appears in the public list."));
            Paragraph(L("If you did not sign, ignore this email: without confirmation the signature does not count."));
        }
        else
        {
            Paragraph(L("Your signature on “{0}” as {1} is now in the public list.", c.Title, who) + "\n" + page);
            Paragraph(L("To withdraw your signature, use your private link:") + "\n" + privateLink);
        }
        Paragraph(L("Keep this link to yourself: anyone who has it can withdraw your signature."));
        body.Append($"— {settings.Name}\n");
        var subject = kind == EndorsementLetterKind.ConfirmEmail
            ? L("Confirm your signature: {0}", c.Title)
            : L("Your signature is public: {0}", c.Title);
        return new Email(new EmailAddress(e.Email, e.SignerName), subject, body.ToString().TrimEnd() + "\n");
    }

    private string L(string key, params object[] arguments) => localizer[key, arguments].Value;
}
