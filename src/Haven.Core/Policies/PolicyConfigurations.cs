using Haven.Core.Taxonomy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Haven.Core.Policies;

internal sealed class PolicyAreaConfiguration : IEntityTypeConfiguration<PolicyArea>
{
    public void Configure(EntityTypeBuilder<PolicyArea> e)
    {
        e.HasIndex(a => a.Slug).IsUnique();
        e.Property(a => a.Slug).HasMaxLength(PolicyArea.SlugMaxLength);
        e.Property(a => a.Name).HasMaxLength(PolicyArea.NameMaxLength);
        e.Property(a => a.Description).HasMaxLength(PolicyArea.DescriptionMaxLength);
        e.HasMany(a => a.Positions).WithOne().HasForeignKey(p => p.AreaId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PolicyPositionConfiguration : IEntityTypeConfiguration<PolicyPosition>
{
    public void Configure(EntityTypeBuilder<PolicyPosition> e)
    {
        e.HasIndex(p => new { p.AreaId, p.Slug }).IsUnique();
        e.Property(p => p.Slug).HasMaxLength(PolicyArea.SlugMaxLength);
        e.Property(p => p.Label).HasMaxLength(PolicyPosition.LabelMaxLength);
    }
}

internal sealed class PolicyRecordConfiguration : IEntityTypeConfiguration<PolicyRecord>
{
    public void Configure(EntityTypeBuilder<PolicyRecord> e)
    {
        // The history of one place in one area, and the map's as-of query (area, then dates).
        e.HasIndex(r => new { r.JurisdictionId, r.AreaId, r.EffectiveOn });
        e.HasIndex(r => new { r.AreaId, r.EffectiveOn });
        e.Property(r => r.Excerpt).HasMaxLength(PolicyRecord.ExcerptMaxLength);
        e.Property(r => r.Notes).HasMaxLength(PolicyRecord.NotesMaxLength);
        e.Property(r => r.VerifiedById).HasMaxLength(450);
        e.Property(r => r.VerifiedByName).HasMaxLength(320);
        e.HasOne(r => r.Jurisdiction).WithMany().HasForeignKey(r => r.JurisdictionId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(r => r.Area).WithMany().HasForeignKey(r => r.AreaId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(r => r.Position).WithMany().HasForeignKey(r => r.PositionId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(r => r.Sources).WithOne().HasForeignKey(s => s.RecordId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PolicySourceConfiguration : IEntityTypeConfiguration<PolicySource>
{
    public void Configure(EntityTypeBuilder<PolicySource> e)
    {
        e.Property(s => s.Title).HasMaxLength(PolicySource.TitleMaxLength);
        e.Property(s => s.Url).HasMaxLength(PolicySource.UrlMaxLength);
        e.Property(s => s.FileName).HasMaxLength(255);
        e.Property(s => s.StorageKey).HasMaxLength(200);
        e.Property(s => s.ContentType).HasMaxLength(120);
    }
}
