using System.Text;
using Haven.Core.Organizations;
using Haven.Core.Taxonomy;
using NodaTime;

namespace Haven.Core.Bills;

/// <summary>The chamber a bill was introduced in: a short list, with <see cref="Bill.ChamberName"/> for the
/// legislature's own word ("House of Delegates", "General Assembly").</summary>
public enum BillChamber
{
    House = 0,
    Senate = 1,
    Assembly = 2,
    /// <summary>A unicameral legislature, or a joint measure.</summary>
    Legislature = 3,
}

/// <summary>A bill in the US Congress (the nation's jurisdiction) or a state legislature, with the positions the
/// coalition and its organizations take on it. One bill per number in a jurisdiction and session, compared by
/// <see cref="BillNumbers.Key"/> ("H.R. 2", "HR 2" and "h.r.2" are one bill).</summary>
public sealed class Bill
{
    public int Id { get; set; }
    public string Slug { get; set; } = "";
    public int JurisdictionId { get; set; }
    public Jurisdiction? Jurisdiction { get; set; }
    public BillChamber Chamber { get; set; }
    /// <summary>The legislature's own name for the chamber, when it differs from the list's.</summary>
    public string ChamberName { get; set; } = "";
    /// <summary>As the legislature writes it: "H.R. 2", "SB 54".</summary>
    public string Number { get; set; } = "";
    /// <summary><see cref="Number"/> normalized (<see cref="BillNumbers.Key"/>), unique per jurisdiction and session.</summary>
    public string NumberKey { get; set; } = "";
    public string Title { get; set; } = "";
    /// <summary>"119th Congress", "2025-2026".</summary>
    public string Session { get; set; } = "";
    /// <summary><see cref="Session"/> normalized (<see cref="BillNumbers.SessionKey"/>).</summary>
    public string SessionKey { get; set; } = "";
    /// <summary>Where it stands, in the editors' words ("Passed the Senate 21-19").</summary>
    public string Status { get; set; } = "";
    public string? OfficialUrl { get; set; }
    /// <summary>The organization whose editor added it: its editors may change it; null is the administrators'.</summary>
    public int? OwnerOrganizationId { get; set; }
    public bool IsDemo { get; set; }
    public List<BillPosition> Positions { get; set; } = [];
    public Instant CreatedAt { get; set; }
    public Instant UpdatedAt { get; set; }

    public const int NumberMaxLength = 40;
    public const int TitleMaxLength = 300;
    public const int SessionMaxLength = 60;
    public const int StatusMaxLength = 300;
    public const int ChamberNameMaxLength = 60;
    public const int UrlMaxLength = 2000;

    /// <summary>The position of one organization (null: the coalition as a whole), if it has taken one.</summary>
    public BillPosition? PositionOf(int? organizationId) => Positions.FirstOrDefault(p => p.OrganizationId == organizationId);

    /// <summary>States a position: one current position per organization (and one for the coalition) per bill, so a
    /// new one replaces the old in place. Returns the position and whether it is new.</summary>
    public (BillPosition Position, bool IsNew) State(int? organizationId)
    {
        var existing = PositionOf(organizationId);
        if (existing is not null) return (existing, false);
        var created = new BillPosition { OrganizationId = organizationId, Bill = this };
        Positions.Add(created);
        return (created, true);
    }

    /// <summary>"H.R. 2 (119th Congress)".</summary>
    public string Label => $"{Number} ({Session})";
}

/// <summary>What the coalition or an organization says about a bill.</summary>
public enum BillStance
{
    Support = 0,
    Oppose = 1,
    SupportIfAmended = 2,
    OpposeUnlessAmended = 3,
    Watching = 4,
}

/// <summary>The position of an organization, or of the coalition as a whole (<see cref="OrganizationId"/> null), on
/// a bill: the stance, the reasons (Markdown), the day it was taken, and an optional action alert.</summary>
public sealed class BillPosition
{
    public int Id { get; set; }
    public int BillId { get; set; }
    public Bill? Bill { get; set; }
    public int? OrganizationId { get; set; }
    public Organization? Organization { get; set; }
    /// <summary><see cref="OrganizationId"/>, or 0 for the coalition: the unique index's column (a null would never
    /// collide with another).</summary>
    public int HolderKey { get; set; }
    public BillStance Stance { get; set; }
    public string Reasons { get; set; } = "";
    public string ReasonsHtml { get; set; } = "";
    public LocalDate TakenOn { get; set; }
    public bool IsActionAlert { get; set; }
    public string CallToAction { get; set; } = "";
    public string? ActionUrl { get; set; }
    public Instant UpdatedAt { get; set; }

    public const int ReasonsMaxLength = 8000;
    public const int CallToActionMaxLength = 1000;
}

/// <summary>Normalized forms of bill numbers and sessions, for finding the same bill however it is typed.</summary>
public static class BillNumbers
{
    /// <summary>Letters upper-cased and digits, everything else dropped, leading zeros of numbers removed:
    /// "H.R. 2", "HR 2", "h.r.2" and "HR 0002" all give "HR2".</summary>
    public static string Key(string? number)
    {
        var sb = new StringBuilder();
        var text = (number ?? "").Normalize(NormalizationForm.FormKC);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsLetter(c)) sb.Append(char.ToUpperInvariant(c));
            else if (char.IsDigit(c))
            {
                var startOfNumber = i == 0 || !char.IsDigit(text[i - 1]);
                var nextIsDigit = i + 1 < text.Length && char.IsDigit(text[i + 1]);
                if (c == '0' && startOfNumber && nextIsDigit)
                {
                    // Skip leading zeros, keeping a lone "0".
                    var j = i;
                    while (j + 1 < text.Length && text[j] == '0' && char.IsDigit(text[j + 1])) j++;
                    i = j - 1;
                    continue;
                }
                sb.Append(c);
            }
        }
        return sb.ToString();
    }

    /// <summary>Sessions compared without case, spacing or the kind of dash: "2025–2026" is "2025-2026".</summary>
    public static string SessionKey(string? session)
    {
        var sb = new StringBuilder();
        foreach (var c in (session ?? "").Normalize(NormalizationForm.FormKC).Trim())
        {
            if (char.IsLetterOrDigit(c)) sb.Append(char.ToLowerInvariant(c));
            else if (c is '-' or '–' or '—' or '/' && sb.Length > 0 && sb[^1] != '-') sb.Append('-');
        }
        return sb.ToString().Trim('-');
    }

    /// <summary>Whether the number has at least one digit (every bill number does).</summary>
    public static bool LooksLikeNumber(string? number) => Key(number).Any(char.IsDigit);
}
