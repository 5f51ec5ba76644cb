using System.Data.Common;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;
using NewsApi.Articles;
using NewsApi.Data;
using NewsApi.Data.Entities;

namespace NewsApi.Webhooks;

/// <summary>
/// The outbox's writer: on every save, turns the tracked changes to articles, authors, tags and sources into events
/// in the same save (and so the same transaction), keeps the schedule of future publications, and wakes the
/// dispatcher once the transaction has committed. Writes that bypass the change tracker record their events
/// themselves (<see cref="Outbox.RecordAndSaveAsync"/>).
/// </summary>
public sealed class ChangeCapture(TimeProvider time, IOptions<WebhookOptions> options, DispatchSignal signal)
    : SaveChangesInterceptor, IDbTransactionInterceptor
{
    // Server-owned or derived columns: never reported as a changed field.
    private static readonly HashSet<string> Unreported =
    [
        nameof(Entity.Id), nameof(Entity.CreatedAt), nameof(Entity.UpdatedAt), nameof(Entity.Version),
        nameof(Article.BodyHtml), nameof(Article.WordCount), nameof(Article.ReadingTimeMinutes), nameof(Article.LastRevision),
        nameof(Article.DeletedAt),
    ];

    private static readonly HashSet<string> Lifecycle = ["status", "publishedAt"];

    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbContext, object> _pendingSignal = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is NewsDbContext db)
        {
            CaptureAsync(db, CancellationToken.None).GetAwaiter().GetResult();
        }
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is NewsDbContext db)
        {
            await CaptureAsync(db, cancellationToken);
        }
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        SignalWhenCommitted(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        SignalWhenCommitted(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is { } context && _pendingSignal.Remove(context))
        {
            signal.Notify();
        }
    }

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionCommitted(transaction, eventData);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is { } context)
        {
            _pendingSignal.Remove(context);
        }
    }

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionRolledBack(transaction, eventData);
        return Task.CompletedTask;
    }

    private void SignalWhenCommitted(DbContext? context)
    {
        if (context is null || !_pendingSignal.TryGetValue(context, out _))
        {
            return;
        }
        // Inside an explicit transaction the deliveries are not visible until it commits.
        if (context.Database.CurrentTransaction is null)
        {
            _pendingSignal.Remove(context);
            signal.Notify();
        }
    }

    private async Task CaptureAsync(NewsDbContext db, CancellationToken cancellationToken)
    {
        // A writer that turned detection off has added or marked everything itself (an import's batch of new rows).
        if (db.ChangeTracker.AutoDetectChangesEnabled)
        {
            db.ChangeTracker.DetectChanges();
        }
        var entries = db.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
                        && e.Entity is Article or Author or Tag or Source or ArticleAuthor or ArticleTag or RelatedArticle)
            .ToList();
        if (entries.Count == 0)
        {
            return;
        }

        var now = time.GetUtcNow();
        var links = new Dictionary<Guid, SortedSet<string>>();
        foreach (var entry in entries)
        {
            var (articleId, field) = entry.Entity switch
            {
                ArticleAuthor aa => (aa.ArticleId, "authorIds"),
                ArticleTag at => (at.ArticleId, "tagIds"),
                RelatedArticle r => (r.ArticleId, "relatedArticleIds"),
                _ => (Guid.Empty, ""),
            };
            if (field.Length > 0)
            {
                (links.TryGetValue(articleId, out var set) ? set : links[articleId] = new SortedSet<string>(StringComparer.Ordinal)).Add(field);
            }
        }

        // An article's events need its tags' and source's slugs: read once for every article of the save (an
        // import saves hundreds together), not once per article.
        var articleEvents = new Dictionary<Guid, ArticleEvents>();
        foreach (var entry in entries)
        {
            if (entry.Entity is Article article && await ArticleEventsAsync(db, db.Entry(article), article, links, now, cancellationToken) is { } events)
            {
                articleEvents[article.Id] = events;
            }
        }
        var facts = articleEvents.Count == 0 ? [] : await ArticleFacts.ReadAllAsync(db, [.. articleEvents.Values.Select(e => e.Entry)], cancellationToken);

        var drafts = new List<EventDraft>();
        foreach (var entry in entries)
        {
            switch (entry.Entity)
            {
                case Article article:
                    if (articleEvents.TryGetValue(article.Id, out var events))
                    {
                        drafts.AddRange(Drafts(events, facts[article.Id]));
                    }
                    break;
                case Author author:
                    AddSimple(drafts, entry, "author", author.Id, author.Slug);
                    break;
                case Tag tag:
                    AddSimple(drafts, entry, "tag", tag.Id, tag.Slug);
                    break;
                case Source source:
                    AddSimple(drafts, entry, "source", source.Id, source.Slug);
                    break;
            }
        }
        if (drafts.Count == 0)
        {
            return;
        }
        var targets = await Outbox.TargetsAsync(db, cancellationToken);
        foreach (var draft in drafts)
        {
            Outbox.Record(db, draft, targets, now);
        }
        // Every committed change wakes the dispatcher and the change feed's streams, deliveries or not.
        _pendingSignal.AddOrUpdate(db, true);
    }

    private void AddSimple(List<EventDraft> drafts, EntityEntry entry, string resourceType, Guid id, string slug)
    {
        var site = options.Value.SiteUrl;
        switch (entry.State)
        {
            case EntityState.Added:
                drafts.Add(Outbox.Simple(resourceType, "created", id, slug, null, site));
                break;
            case EntityState.Deleted:
                drafts.Add(Outbox.Simple(resourceType, "deleted", id, (string)entry.OriginalValues[nameof(ISlugged.Slug)]!, null, site));
                break;
            case EntityState.Modified when ChangedFields(entry) is { Count: > 0 } changed:
                drafts.Add(Outbox.Simple(resourceType, "updated", id, slug, changed, site));
                break;
        }
    }

    /// <summary>Fields whose value differs from what was read (not merely marked modified), as the API names them.</summary>
    private static List<string> ChangedFields(EntityEntry entry)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var property in entry.Properties)
        {
            var name = property.Metadata.Name;
            if (Unreported.Contains(name) || Equals(property.OriginalValue, property.CurrentValue))
            {
                continue;
            }
            names.Add(name.StartsWith("FeaturedImage", StringComparison.Ordinal) ? "featuredImage" : JsonNamingPolicy.CamelCase.ConvertName(name));
        }
        return [.. names];
    }

    /// <summary>What a save does to one article, as events: their types, and the fields an update changed.</summary>
    private sealed record ArticleEvents(EntityEntry<Article> Entry, List<string> Types, List<string>? ChangedFields, ArticleStatus Status);

    /// <summary>The article's events (null when the save makes none), after keeping its schedule.</summary>
    private async Task<ArticleEvents?> ArticleEventsAsync(NewsDbContext db, EntityEntry<Article> entry, Article article,
        Dictionary<Guid, SortedSet<string>> links, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var at = now.UtcDateTime;
        var types = new List<string>();
        List<string>? changedFields = null;
        var status = ArticleVisibility.Effective(article.Status, article.PublishedAt, at);
        switch (entry.State)
        {
            case EntityState.Added:
                types.Add(WebhookEvents.ArticleCreated);
                if (ArticleVisibility.IsPublic(article.Status, article.PublishedAt, article.DeletedAt, at))
                {
                    types.Add(WebhookEvents.ArticlePublished);
                }
                break;
            case EntityState.Deleted:
                types.Add(WebhookEvents.ArticleDeleted);
                break;
            default:
                var wasStatus = entry.Property(a => a.Status).OriginalValue;
                var wasPublishedAt = entry.Property(a => a.PublishedAt).OriginalValue;
                var wasDeletedAt = entry.Property(a => a.DeletedAt).OriginalValue;
                var wasPublic = ArticleVisibility.IsPublic(wasStatus, wasPublishedAt, wasDeletedAt, at);
                var isPublic = ArticleVisibility.IsPublic(article.Status, article.PublishedAt, article.DeletedAt, at);
                changedFields = ChangedFields(entry);
                if (links.TryGetValue(article.Id, out var linkFields))
                {
                    changedFields = [.. changedFields.Union(linkFields).Order(StringComparer.Ordinal)];
                }
                var lifecycle = new List<string>();
                if (wasDeletedAt is null && article.DeletedAt is not null)
                {
                    lifecycle.Add(WebhookEvents.ArticleTrashed);
                }
                if (wasDeletedAt is not null && article.DeletedAt is null)
                {
                    lifecycle.Add(WebhookEvents.ArticleRestored);
                }
                if (wasStatus != ArticleStatus.Archived && article.Status == ArticleStatus.Archived)
                {
                    lifecycle.Add(WebhookEvents.ArticleArchived);
                }
                if (wasStatus == ArticleStatus.Published && article.Status == ArticleStatus.Draft)
                {
                    lifecycle.Add(WebhookEvents.ArticleUnpublished);
                }
                if (!wasPublic && isPublic)
                {
                    lifecycle.Add(WebhookEvents.ArticlePublished);
                }
                // An edit is an update; a status change alone is its lifecycle event, or an update when it only
                // (re)schedules the article.
                if (changedFields.Any(f => !Lifecycle.Contains(f)) || (lifecycle.Count == 0 && changedFields.Count > 0))
                {
                    types.Add(WebhookEvents.ArticleUpdated);
                }
                types.AddRange(lifecycle);
                break;
        }
        if (entry.State != EntityState.Deleted)
        {
            await KeepScheduleAsync(db, article, at, entry.State == EntityState.Added, cancellationToken);
        }
        return types.Count == 0 ? null : new ArticleEvents(entry, types, changedFields, status);
    }

    private List<EventDraft> Drafts(ArticleEvents events, ArticleFacts facts)
    {
        var (entry, types, changedFields, status) = events;
        var article = entry.Entity;
        var statusName = entry.State == EntityState.Deleted ? "deleted"
            : article.DeletedAt is not null ? "trashed"
            : JsonNamingPolicy.CamelCase.ConvertName(status.ToString());
        var action = entry.State == EntityState.Deleted ? "deleted" : "live";
        return types.Select(type => new EventDraft(type, "article", new EventData
        {
            Id = article.Id,
            Slug = article.Slug,
            Status = statusName,
            Path = $"{Http.ApiGroups.Prefix}/articles/{article.Id}",
            Url = Outbox.PublicUrl(options.Value.SiteUrl, "article", article.Slug, action),
            ChangedFields = type == WebhookEvents.ArticleUpdated ? changedFields : null,
            CacheTags = facts.CacheTags(article.Id),
        }, facts.TagSlugs, facts.SourceSlugs)).ToList();
    }

    /// <summary>A published article whose time has not come gets a row the scheduler announces it by; any other loses it.</summary>
    private static async Task KeepScheduleAsync(NewsDbContext db, Article article, DateTime now, bool isNew, CancellationToken cancellationToken)
    {
        var due = article.DeletedAt is null && ArticleVisibility.Effective(article.Status, article.PublishedAt, now) == ArticleStatus.Scheduled
            ? article.PublishedAt
            : null;
        var existing = isNew ? null : await db.ScheduledPublications.FindAsync([article.Id], cancellationToken);
        if (due is { } dueAt)
        {
            if (existing is null)
            {
                db.ScheduledPublications.Add(new ScheduledPublication { ArticleId = article.Id, DueAt = dueAt });
            }
            else if (existing.DueAt != dueAt)
            {
                existing.DueAt = dueAt;
            }
        }
        else if (existing is not null)
        {
            db.ScheduledPublications.Remove(existing);
        }
    }
}

