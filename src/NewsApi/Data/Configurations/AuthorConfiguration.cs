using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NewsApi.Data.Entities;
using Limits = NewsApi.Data.FieldLimits.Author;

namespace NewsApi.Data.Configurations;

internal sealed class AuthorConfiguration : IEntityTypeConfiguration<Author>
{
    public void Configure(EntityTypeBuilder<Author> builder)
    {
        builder.ConfigureEntity();
        builder.Property(a => a.Name).HasMaxLength(Limits.Name);
        builder.Property(a => a.Slug).HasMaxLength(Limits.Slug);
        builder.HasIndex(a => a.Slug).IsUnique();
        builder.HasIndex(a => a.Name);
        builder.Property(a => a.Bio).HasMaxLength(Limits.Bio);
        builder.Property(a => a.Email).HasMaxLength(Limits.Email);
        builder.Property(a => a.AvatarUrl).HasMaxLength(FieldLimits.Url);
        builder.Property(a => a.WebsiteUrl).HasMaxLength(FieldLimits.Url);
        builder.Property(a => a.SocialHandle).HasMaxLength(Limits.SocialHandle);
    }
}
