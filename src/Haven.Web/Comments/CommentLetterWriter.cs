using System.Text;
using Haven.Core.Comments;
using Haven.Core.Mail;
using Haven.Core.Shared;
using Haven.Web.Localization;
using Haven.Web.Mail;
using Microsoft.Extensions.Localization;

namespace Haven.Web.Comments;

/// <summary>The letter that tells moderators a comment waits for them. Accounts carry no language yet, so it is
/// written in English (through the localizer, like all mail, so a recipient's language slots in later).</summary>
public sealed class CommentLetterWriter(IStringLocalizer<SharedResource> localizer, SiteOrigin origin, SiteSettings settings) : ICommentLetters
{
    public Email Write(HeldCommentLetter letter)
    {
        ArgumentNullException.ThrowIfNull(letter);
        return InterfaceLanguage.In(Languages.English, () => Compose(letter));
    }

    private Email Compose(HeldCommentLetter letter)
    {
        var (comment, subject) = (letter.Comment, letter.Subject);
        var site = origin.Current;
        var body = new StringBuilder();
        void Paragraph(string text) => body.Append(text.TrimEnd()).Append("\n\n");
        Paragraph(L("A comment is waiting for moderation on \"{0}\".", subject.Title));
        Paragraph(L("Why it is held: {0}", string.Join(", ", HoldReasons.Parse(comment.HeldReasons).Select(r => L(HoldReasons.Label(r))))));
        Paragraph($"{comment.AuthorName}:\n{comment.Body}");
        Paragraph(L("Approve or reject it here:") + "\n" + site + "/admin/comments");
        Paragraph(L("The page it was posted on:") + "\n" + site + subject.Path);
        body.Append("— ").Append(settings.Name).Append('\n');
        return new Email(letter.To, L("Comment to moderate: {0}", subject.Title), body.ToString());
    }

    private string L(string key, params object[] arguments) => localizer[key, arguments].Value;
}
