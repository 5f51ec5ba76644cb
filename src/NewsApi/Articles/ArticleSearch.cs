using Microsoft.EntityFrameworkCore;
using NewsApi.Data;
using NewsApi.Data.Entities;

namespace NewsApi.Articles;

/// <summary>
/// Full-text search in the database's own engine: FTS5 on SQLite (the ArticleSearch table, kept in step by
/// triggers), a weighted tsvector with a GIN index on PostgreSQL. SQL Server has no full-text index here and
/// falls back to a LIKE scan (see <see cref="LikeFallback"/>). Never a client-side filter.
/// </summary>
public static class ArticleSearch
{
    /// <summary>The matches ranked by the engine, or null where the database has no engine (SQL Server).</summary>
    public static IQueryable<SearchHit>? Hits(NewsDbContext db, IReadOnlyList<string> terms)
    {
        if (db.Database.IsSqlite())
        {
            // bm25 is lower-is-better, so it is negated; the weights favour the title, then subtitle and excerpt, then the body.
            return db.SearchHits.FromSqlRaw(
                """
                SELECT k."ArticleId", -bm25("ArticleSearch", 10.0, 4.0, 4.0, 1.0) AS "Rank"
                FROM "ArticleSearch" JOIN "ArticleSearchKeys" k ON k."RowId" = "ArticleSearch".rowid
                WHERE "ArticleSearch" MATCH {0}
                """,
                SearchTerms.ToFts5(terms));
        }
        if (db.Database.IsNpgsql())
        {
            return db.SearchHits.FromSqlRaw(
                """SELECT a."Id" AS "ArticleId", ts_rank(a."SearchVector", query)::double precision AS "Rank" FROM "Articles" a, websearch_to_tsquery('english', {0}) query WHERE a."SearchVector" @@ query""",
                SearchTerms.ToWebSearch(terms));
        }
        return null;
    }

    public static IQueryable<Article> LikeFallback(IQueryable<Article> articles, IReadOnlyList<string> terms)
    {
        foreach (var term in terms)
        {
            articles = articles.Where(a => a.Title.Contains(term) || a.Subtitle!.Contains(term)
                                           || a.Excerpt!.Contains(term) || a.Body.Contains(term));
        }
        return articles;
    }
}
