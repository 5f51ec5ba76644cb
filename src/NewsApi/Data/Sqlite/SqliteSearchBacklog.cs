using Microsoft.EntityFrameworkCore;

namespace NewsApi.Data.Sqlite;

/// <summary>
/// FTS5 writes its pending terms out at every statement savepoint, so articles inserted one statement each inside a
/// transaction would each become a segment to merge (an import slowed to a crawl after some 30,000). The articles
/// listed in ArticleSearchBacklog are left out by the insert trigger (migration SearchBacklog) and indexed here with
/// one statement: one write of the index per batch.
/// </summary>
public sealed class SqliteSearchBacklog : IBulkSearchIndex
{
    public async Task DeferAsync(NewsDbContext db, IReadOnlyCollection<Guid> articleIds, CancellationToken cancellationToken)
    {
        if (articleIds.Count == 0)
        {
            return;
        }
        await db.Database.ExecuteSqlAsync($"""
            INSERT OR IGNORE INTO "ArticleSearchBacklog" ("ArticleId") SELECT "value" FROM json_each({SqliteArticleCards.StoredIds(articleIds)})
            """, cancellationToken);
    }

    public async Task CatchUpAsync(NewsDbContext db, CancellationToken cancellationToken)
    {
        // Only the listed articles that were inserted: one the batch did not insert after all has no key, and is dropped.
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO "ArticleSearch" (rowid, "Title", "Subtitle", "Excerpt", "Body")
            SELECT k."RowId", a."Title", coalesce(a."Subtitle", ''), coalesce(a."Excerpt", ''), a."Body"
            FROM "ArticleSearchBacklog" AS b
            JOIN "ArticleSearchKeys" AS k ON k."ArticleId" = b."ArticleId"
            JOIN "Articles" AS a ON a."Id" = b."ArticleId";
            DELETE FROM "ArticleSearchBacklog";
            """, cancellationToken);
    }
}
