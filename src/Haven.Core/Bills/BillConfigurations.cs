using Haven.Core.Organizations;
using Haven.Core.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Haven.Core.Bills;

internal sealed class BillConfiguration : IEntityTypeConfiguration<Bill>
{
    public void Configure(EntityTypeBuilder<Bill> e)
    {
        e.HasIndex(b => b.Slug).IsUnique();
        // One bill per number in a jurisdiction and session, however the number is typed.
        e.HasIndex(b => new { b.JurisdictionId, b.SessionKey, b.NumberKey }).IsUnique();
        e.Property(b => b.Slug).HasMaxLength(Shared.Slug.MaxLength);
        e.Property(b => b.Number).HasMaxLength(Bill.NumberMaxLength);
        e.Property(b => b.NumberKey).HasMaxLength(Bill.NumberMaxLength);
        e.Property(b => b.Title).HasMaxLength(Bill.TitleMaxLength);
        e.Property(b => b.Session).HasMaxLength(Bill.SessionMaxLength);
        e.Property(b => b.SessionKey).HasMaxLength(Bill.SessionMaxLength);
        e.Property(b => b.Status).HasMaxLength(Bill.StatusMaxLength);
        e.Property(b => b.ChamberName).HasMaxLength(Bill.ChamberNameMaxLength);
        e.Property(b => b.OfficialUrl).HasMaxLength(Bill.UrlMaxLength);
        e.HasOne(b => b.Jurisdiction).WithMany().HasForeignKey(b => b.JurisdictionId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Organization>().WithMany().HasForeignKey(b => b.OwnerOrganizationId).OnDelete(DeleteBehavior.SetNull);
        e.HasMany(b => b.Positions).WithOne(p => p.Bill).HasForeignKey(p => p.BillId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class BillPositionConfiguration : IEntityTypeConfiguration<BillPosition>
{
    public void Configure(EntityTypeBuilder<BillPosition> e)
    {
        // One current position per organization (HolderKey 0: the coalition) per bill.
        e.HasIndex(p => new { p.BillId, p.HolderKey }).IsUnique();
        e.Property(p => p.Reasons).HasMaxLength(BillPosition.ReasonsMaxLength);
        e.Property(p => p.CallToAction).HasMaxLength(BillPosition.CallToActionMaxLength);
        e.Property(p => p.ActionUrl).HasMaxLength(Bill.UrlMaxLength);
        e.HasOne(p => p.Organization).WithMany().HasForeignKey(p => p.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ResourceBillConfiguration : IEntityTypeConfiguration<ResourceBill>
{
    public void Configure(EntityTypeBuilder<ResourceBill> e)
    {
        e.HasKey(l => new { l.ResourceId, l.BillId });
        e.HasIndex(l => l.BillId);
        e.HasOne<Resource>().WithMany().HasForeignKey(l => l.ResourceId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne(l => l.Bill).WithMany().HasForeignKey(l => l.BillId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CampaignBillConfiguration : IEntityTypeConfiguration<CampaignBill>
{
    public void Configure(EntityTypeBuilder<CampaignBill> e)
    {
        e.HasKey(l => new { l.CampaignId, l.BillId });
        e.HasIndex(l => l.BillId);
        e.HasOne<Campaigns.Campaign>().WithMany().HasForeignKey(l => l.CampaignId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne(l => l.Bill).WithMany().HasForeignKey(l => l.BillId).OnDelete(DeleteBehavior.Cascade);
    }
}
