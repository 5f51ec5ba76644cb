using NewsApi.Data;
using NewsApi.Data.Entities;
using NewsApi.Http;

namespace NewsApi.Articles;

/// <summary>
/// How article lists are read and searched on the configured database, chosen once at start-up
/// (<see cref="DatabaseServiceCollectionExtensions.AddNewsDatabase"/>). SQLite and PostgreSQL have statements of their
/// own (under <c>Data/</c>, a folder per database) that write a page's summaries as JSON cards and search with the
/// database's full-text engine; any other database (SQL Server) reads rows through LINQ (<see cref="LinqArticleReadPath"/>).
/// Whole articles are read the same way everywhere (<see cref="WholeArticles"/>).
/// </summary>
public interface IArticleReadPath
{
    /// <summary>
    /// Summaries of <paramref name="articles"/> (already filtered, ordered by <paramref name="sort"/> and paged), in
    /// their order: the first <paramref name="limit"/> of them when given (a page reads one more to learn whether
    /// another follows), with their keys in that sort order.
    /// </summary>
    Task<ArticleSummaries> SummariesAsync(IQueryable<Article> articles, NewsDbContext db, ReadContext read,
        CancellationToken cancellationToken, int? limit = null, ArticleSort? sort = null);

    /// <summary>Summaries of the articles with these ids that the query leaves in, in the order of <paramref name="ids"/>.</summary>
    Task<ArticleSummaries> SummariesInOrderAsync(IQueryable<Article> articles, List<Guid> ids, NewsDbContext db, ReadContext read,
        CancellationToken cancellationToken);

    /// <summary>
    /// The front page for the public (no filter, no search, newest first, by offset): the most read list of all,
    /// the same articles as <see cref="SummariesAsync"/> would list.
    /// </summary>
    Task<ArticleSummaries> FrontPageAsync(NewsDbContext db, ReadContext read, int skip, int take, CancellationToken cancellationToken);

    /// <summary>
    /// The best <paramref name="limit"/> matches, best first, ranked by the engine alone (before visibility and
    /// filters); null where the database has no full-text engine. Run it as it is: it does not compose.
    /// </summary>
    IQueryable<SearchHit>? BestHits(NewsDbContext db, IReadOnlyList<string> terms, int limit = ArticleSearch.MaxRanked);

    /// <summary>The articles that match every term, composed into <paramref name="articles"/>.</summary>
    IQueryable<Article> Matching(IQueryable<Article> articles, NewsDbContext db, IReadOnlyList<string> terms);

    /// <summary>How a tag or author filter is put to this database, from whether it keeps a large share of what the reader sees.</summary>
    ArticleQueries.FilterPlan PlanFor(bool largeShare);
}
