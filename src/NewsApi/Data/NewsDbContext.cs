using Microsoft.EntityFrameworkCore;
using NewsApi.Data.Entities;

namespace NewsApi.Data;

/// <summary>
/// The content store. Each database provider has a thin subclass in <c>Data/Providers</c> that owns its migrations;
/// the application and the endpoints only ever see this type.
/// </summary>
public abstract class NewsDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<Article> Articles => Set<Article>();
    public DbSet<Author> Authors => Set<Author>();
    public DbSet<Tag> Tags => Set<Tag>();
    public DbSet<Source> Sources => Set<Source>();
    public DbSet<ArticleAuthor> ArticleAuthors => Set<ArticleAuthor>();
    public DbSet<ArticleTag> ArticleTags => Set<ArticleTag>();
    public DbSet<RelatedArticle> RelatedArticles => Set<RelatedArticle>();
    public DbSet<SearchHit> SearchHits => Set<SearchHit>();
    public DbSet<ArticleRevision> ArticleRevisions => Set<ArticleRevision>();
    public DbSet<ArticleSlugRedirect> ArticleSlugRedirects => Set<ArticleSlugRedirect>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<Change> Changes => Set<Change>();
    public DbSet<WebhookSubscription> WebhookSubscriptions => Set<WebhookSubscription>();
    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();
    public DbSet<WebhookAttempt> WebhookAttempts => Set<WebhookAttempt>();
    public DbSet<ScheduledPublication> ScheduledPublications => Set<ScheduledPublication>();
    public DbSet<PreviewLink> PreviewLinks => Set<PreviewLink>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();
    public DbSet<MediaAsset> MediaAssets => Set<MediaAsset>();

    /// <summary>
    /// Set by an import, which carries each resource's own times over: a new entity that already has its
    /// <c>CreatedAt</c> keeps it (and its <c>UpdatedAt</c>, when set) instead of being stamped with the time of the save.
    /// </summary>
    public bool KeepsGivenTimes { get; set; }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(NewsDbContext).Assembly);
        modelBuilder.Entity<SearchHit>().HasNoKey().ToTable((string?)null);
    }
}
