using System.Collections.Concurrent;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using NewsApi.Data;
using NewsApi.Data.Entities;

namespace NewsApi.Articles;

/// <summary>
/// A page's keys: only the id and the sorted column of each listed article (on PostgreSQL a deep offset page is then
/// read from the index alone), for the databases that write the page's cards in a second statement.
/// </summary>
public static class ArticleKeys
{
    public static Expression<Func<Article, ArticleKey>> Of(ArticleSort? sort, bool editor) => sort?.Field switch
    {
        ArticleSortField.Title => ByTitle,
        ArticleSortField.UpdatedAt => ByUpdate,
        ArticleSortField.PublishedAt => editor ? ByEditorialTime : ByPublication,
        _ => ById,
    };

    private static readonly Expression<Func<Article, ArticleKey>> ByTitle = a => new ArticleKey(a.Id, null, a.Title);
    private static readonly Expression<Func<Article, ArticleKey>> ByUpdate = a => new ArticleKey(a.Id, a.UpdatedAt, null);
    private static readonly Expression<Func<Article, ArticleKey>> ByEditorialTime = a => new ArticleKey(a.Id, a.PublishedAt ?? a.CreatedAt, null);
    private static readonly Expression<Func<Article, ArticleKey>> ByPublication = a => new ArticleKey(a.Id, a.PublishedAt, null);
    private static readonly Expression<Func<Article, ArticleKey>> ById = a => new ArticleKey(a.Id, null, null);

    /// <summary>
    /// The public front page's keys, from a query compiled once per provider: EF otherwise inspects, hashes and looks
    /// up the query's tree on every read of the most read list of all.
    /// </summary>
    public static async Task<List<ArticleKey>> FrontPageAsync(NewsDbContext db, DateTime now, int skip, int take,
        CancellationToken cancellationToken)
    {
        var compiled = CompiledFrontPage.GetOrAdd(db.GetType(), static _ => EF.CompileAsyncQuery(FrontPageQuery));
        var keys = new List<ArticleKey>(take);
        await foreach (var key in compiled(db, now, skip, take).WithCancellation(cancellationToken))
        {
            keys.Add(key);
        }
        return keys;
    }

    /// <summary>The public front page's keys, in the order and form of <see cref="ArticleQueries.Order"/> and <see cref="Of"/>.</summary>
    private static readonly Expression<Func<NewsDbContext, DateTime, int, int, IQueryable<ArticleKey>>> FrontPageQuery =
        QueryTemplates.Expand<Func<NewsDbContext, DateTime, int, int, IQueryable<ArticleKey>>>((db, now, skip, take) =>
            db.Articles.AsNoTracking()
                .Where(a => QueryTemplates.IsPublic(a, now))
                .OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id)
                .Skip(skip).Take(take)
                .Select(a => new ArticleKey(a.Id, a.PublishedAt, null)));

    private static readonly ConcurrentDictionary<Type, Func<NewsDbContext, DateTime, int, int, IAsyncEnumerable<ArticleKey>>>
        CompiledFrontPage = new();
}