/// <summary>An article's byline, tags and source before and after a change: for cache tags and subscription filters.</summary>
internal sealed record ArticleFacts(IReadOnlyCollection<Guid> AuthorIds, IReadOnlyDictionary<Guid, string> Tags, IReadOnlyDictionary<Guid, string> Sources)
{
    public IReadOnlyCollection<string> TagSlugs => [.. Tags.Values];
    public IReadOnlyCollection<string> SourceSlugs => [.. Sources.Values];

    public IReadOnlyList<string> CacheTags(Guid articleId) =>
    [
        Http.CacheTags.Article(articleId),
        Http.CacheTags.ListOf<ArticleSummary>(),
        .. AuthorIds.Select(Http.CacheTags.Author),
        .. Tags.Keys.Select(Http.CacheTags.Tag),
        .. Sources.Keys.Select(Http.CacheTags.Source),
    ];

    /// <summary>What the database holds (the state before this save) joined with what this save adds.</summary>
    public static async Task<ArticleFacts> ReadAsync(NewsDbContext db, EntityEntry<Article> entry, CancellationToken cancellationToken) =>
        (await ReadAllAsync(db, [entry], cancellationToken))[entry.Entity.Id];

    /// <summary>The facts of several articles of one save, with one query for all their tags and one for their sources.</summary>
    public static async Task<Dictionary<Guid, ArticleFacts>> ReadAllAsync(NewsDbContext db, IReadOnlyList<EntityEntry<Article>> entries, CancellationToken cancellationToken)
    {
        var authorIds = entries.ToDictionary(e => e.Entity.Id, _ => new HashSet<Guid>());
        var tagIds = entries.ToDictionary(e => e.Entity.Id, _ => new HashSet<Guid>());
        foreach (var tracked in db.ChangeTracker.Entries())
        {
            switch (tracked.Entity)
            {
                case ArticleAuthor aa when tracked.State != EntityState.Detached && authorIds.TryGetValue(aa.ArticleId, out var authors):
                    authors.Add(aa.AuthorId);
                    break;
                case ArticleTag at when tracked.State != EntityState.Detached && tagIds.TryGetValue(at.ArticleId, out var tags):
                    tags.Add(at.TagId);
                    break;
            }
        }
        foreach (var entry in entries.Where(e => e.State != EntityState.Added))
        {
            var id = entry.Entity.Id;
            authorIds[id].UnionWith(await db.ArticleAuthors.IgnoreQueryFilters().AsNoTracking().Where(a => a.ArticleId == id).Select(a => a.AuthorId).ToListAsync(cancellationToken));
            tagIds[id].UnionWith(await db.ArticleTags.IgnoreQueryFilters().AsNoTracking().Where(t => t.ArticleId == id).Select(t => t.TagId).ToListAsync(cancellationToken));
        }
        var sourceIds = entries.ToDictionary(e => e.Entity.Id,
            e => new[] { e.Property(a => a.SourceId).OriginalValue, e.Entity.SourceId }.OfType<Guid>().Distinct().ToList());
        var allTags = tagIds.Values.SelectMany(t => t).Distinct().ToList();
        var allSources = sourceIds.Values.SelectMany(s => s).Distinct().ToList();
        var tagSlugs = allTags.Count == 0 ? [] : await db.Tags.AsNoTracking().Where(t => allTags.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Slug, cancellationToken);
        var sourceSlugs = allSources.Count == 0 ? [] : await db.Sources.AsNoTracking().Where(s => allSources.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Slug, cancellationToken);
        return entries.ToDictionary(e => e.Entity.Id, e => new ArticleFacts(
            authorIds[e.Entity.Id],
            tagIds[e.Entity.Id].Where(tagSlugs.ContainsKey).ToDictionary(id => id, id => tagSlugs[id]),
            sourceIds[e.Entity.Id].Where(sourceSlugs.ContainsKey).ToDictionary(id => id, id => sourceSlugs[id])));
    }
}
