using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NewsApi.Data.Entities;
using Limits = NewsApi.Data.FieldLimits.Source;

namespace NewsApi.Data.Configurations;

internal sealed class SourceConfiguration : IEntityTypeConfiguration<Source>
{
    public void Configure(EntityTypeBuilder<Source> builder)
    {
        builder.ConfigureEntity();
        builder.Property(s => s.Name).HasMaxLength(Limits.Name);
        builder.Property(s => s.Slug).HasMaxLength(Limits.Slug);
        builder.HasIndex(s => s.Slug).IsUnique();
        builder.HasIndex(s => s.Name);
        builder.Property(s => s.HomepageUrl).HasMaxLength(FieldLimits.Url);
        builder.Property(s => s.Description).HasMaxLength(Limits.Description);
    }
}
