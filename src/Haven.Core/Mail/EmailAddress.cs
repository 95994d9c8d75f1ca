using MimeKit;

namespace Haven.Core.Mail;

/// <summary>An address and, optionally, the name shown with it ("Ana Pérez" &lt;ana@example.org&gt;).</summary>
public sealed record EmailAddress(string Address, string? Name = null)
{
    /// <summary>The longest address SMTP allows (and the outbox's To column holds).</summary>
    public const int MaxLength = 320;

    /// <summary>Whether <paramref name="address"/> is one bare address the outbox accepts, for validating what people type.</summary>
    public static bool IsValid(string? address)
    {
        if (string.IsNullOrWhiteSpace(address) || address.Length > MaxLength) return false;
        var trimmed = address.Trim();
        // TryParse also accepts "Name <address>" and lists; only a bare addr-spec with a domain is an address here.
        return MailboxAddress.TryParse(ParserOptions.Default, trimmed, out var parsed)
            && parsed.Address == trimmed
            && trimmed.IndexOf('@', StringComparison.Ordinal) is > 0 and var at && at < trimmed.Length - 1;
    }

    internal MailboxAddress ToMailbox()
    {
        if (!IsValid(Address))
            throw new ArgumentException($"\"{Address}\" is not an email address; validate addresses before queuing mail.", nameof(Address));
        return new MailboxAddress(Name?.ReplaceLineEndings(" ").Trim() ?? "", Address.Trim());
    }

    public override string ToString() => Name is { Length: > 0 } ? $"{Name} <{Address}>" : Address;
}
