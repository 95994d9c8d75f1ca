using System.Security.Cryptography;
using System.Text;

namespace Haven.Web.Api;

/// <summary>Opaque page cursors: a few fields, base64url-encoded. Clients pass them back unchanged; a cursor that
/// does not decode, or was made for another list, is refused with 400 rather than guessed at.</summary>
internal static class ApiCursor
{
    private const string Prefix = "v1";

    public static string Encode(params string[] parts) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(Prefix + "|" + string.Join('|', parts))).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The cursor's fields, or null when it is not a cursor of <paramref name="count"/> fields.</summary>
    public static string[]? Decode(string cursor, int count)
    {
        if (cursor.Length is 0 or > 1000) return null;
        var base64 = cursor.Replace('-', '+').Replace('_', '/');
        base64 = base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=');
        byte[] bytes;
        try { bytes = Convert.FromBase64String(base64); }
        catch (FormatException) { return null; }
        string text;
        try { text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes); }
        catch (DecoderFallbackException) { return null; }
        var parts = text.Split('|');
        return parts.Length == count + 1 && parts[0] == Prefix ? parts[1..] : null;
    }

    /// <summary>A short fingerprint of a list's filters, kept in its cursors so a cursor is not used with others.</summary>
    public static string Fingerprint(string filters) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(filters)))[..16];
}
