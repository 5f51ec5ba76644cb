using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NewsApi.Data.Entities;

namespace NewsApi.Data.Configurations;

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Id).ValueGeneratedNever();
        builder.Property(k => k.Name).HasMaxLength(100);
        builder.Property(k => k.Prefix).HasMaxLength(16);
        builder.Property(k => k.Hash).HasMaxLength(32);
        builder.HasIndex(k => k.Hash).IsUnique();
        builder.Property(k => k.Scopes).HasMaxLength(200);
    }
}
