using Microsoft.EntityFrameworkCore;
using NewsApi.Articles;
using NewsApi.Data.Entities;
using NewsApi.Data.Providers;
using NewsApi.Http;

namespace NewsApi.Data.Sqlite;

/// <summary>Article lists on SQLite: cards from <see cref="SqliteArticleCards"/>, search with FTS5.</summary>
public sealed class SqliteArticleReadPath : CardArticleReadPath
{
    /// <summary>
    /// Statements from <see cref="SqliteStatementCache"/> take turns, one per core. A page deeper than this walks so
    /// many index entries that it would hold a turn for milliseconds and queue the front pages behind it, so its keys
    /// are read through EF, outside the turns, and only its cards take one.
    /// </summary>
    private const int OneStatementDeepestOffset = 1_000;

    protected override Task<byte[]> CardsAsync(NewsDbContext db, IReadOnlyList<Guid> ids, DateTime now, CancellationToken cancellationToken) =>
        SqliteArticleCards.SummariesAsync((SqliteNewsDbContext)db, ids, now, cancellationToken);

    /// <summary>The first pages' keys and cards come from one prepared statement.</summary>
    public override Task<ArticleSummaries> FrontPageAsync(NewsDbContext db, ReadContext read, int skip, int take,
        CancellationToken cancellationToken) =>
        skip <= OneStatementDeepestOffset
            ? SqliteArticleCards.FrontPageAsync((SqliteNewsDbContext)db, read.Now, skip, take, cancellationToken).AsTask()
            : base.FrontPageAsync(db, read, skip, take, cancellationToken);

    /// <summary>
    /// The cards come from <see cref="SqliteStatementCache"/>, so EF's connection is closed again before them: held
    /// while the cards waited their turn, it made the connection pool (and its page caches) grow with the queue.
    /// </summary>
    protected override Task<T> TogetherAsync<T>(NewsDbContext db, Func<Task<T>> read, CancellationToken cancellationToken) => read();

    /// <summary>
    /// Filtering by a rare tag or author lists its articles once (<see cref="ArticleQueries.FilterPlan.MemberList"/>):
    /// SQLite walks the date index either way.
    /// </summary>
    public override ArticleQueries.FilterPlan PlanFor(bool largeShare) =>
        largeShare ? ArticleQueries.FilterPlan.PerArticle : ArticleQueries.FilterPlan.MemberList;

    public override IQueryable<SearchHit> BestHits(NewsDbContext db, IReadOnlyList<string> terms, int limit = ArticleSearch.MaxRanked) =>
        // The limit applies inside FTS5, before the key table is joined, so only the best rows are looked up.
        // bm25 is lower-is-better, so it is negated; the weights favour the title, then subtitle and excerpt, then the body.
        db.SearchHits.FromSqlRaw(
            """
            SELECT k."ArticleId", -best."Score" AS "Rank"
            FROM (SELECT rowid AS "RowId", bm25("ArticleSearch", 10.0, 4.0, 4.0, 1.0) AS "Score"
                  FROM "ArticleSearch" WHERE "ArticleSearch" MATCH {0}
                  ORDER BY "Score" LIMIT {1}) AS best
            JOIN "ArticleSearchKeys" k ON k."RowId" = best."RowId"
            ORDER BY best."Score"
            """,
            SearchTerms.ToFts5(terms), limit);

    protected override IQueryable<Guid> MatchingIds(NewsDbContext db, IReadOnlyList<string> terms) =>
        db.SearchHits.FromSqlRaw(
            """
            SELECT k."ArticleId", 0.0 AS "Rank"
            FROM "ArticleSearch" JOIN "ArticleSearchKeys" k ON k."RowId" = "ArticleSearch".rowid
            WHERE "ArticleSearch" MATCH {0}
            """,
            SearchTerms.ToFts5(terms)).Select(h => h.ArticleId);
}
