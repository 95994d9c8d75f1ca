using System.Text.RegularExpressions;
using MimeKit;

namespace Haven.TestSupport;

/// <summary>The private registration links in a mail's text, as registrants click them.</summary>
public static partial class PrivateLinks
{
    /// <summary>The tokens of every "/events/{slug}/registration/{token}" link in <paramref name="text"/>.</summary>
    public static IReadOnlyList<string> In(string? text) =>
        Link().Matches(text ?? "").Select(m => m.Groups["token"].Value).ToList();

    /// <summary>The path of the first private link in <paramref name="message"/> ("/events/x/registration/abc"),
    /// without origin, to request from a test client; with "/es" first when the mail is in Spanish.</summary>
    public static string PathIn(MimeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var match = Link().Match(message.TextBody ?? "");
        if (!match.Success) throw new InvalidOperationException($"No private link in \"{message.Subject}\"");
        return new Uri(match.Value).PathAndQuery;
    }

    [GeneratedRegex(@"https?://[^\s/]+(?:/es)?/events/[^\s/]+/registration/(?<token>[A-Za-z0-9_-]+)")]
    private static partial Regex Link();
}
