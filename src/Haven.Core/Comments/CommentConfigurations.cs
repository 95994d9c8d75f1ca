using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Haven.Core.Comments;

internal sealed class CommentConfiguration : IEntityTypeConfiguration<Comment>
{
    public void Configure(EntityTypeBuilder<Comment> e)
    {
        e.HasIndex(c => new { c.SubjectKind, c.SubjectId, c.Status });
        e.HasIndex(c => new { c.Status, c.CreatedAt });
        e.HasIndex(c => new { c.IpAddress, c.CreatedAt });
        e.HasIndex(c => c.NormalizedEmail);
        e.HasIndex(c => c.DuplicateKey).IsUnique();
        e.HasOne<Comment>().WithMany().HasForeignKey(c => c.ParentId).OnDelete(DeleteBehavior.Restrict);
        e.Property(c => c.AuthorName).HasMaxLength(Comment.NameMaxLength);
        e.Property(c => c.Email).HasMaxLength(Comment.EmailMaxLength);
        e.Property(c => c.NormalizedEmail).HasMaxLength(Comment.EmailMaxLength);
        e.Property(c => c.Body).HasMaxLength(Comment.BodyMaxLength);
        e.Property(c => c.HeldReasons).HasMaxLength(200);
        e.Property(c => c.Language).HasMaxLength(8);
        e.Property(c => c.IpAddress).HasMaxLength(64);
        e.Property(c => c.DuplicateKey).HasMaxLength(64);
        e.Property(c => c.DecidedBy).HasMaxLength(320);
    }
}

internal sealed class CommentWordListConfiguration : IEntityTypeConfiguration<CommentWordList>
{
    public void Configure(EntityTypeBuilder<CommentWordList> e)
    {
        e.Property(w => w.Id).ValueGeneratedNever();
        e.Property(w => w.RejectWords).HasMaxLength(CommentWordList.MaxLength);
        e.Property(w => w.HoldWords).HasMaxLength(CommentWordList.MaxLength);
    }
}
