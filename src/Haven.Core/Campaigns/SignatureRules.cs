using System.Globalization;
using System.Text;
using Haven.Core.Shared;
using NodaTime;

namespace Haven.Core.Campaigns;

/// <summary>The one-signature-per-organization rule: organization names compared after normalizing, email domains
/// compared unless they are free mail, individuals by email; and when a campaign takes signatures.</summary>
public static class SignatureRules
{
    /// <summary>An unconfirmed signature stops blocking its organization after this long (it is released when someone
    /// signs for the organization again).</summary>
    public static readonly Duration UnconfirmedLifetime = Duration.FromDays(7);

    /// <summary>Mail providers anyone can have an address at: a shared domain there says nothing about the
    /// organization. The one list of them.</summary>
    public static readonly IReadOnlySet<string> FreeMailDomains = new HashSet<string>(StringComparer.Ordinal)
    {
        "gmail.com", "googlemail.com", "yahoo.com", "ymail.com", "rocketmail.com", "outlook.com", "hotmail.com", "live.com",
        "msn.com", "proton.me", "protonmail.com", "pm.me", "icloud.com", "me.com", "mac.com", "aol.com", "gmx.com", "gmx.net",
        "mail.com", "zoho.com", "yandex.com", "fastmail.com", "hey.com", "tutanota.com", "comcast.net", "att.net",
        "verizon.net", "sbcglobal.net",
    };

    /// <summary>Words at the end of a name that only say what legal form the organization has.</summary>
    private static readonly HashSet<string> LegalSuffixes = new(StringComparer.Ordinal)
    {
        "inc", "incorporated", "llc", "ltd", "limited", "corp", "corporation", "co", "pllc", "pc", "lp", "llp", "nfp", "pbc",
    };

    /// <summary>Two-letter postal codes of the states, the District of Columbia and the territories.</summary>
    public static readonly IReadOnlySet<string> StateCodes = new HashSet<string>(StringComparer.Ordinal)
    {
        "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA", "ME",
        "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI",
        "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY", "PR", "GU", "VI", "AS", "MP",
    };

    /// <summary>An organization's name as compared: lower case, accents removed, "&amp;" read as "and", punctuation and
    /// spacing ignored, a leading "The" and trailing legal suffixes (Inc, LLC, Ltd, Corp...) dropped. "The Immigrant
    /// Legal Resource Center, Inc." and "immigrant legal resource center" are the same organization.</summary>
    public static string NormalizeOrganizationName(string? name)
    {
        var decomposed = (name ?? "").Normalize(NormalizationForm.FormD).ToLowerInvariant();
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            if (c is '.' or '\'' or '\u2019') continue; // "L.L.C." is "llc", "People's" is "peoples"
            if (c == '&') builder.Append(" and ");
            else if (char.IsLetterOrDigit(c)) builder.Append(c);
            else builder.Append(' ');
        }
        var words = builder.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (words.Count > 1 && words[0] == "the") words.RemoveAt(0);
        while (words.Count > 1 && LegalSuffixes.Contains(words[^1])) words.RemoveAt(words.Count - 1);
        return string.Join(' ', words).Normalize(NormalizationForm.FormC);
    }

    /// <summary>The domain of an email address, lower case.</summary>
    public static string DomainOf(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        var at = email.LastIndexOf('@');
        return at < 0 ? "" : email[(at + 1)..].Trim().TrimEnd('.').ToLowerInvariant();
    }

    public static bool IsFreeMail(string domain) => FreeMailDomains.Contains((domain ?? "").ToLowerInvariant());

    /// <summary>The domain that identifies an organization's signature, or null when it identifies nothing (free mail).</summary>
    public static string? OrganizationDomain(string email)
    {
        var domain = DomainOf(email);
        return domain.Length == 0 || IsFreeMail(domain) ? null : domain;
    }

    /// <summary>The key of the one-signature rule: the organization's normalized name, or the individual's email.</summary>
    public static string SignatureKey(EndorsementKind kind, string organizationName, string normalizedEmail) =>
        kind == EndorsementKind.Organization ? "org:" + NormalizeOrganizationName(organizationName) : "person:" + normalizedEmail;

    public static string NormalizeEmail(string email) => (email ?? "").Trim().ToLowerInvariant();

    /// <summary>Why the campaign takes no signature now, or null when it does.</summary>
    public static Problem? WhyClosed(Campaign campaign, Instant now)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        if (campaign.IsDraft) return new Problem("not_found", "This campaign does not exist.");
        if (now < campaign.OpensAt) return new Problem("not_open", "This campaign does not take signatures yet.");
        if (now >= campaign.ClosesAt) return new Problem("closed", "This campaign is closed: it no longer takes signatures.");
        return null;
    }
}
