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
    /// <summary>
    /// How many matches relevance ranking looks at: the engine ranks every match, but only the best this many are
    /// joined to the articles, filtered and paged. Ranking and checking every match cost time in proportion to the
    /// matches (a common word matches thousands); this bounds a ranked page however many there are.
    /// </summary>
    public const int MaxRanked = 1_000;

    /// <summary>
    /// The best <paramref name="limit"/> matches, best first, ranked by the engine alone (before visibility and
    /// filters); null where the database has no engine (SQL Server). Run it as it is: it does not compose.
    /// </summary>
    public static IQueryable<SearchHit>? BestHits(NewsDbContext db, IReadOnlyList<string> terms, int limit = MaxRanked)
    {
        if (db.Database.IsSqlite())
        {
            // The limit applies inside FTS5, before the key table is joined, so only the best rows are looked up.
            // bm25 is lower-is-better, so it is negated; the weights favour the title, then subtitle and excerpt, then the body.
            return db.SearchHits.FromSqlRaw(
                """
                SELECT k."ArticleId", -best."Score" AS "Rank"
                FROM (SELECT rowid AS "RowId", bm25("ArticleSearch", 10.0, 4.0, 4.0, 1.0) AS "Score"
                      FROM "ArticleSearch" WHERE "ArticleSearch" MATCH {0}
                      ORDER BY "Score" LIMIT {1}) AS best
                JOIN "ArticleSearchKeys" k ON k."RowId" = best."RowId"
                ORDER BY best."Score"
                """,
                SearchTerms.ToFts5(terms), limit);
        }
        if (db.Database.IsNpgsql())
        {
            // The query comes from a sub-select, so the planner cannot see how selective it is and keeps to the GIN
            // index; shown a phrase it overestimates the matches and scans the whole table. MATERIALIZED ranks only
            // the matches, once each.
            return db.SearchHits.FromSqlRaw(
                """
                WITH matches AS MATERIALIZED (
                    SELECT a."Id", a."SearchVector" FROM "Articles" a
                    WHERE a."SearchVector" @@ (SELECT websearch_to_tsquery('english', {0})))
                SELECT m."Id" AS "ArticleId",
                       ts_rank(m."SearchVector", (SELECT websearch_to_tsquery('english', {0})))::double precision AS "Rank"
                FROM matches m
                ORDER BY "Rank" DESC
                LIMIT {1}
                """,
                SearchTerms.ToWebSearch(terms), limit);
        }
        return null;
    }

    /// <summary>
    /// The ids of every match, unranked, to compose into a query (<c>a.Id IN (…)</c>); null where the database has
    /// no engine (SQL Server).
    /// </summary>
    public static IQueryable<Guid>? MatchingIds(NewsDbContext db, IReadOnlyList<string> terms)
    {
        if (db.Database.IsSqlite())
        {
            return db.SearchHits.FromSqlRaw(
                """
                SELECT k."ArticleId", 0.0 AS "Rank"
                FROM "ArticleSearch" JOIN "ArticleSearchKeys" k ON k."RowId" = "ArticleSearch".rowid
                WHERE "ArticleSearch" MATCH {0}
                """,
                SearchTerms.ToFts5(terms)).Select(h => h.ArticleId);
        }
        if (db.Database.IsNpgsql())
        {
            return db.SearchHits.FromSqlRaw(
                """SELECT a."Id" AS "ArticleId", 0.0::double precision AS "Rank" FROM "Articles" a WHERE a."SearchVector" @@ (SELECT websearch_to_tsquery('english', {0}))""",
                SearchTerms.ToWebSearch(terms)).Select(h => h.ArticleId);
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
