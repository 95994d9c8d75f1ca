using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Haven.Core.News;

internal sealed class PostConfiguration : IEntityTypeConfiguration<Post>
{
    public void Configure(EntityTypeBuilder<Post> e)
    {
        e.HasIndex(x => x.Slug).IsUnique();
        // The public list: not drafts, newest date first.
        e.HasIndex(x => new { x.IsDraft, x.PublishedOn });
        e.HasIndex(x => x.OwnerOrganizationId);
        e.Property(x => x.Slug).HasMaxLength(80);
        e.Property(x => x.Title).HasMaxLength(Post.TitleMaxLength);
        e.Property(x => x.Summary).HasMaxLength(Post.SummaryMaxLength);
        e.Property(x => x.Byline).HasMaxLength(Post.BylineMaxLength);
        e.Property(x => x.Language).HasMaxLength(8);
        e.Property(x => x.ContactName).HasMaxLength(Post.ContactNameMaxLength);
        e.Property(x => x.ContactEmail).HasMaxLength(Post.ContactEmailMaxLength);
        e.Property(x => x.ContactPhone).HasMaxLength(Post.ContactPhoneMaxLength);
        e.Property(x => x.DatelineCity).HasMaxLength(Post.DatelineMaxLength);
        e.Property(x => x.Revision).IsConcurrencyToken();
        e.Ignore(x => x.VisibleSince);
        e.Ignore(x => x.HasContact);
        e.HasOne(x => x.OwnerOrganization).WithMany().HasForeignKey(x => x.OwnerOrganizationId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(x => x.Author).WithMany().HasForeignKey(x => x.AuthorPersonId).OnDelete(DeleteBehavior.SetNull);
        e.HasMany(x => x.Topics).WithMany().UsingEntity("PostTopics");
    }
}
