using Haven.Core.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Haven.Core.Api;

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> e)
    {
        e.HasIndex(t => t.SecretHash).IsUnique();
        e.HasIndex(t => t.OrganizationId);
        e.Property(t => t.Name).HasMaxLength(ApiToken.NameMaxLength);
        e.Property(t => t.SecretHash).HasMaxLength(64);
        e.Property(t => t.Prefix).HasMaxLength(ApiToken.VisiblePrefixLength);
        e.Property(t => t.CreatedById).HasMaxLength(450);
        e.Property(t => t.CreatedByName).HasMaxLength(320);
        e.Property(t => t.RevokedByName).HasMaxLength(320);
        e.HasOne(t => t.Organization).WithMany().HasForeignKey(t => t.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}
