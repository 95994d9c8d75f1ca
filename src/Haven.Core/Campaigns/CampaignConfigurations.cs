using Haven.Core.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Haven.Core.Campaigns;

internal sealed class CampaignConfiguration : IEntityTypeConfiguration<Campaign>
{
    public void Configure(EntityTypeBuilder<Campaign> e)
    {
        e.HasIndex(c => c.Slug).IsUnique();
        e.HasIndex(c => new { c.IsDraft, c.ClosesAt });
        e.Property(c => c.Slug).HasMaxLength(80);
        e.Property(c => c.Title).HasMaxLength(Campaign.TitleMaxLength);
        e.Property(c => c.Summary).HasMaxLength(Campaign.SummaryMaxLength);
        e.Property(c => c.Body).HasMaxLength(Campaign.BodyMaxLength);
        e.Property(c => c.TimeZoneId).HasMaxLength(64);
        e.Property(c => c.Language).HasMaxLength(8);
        e.HasOne(c => c.Resource).WithMany().HasForeignKey(c => c.ResourceId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(c => c.Leads).WithOne().HasForeignKey(l => l.CampaignId).OnDelete(DeleteBehavior.Cascade);
        e.Ignore(c => c.LeadOrganizationIds);
    }
}

internal sealed class CampaignLeadConfiguration : IEntityTypeConfiguration<CampaignLead>
{
    public void Configure(EntityTypeBuilder<CampaignLead> e)
    {
        e.HasKey(l => new { l.CampaignId, l.OrganizationId });
        e.HasIndex(l => l.OrganizationId);
        e.HasOne(l => l.Organization).WithMany().HasForeignKey(l => l.OrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class EndorsementConfiguration : IEntityTypeConfiguration<Endorsement>
{
    public void Configure(EntityTypeBuilder<Endorsement> e)
    {
        // One signature per organization (normalized name) or individual (email), and per organization email domain,
        // even when two arrive at once. Released signatures have null keys, which these indexes do not compare.
        e.HasIndex(x => new { x.CampaignId, x.SignatureKey }).IsUnique();
        e.HasIndex(x => new { x.CampaignId, x.OrganizationDomain }).IsUnique();
        // The public list and the count.
        e.HasIndex(x => new { x.CampaignId, x.Status, x.ApprovedAt });
        e.Property(x => x.OrganizationName).HasMaxLength(Endorsement.NameMaxLength);
        e.Property(x => x.City).HasMaxLength(Endorsement.CityMaxLength);
        e.Property(x => x.State).HasMaxLength(2);
        e.Property(x => x.SignerName).HasMaxLength(Endorsement.NameMaxLength);
        e.Property(x => x.SignerRole).HasMaxLength(Endorsement.RoleMaxLength);
        e.Property(x => x.Email).HasMaxLength(Endorsement.EmailMaxLength);
        e.Property(x => x.NormalizedEmail).HasMaxLength(Endorsement.EmailMaxLength);
        e.Property(x => x.Language).HasMaxLength(8);
        e.Property(x => x.SignatureKey).HasMaxLength(Endorsement.EmailMaxLength + 10);
        e.Property(x => x.OrganizationDomain).HasMaxLength(Endorsement.EmailMaxLength);
        e.HasOne<Campaign>().WithMany().HasForeignKey(x => x.CampaignId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(x => x.Links).WithOne().HasForeignKey(l => l.EndorsementId).OnDelete(DeleteBehavior.Cascade);
        e.Ignore(x => x.IsPublic);
        e.Ignore(x => x.DisplayName);
    }
}

internal sealed class EndorsementLinkConfiguration : IEntityTypeConfiguration<EndorsementLink>
{
    public void Configure(EntityTypeBuilder<EndorsementLink> e)
    {
        e.HasIndex(l => l.TokenHash).IsUnique();
        e.HasIndex(l => l.EndorsementId);
        e.Property(l => l.TokenHash).HasMaxLength(64);
    }
}
