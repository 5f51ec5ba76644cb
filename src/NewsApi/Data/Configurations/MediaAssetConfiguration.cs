using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NewsApi.Data.Entities;
using Limits = NewsApi.Data.FieldLimits.Media;

namespace NewsApi.Data.Configurations;

internal sealed class MediaAssetConfiguration : IEntityTypeConfiguration<MediaAsset>
{
    public void Configure(EntityTypeBuilder<MediaAsset> builder)
    {
        builder.ConfigureEntity();
        builder.Property(m => m.Alt).HasMaxLength(Limits.Alt);
        builder.Property(m => m.Caption).HasMaxLength(Limits.Caption);
        builder.Property(m => m.Credit).HasMaxLength(Limits.Credit);
        builder.Property(m => m.SourceUrl).HasMaxLength(FieldLimits.Url);
        builder.Property(m => m.Format).HasMaxLength(8);
        builder.Property(m => m.Sha256).HasMaxLength(64);
        builder.HasIndex(m => m.Sha256).IsUnique();
        builder.Property(m => m.Placeholder).HasMaxLength(Limits.Placeholder);
        builder.HasIndex(m => m.CreatedAt);
    }
}
