using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;

namespace Haven.Core.WordPress;

/// <summary>What a WordPress object became, so importing the same export again creates nothing new: one row per
/// imported post, page, comment or topic, keyed by the WordPress site's address and the object's WordPress id.</summary>
public sealed class WordPressImportRecord
{
    public const string Post = "post";
    public const string Comment = "comment";

    public long Id { get; set; }
    /// <summary>The exporting site's address (<c>wp:base_blog_url</c>), without a trailing slash.</summary>
    public required string SiteUrl { get; set; }
    /// <summary><see cref="Post"/> (posts and pages, which share WordPress's ids) or <see cref="Comment"/>.</summary>
    public required string WordPressKind { get; set; }
    public long WordPressId { get; set; }
    /// <summary>"post", "resource" or "comment".</summary>
    public required string HavenKind { get; set; }
    public long HavenId { get; set; }
    public int OrganizationId { get; set; }
    public Instant ImportedAt { get; set; }
}

internal sealed class WordPressImportRecordConfiguration : IEntityTypeConfiguration<WordPressImportRecord>
{
    public void Configure(EntityTypeBuilder<WordPressImportRecord> e)
    {
        e.HasIndex(x => new { x.SiteUrl, x.WordPressKind, x.WordPressId }).IsUnique();
        e.Property(x => x.SiteUrl).HasMaxLength(500);
        e.Property(x => x.WordPressKind).HasMaxLength(20);
        e.Property(x => x.HavenKind).HasMaxLength(20);
    }
}
