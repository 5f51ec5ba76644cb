using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using NewsApi.Data.Entities;

namespace NewsApi.Data;

/// <summary>
/// Stamps ids, audit times and versions on every save, from <see cref="TimeProvider"/> so tests can move the clock.
/// A change to an article's byline, tags or related links counts as a change to the article.
/// </summary>
internal sealed class AuditInterceptor(TimeProvider time) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Stamp(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Stamp(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void Stamp(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        // A writer that turned detection off has added or marked everything itself (an import's batch of new rows).
        if (context.ChangeTracker.AutoDetectChangesEnabled)
        {
            context.ChangeTracker.DetectChanges();
        }
        foreach (var link in context.ChangeTracker.Entries()
                     .Where(e => e.State is EntityState.Added or EntityState.Deleted or EntityState.Modified))
        {
            var article = link.Entity switch
            {
                ArticleAuthor aa => aa.Article,
                ArticleTag at => at.Article,
                RelatedArticle r => r.Article,
                _ => null,
            };
            if (article is not null && context.Entry(article).State == EntityState.Unchanged)
            {
                // Only the audit columns: marking the whole row modified would rewrite every column, and re-index
                // the article's text for search, when only its links changed.
                context.Entry(article).Property(a => a.UpdatedAt).IsModified = true;
            }
        }

        var now = time.GetUtcNow();
        var keepGiven = context is NewsDbContext { KeepsGivenTimes: true };
        foreach (var entry in context.ChangeTracker.Entries<Entity>())
        {
            switch (entry.State)
            {
                case EntityState.Added:
                    if (entry.Entity.Id == Guid.Empty)
                    {
                        entry.Entity.Id = Guid.CreateVersion7(now);
                    }
                    if (keepGiven && entry.Entity.CreatedAt != default)
                    {
                        entry.Entity.UpdatedAt = entry.Entity.UpdatedAt == default ? now.UtcDateTime : entry.Entity.UpdatedAt;
                    }
                    else
                    {
                        entry.Entity.CreatedAt = now.UtcDateTime;
                        entry.Entity.UpdatedAt = now.UtcDateTime;
                    }
                    entry.Entity.Version = Guid.NewGuid();
                    break;
                case EntityState.Modified:
                    // Through the entry, so the columns count as modified whether or not changes are detected later.
                    entry.Property(e => e.UpdatedAt).CurrentValue = now.UtcDateTime;
                    entry.Property(e => e.Version).CurrentValue = Guid.NewGuid();
                    break;
            }
        }
    }
}
