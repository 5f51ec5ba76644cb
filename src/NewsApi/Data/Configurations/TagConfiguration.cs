using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NewsApi.Data.Entities;
using Limits = NewsApi.Data.FieldLimits.Tag;

namespace NewsApi.Data.Configurations;

internal sealed class TagConfiguration : IEntityTypeConfiguration<Tag>
{
    public void Configure(EntityTypeBuilder<Tag> builder)
    {
        builder.ConfigureEntity();
        builder.Property(t => t.Name).HasMaxLength(Limits.Name);
        builder.Property(t => t.Slug).HasMaxLength(Limits.Slug);
        builder.HasIndex(t => t.Slug).IsUnique();
        builder.HasIndex(t => t.Name);
        builder.Property(t => t.Description).HasMaxLength(Limits.Description);
    }
}
