using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NewsApi.Data.Entities;
using Limits = NewsApi.Data.FieldLimits.Webhook;

namespace NewsApi.Data.Configurations;

internal sealed class ChangeConfiguration : IEntityTypeConfiguration<Change>
{
    public void Configure(EntityTypeBuilder<Change> builder)
    {
        builder.HasKey(c => c.Sequence);
        builder.Property(c => c.Sequence).ValueGeneratedOnAdd();
        builder.Property(c => c.EventId).HasMaxLength(Limits.EventId);
        builder.HasIndex(c => c.EventId).IsUnique();
        builder.Property(c => c.Type).HasMaxLength(Limits.EventType);
        builder.Property(c => c.ResourceType).HasMaxLength(16);
        builder.HasIndex(c => new { c.ResourceType, c.ResourceId, c.Sequence });
        // The change feed's order, and what its retention purge deletes.
        builder.HasIndex(c => new { c.Transaction, c.Sequence });
        builder.HasIndex(c => c.OccurredAt);
        builder.Property(c => c.Payload).HasMaxLength(Limits.Payload);
    }
}

internal sealed class WebhookSubscriptionConfiguration : IEntityTypeConfiguration<WebhookSubscription>
{
    public void Configure(EntityTypeBuilder<WebhookSubscription> builder)
    {
        builder.ConfigureEntity();
        builder.Property(s => s.Url).HasMaxLength(FieldLimits.Url);
        builder.Property(s => s.Events).HasMaxLength(Limits.Events);
        builder.Property(s => s.Description).HasMaxLength(Limits.Description);
        builder.Property(s => s.FilterTags).HasMaxLength(Limits.FilterTags);
        builder.Property(s => s.FilterSource).HasMaxLength(FieldLimits.Source.Slug);
        builder.Property(s => s.DisabledReason).HasMaxLength(Limits.Description);
        builder.Property(s => s.Secret).HasMaxLength(Limits.Secret);
        builder.Property(s => s.PreviousSecret).HasMaxLength(Limits.Secret);
    }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> builder)
    {
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedOnAdd();
        builder.HasOne(d => d.Subscription).WithMany().HasForeignKey(d => d.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(d => d.Change).WithMany().HasForeignKey(d => d.ChangeSequence).OnDelete(DeleteBehavior.Restrict);
        builder.Property(d => d.EventId).HasMaxLength(Limits.EventId);
        builder.Property(d => d.EventType).HasMaxLength(Limits.EventType);
        builder.Property(d => d.ResourceKey).HasMaxLength(64);
        builder.Property(d => d.Payload).HasMaxLength(Limits.Payload);
        builder.Property(d => d.Status).HasConversion<string>().HasMaxLength(16);
        builder.HasMany(d => d.Attempts).WithOne().HasForeignKey(a => a.DeliveryId).OnDelete(DeleteBehavior.Cascade);

        // What the dispatcher claims (due, pending), what keeps a resource's deliveries in order, the log's pages,
        // and what the retention purge deletes.
        builder.HasIndex(d => new { d.Status, d.NextAttemptAt });
        builder.HasIndex(d => new { d.SubscriptionId, d.ResourceKey, d.Status, d.Id });
        builder.HasIndex(d => new { d.SubscriptionId, d.Id });
        builder.HasIndex(d => d.CompletedAt);
    }
}

internal sealed class WebhookAttemptConfiguration : IEntityTypeConfiguration<WebhookAttempt>
{
    public void Configure(EntityTypeBuilder<WebhookAttempt> builder)
    {
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedOnAdd();
        builder.HasIndex(a => new { a.DeliveryId, a.Number });
        builder.Property(a => a.ResponseBody).HasMaxLength(Limits.ResponseBody);
        builder.Property(a => a.Error).HasMaxLength(Limits.Error);
    }
}

internal sealed class ScheduledPublicationConfiguration : IEntityTypeConfiguration<ScheduledPublication>
{
    public void Configure(EntityTypeBuilder<ScheduledPublication> builder)
    {
        builder.HasKey(s => s.ArticleId);
        builder.Property(s => s.ArticleId).ValueGeneratedNever();
        // Two instances announcing the same article: the second delete finds the row gone or moved, and stops.
        builder.Property(s => s.DueAt).IsConcurrencyToken();
        builder.HasIndex(s => s.DueAt);
        builder.HasOne<Article>().WithOne().HasForeignKey<ScheduledPublication>(s => s.ArticleId).OnDelete(DeleteBehavior.Cascade);
    }
}
