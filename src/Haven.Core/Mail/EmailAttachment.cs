using System.Text;

namespace Haven.Core.Mail;

/// <summary>A file sent with an <see cref="Email"/>: its name as the recipient sees it, its MIME type and its bytes.</summary>
public sealed record EmailAttachment(string FileName, string ContentType, byte[] Content)
{
    /// <summary>An iCalendar file (an event registration, a reminder): <c>text/calendar</c> with the iTIP method, so
    /// mail programs offer to add it to the calendar. <paramref name="method"/> must match the file's METHOD line.</summary>
    public static EmailAttachment Calendar(string fileName, string ics, string method = "REQUEST") =>
        new(fileName, $"text/calendar; method={method}; charset=utf-8", Encoding.UTF8.GetBytes(ics));
}
