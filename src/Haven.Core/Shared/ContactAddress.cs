using System.Net.Mail;

namespace Haven.Core.Shared;

/// <summary>Email addresses as people type them for a contact: a bare address ("name@example.org"), no display
/// name, no spaces, and a domain with a dot (an address like "root@localhost" is never a public contact).</summary>
public static class ContactAddress
{
    public const int MaxLength = 320;

    public static bool IsValid(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.Length > MaxLength || text.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            return false;
        if (!MailAddress.TryCreate(text, out var address) || address.Address != text || !string.IsNullOrEmpty(address.DisplayName))
            return false;
        var domain = address.Host;
        return domain.Contains('.', StringComparison.Ordinal) && !domain.StartsWith('.') && !domain.EndsWith('.');
    }
}
