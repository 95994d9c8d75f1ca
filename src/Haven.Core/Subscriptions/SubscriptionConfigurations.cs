using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Haven.Core.Subscriptions;

internal sealed class SubscriptionConfiguration : IEntityTypeConfiguration<Subscription>
{
    public void Configure(EntityTypeBuilder<Subscription> e)
    {
        e.HasIndex(s => s.Email).IsUnique();
        e.HasIndex(s => s.ConfirmTokenHash).IsUnique();
        e.Property(s => s.Email).HasMaxLength(Subscription.EmailMaxLength);
        e.Property(s => s.Language).HasMaxLength(8);
        e.Property(s => s.ConfirmTokenHash).HasMaxLength(64);
        e.Property(s => s.ContentKinds).HasMaxLength(100);
        e.Property(s => s.Topics).HasMaxLength(4000);
        e.Property(s => s.Jurisdictions).HasMaxLength(4000);
        e.Property(s => s.Organizations).HasMaxLength(4000);
        e.Property(s => s.EventKinds).HasMaxLength(200);
        e.Ignore(s => s.Interests);
        e.Ignore(s => s.IsConfirmed);
        e.HasMany(s => s.Links).WithOne().HasForeignKey(l => l.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SubscriptionLinkConfiguration : IEntityTypeConfiguration<SubscriptionLink>
{
    public void Configure(EntityTypeBuilder<SubscriptionLink> e)
    {
        e.HasIndex(l => l.TokenHash).IsUnique();
        e.Property(l => l.TokenHash).HasMaxLength(64);
    }
}

internal sealed class SubscriptionDeliveryConfiguration : IEntityTypeConfiguration<SubscriptionDelivery>
{
    public void Configure(EntityTypeBuilder<SubscriptionDelivery> e)
    {
        // At most once per subscriber and item: two instances sending at once collide here and one backs off.
        e.HasIndex(d => new { d.SubscriptionId, d.ItemKind, d.ItemId }).IsUnique();
        e.HasOne<Subscription>().WithMany().HasForeignKey(d => d.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
    }
}
