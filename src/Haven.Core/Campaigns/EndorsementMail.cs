using Haven.Core.Mail;
using NodaTime;

namespace Haven.Core.Campaigns;

/// <summary>What a signer is told. Stored nowhere.</summary>
public enum EndorsementLetterKind
{
    /// <summary>Confirm your email by this link; the signature counts only then.</summary>
    ConfirmEmail,
    /// <summary>A lead approved the signature: it is now in the public list.</summary>
    NowPublic,
}

/// <summary>One letter to a signer, with the private link's token it carries.</summary>
public sealed record EndorsementLetter(EndorsementLetterKind Kind, Campaign Campaign, Endorsement Endorsement, string PrivateToken);

/// <summary>Writes endorsement mail in the signer's language. Implemented by the web project (wording and links).</summary>
public interface IEndorsementLetters
{
    Email Write(EndorsementLetter letter);
}

/// <summary>Queues endorsement mail in the caller's unit of work: each letter carries a fresh private link, written by
/// the caller's next save together with the change the letter is about.</summary>
public sealed class EndorsementMail(MailOutbox outbox, IEndorsementLetters letters, IClock clock)
{
    public void Send(Campaign campaign, Endorsement endorsement, EndorsementLetterKind kind)
    {
        ArgumentNullException.ThrowIfNull(endorsement);
        SendWithLink(campaign, endorsement, kind, EndorsementLink.AddTo(endorsement, clock.GetCurrentInstant()));
    }

    public void SendWithLink(Campaign campaign, Endorsement endorsement, EndorsementLetterKind kind, string token)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(endorsement);
        outbox.Queue(letters.Write(new EndorsementLetter(kind, campaign, endorsement, token)));
    }
}
