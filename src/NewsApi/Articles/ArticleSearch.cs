using NewsApi.Data.Entities;

namespace NewsApi.Articles;

/// <summary>
/// Full-text search in the database's own engine (<see cref="IArticleReadPath.BestHits"/>, <see cref="IArticleReadPath.Matching"/>):
/// FTS5 on SQLite (the ArticleSearch table, kept in step by triggers), a weighted tsvector with a GIN index on
/// PostgreSQL. SQL Server has no full-text index here and falls back to a LIKE scan (see <see cref="LikeFallback"/>).
/// Never a client-side filter.
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
    /// Where the database has no full-text engine (SQL Server): every term must appear in the title, subtitle,
    /// excerpt or body.
    /// </summary>
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
