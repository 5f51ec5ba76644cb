using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NewsApi.Data.Entities;

namespace NewsApi.Data.Configurations;

internal sealed class PreviewLinkConfiguration : IEntityTypeConfiguration<PreviewLink>
{
    public void Configure(EntityTypeBuilder<PreviewLink> builder)
    {
        builder.HasKey(l => l.Id);
        builder.Property(l => l.Id).ValueGeneratedNever();
        builder.Property(l => l.Hash).HasMaxLength(32);
        builder.HasIndex(l => l.Hash).IsUnique();
        builder.HasIndex(l => l.ArticleId);
        builder.Property(l => l.CreatedBy).HasMaxLength(100);
        builder.HasOne(l => l.Article).WithMany().HasForeignKey(l => l.ArticleId).OnDelete(DeleteBehavior.Cascade);
        // A trashed article's links show nothing.
        builder.HasQueryFilter(l => l.Article.DeletedAt == null);
    }
}
