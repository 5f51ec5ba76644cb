using Microsoft.EntityFrameworkCore;
using NewsApi.Articles;
using NewsApi.Data.Entities;

namespace NewsApi.Data.Postgres;

/// <summary>Article lists on PostgreSQL: cards from <see cref="PostgresArticleCards"/>, search with a weighted tsvector.</summary>
public sealed class PostgresArticleReadPath : CardArticleReadPath
{
    protected override Task<byte[]> CardsAsync(NewsDbContext db, IReadOnlyList<Guid> ids, DateTime now, CancellationToken cancellationToken) =>
        PostgresArticleCards.SummariesAsync(db, ids, now, cancellationToken);

    /// <summary>
    /// Filtering by a tag or author that holds a good share of the archive walks the dates
    /// (<see cref="ArticleQueries.FilterPlan.WalkDates"/>); a rare one is left to the planner.
    /// </summary>
    public override ArticleQueries.FilterPlan PlanFor(bool largeShare) =>
        largeShare ? ArticleQueries.FilterPlan.WalkDates : ArticleQueries.FilterPlan.PerArticle;

    public override IQueryable<SearchHit> BestHits(NewsDbContext db, IReadOnlyList<string> terms, int limit = ArticleSearch.MaxRanked) =>
        // The query comes from a sub-select, so the planner cannot see how selective it is and keeps to the GIN
        // index; shown a phrase it overestimates the matches and scans the whole table. MATERIALIZED ranks only
        // the matches, once each.
        db.SearchHits.FromSqlRaw(
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

    protected override IQueryable<Guid> MatchingIds(NewsDbContext db, IReadOnlyList<string> terms) =>
        db.SearchHits.FromSqlRaw(
            """SELECT a."Id" AS "ArticleId", 0.0::double precision AS "Rank" FROM "Articles" a WHERE a."SearchVector" @@ (SELECT websearch_to_tsquery('english', {0}))""",
            SearchTerms.ToWebSearch(terms)).Select(h => h.ArticleId);
}
