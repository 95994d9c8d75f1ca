using Haven.Core.Taxonomy;
using NodaTime;

namespace Haven.Core.Policies;

/// <summary>Whether a record reports what a jurisdiction wrote down or what it is seen to do.</summary>
public enum PolicyBasis
{
    WrittenPolicy = 0,
    ObservedPractice = 1,
}

/// <summary>What a jurisdiction does about one policy area over one period: from <see cref="EffectiveOn"/> to
/// <see cref="EndsOn"/> (inclusive; null while it is current). The periods of one jurisdiction and area never
/// overlap (<see cref="PolicyPeriods"/>).</summary>
public sealed class PolicyRecord
{
    public int Id { get; set; }
    public int JurisdictionId { get; set; }
    public Jurisdiction? Jurisdiction { get; set; }
    public int AreaId { get; set; }
    public PolicyArea? Area { get; set; }
    public int PositionId { get; set; }
    public PolicyPosition? Position { get; set; }
    public LocalDate EffectiveOn { get; set; }
    /// <summary>The last day in force; null while current.</summary>
    public LocalDate? EndsOn { get; set; }
    public PolicyBasis Basis { get; set; }
    /// <summary>The model language, quoted from the source.</summary>
    public string Excerpt { get; set; } = "";
    public string Notes { get; set; } = "";
    public LocalDate? VerifiedOn { get; set; }
    public string? VerifiedById { get; set; }
    /// <summary>The verifier's name at the time.</summary>
    public string VerifiedByName { get; set; } = "";
    /// <summary>Made up for the demonstration site: pages say so with a banner.</summary>
    public bool IsDemo { get; set; }
    public List<PolicySource> Sources { get; set; } = [];
    public Instant CreatedAt { get; set; }
    public Instant UpdatedAt { get; set; }

    public const int ExcerptMaxLength = 8000;
    public const int NotesMaxLength = 4000;
}

/// <summary>The evidence of a record: a link with a title, or a file uploaded to Haven (PDF or DOCX, stored like
/// resource attachments under a generated key).</summary>
public sealed class PolicySource
{
    public int Id { get; set; }
    public int RecordId { get; set; }
    public string Title { get; set; } = "";
    public string? Url { get; set; }
    public string? FileName { get; set; }
    public string? StorageKey { get; set; }
    public string? ContentType { get; set; }
    public long Length { get; set; }

    public bool IsFile => StorageKey is not null;
    public const int UrlMaxLength = 2000;
    public const int TitleMaxLength = 300;
}
