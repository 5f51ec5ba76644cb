using Microsoft.EntityFrameworkCore;
using NewsApi.Data;
using NewsApi.Data.Entities;
using NewsApi.Http;

namespace NewsApi.Articles;

/// <summary>
/// Lists on a database that writes each summary as JSON itself (a card), one statement for all the cards of a page:
/// first the page's keys (<see cref="ArticleKeys"/>), then its cards. Reading 20 summaries as rows meant about 1,900
/// column reads (one native call or more each), a materialiser per row, and the serializer writing it all out again;
/// this reads one value. The ids come from a query that already applied visibility, filters and order.
/// </summary>
public abstract class CardArticleReadPath : IArticleReadPath
{
    /// <summary>The cards of the articles with these ids, in this order, as a UTF-8 JSON array.</summary>
    protected abstract Task<byte[]> CardsAsync(NewsDbContext db, IReadOnlyList<Guid> ids, DateTime now, CancellationToken cancellationToken);

    /// <summary>The ids of every match, unranked, to compose into a query (<c>a.Id IN (…)</c>).</summary>
    protected abstract IQueryable<Guid> MatchingIds(NewsDbContext db, IReadOnlyList<string> terms);

    public abstract IQueryable<SearchHit>? BestHits(NewsDbContext db, IReadOnlyList<string> terms, int limit = ArticleSearch.MaxRanked);

    public abstract ArticleQueries.FilterPlan PlanFor(bool largeShare);

    /// <summary>The engine lists the matches once (<c>a.Id IN (…)</c>): a correlated EXISTS ran the search once per article.</summary>
    public IQueryable<Article> Matching(IQueryable<Article> articles, NewsDbContext db, IReadOnlyList<string> terms)
    {
        var matching = MatchingIds(db, terms);
        return articles.Where(a => matching.Contains(a.Id));
    }

    public Task<ArticleSummaries> SummariesAsync(IQueryable<Article> articles, NewsDbContext db, ReadContext read,
        CancellationToken cancellationToken, int? limit = null, ArticleSort? sort = null) =>
        KeysThenCardsAsync(db, read, async () =>
        {
            var keys = await articles.AsNoTracking().Select(ArticleKeys.Of(sort, read.Editor)).ToListAsync(cancellationToken);
            return (limit is { } n && keys.Count > n ? keys[..n] : keys, keys.Count);
        }, cancellationToken);

    public async Task<ArticleSummaries> SummariesInOrderAsync(IQueryable<Article> articles, List<Guid> ids, NewsDbContext db,
        ReadContext read, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return ArticleSummaries.Empty;
        }
        var kept = articles.Where(a => ids.Contains(a.Id));
        return await KeysThenCardsAsync(db, read, async () =>
        {
            var keys = (await kept.AsNoTracking().Select(ArticleKeys.Of(null, read.Editor)).ToListAsync(cancellationToken)).ToDictionary(k => k.Id);
            var ordered = ids.Where(keys.ContainsKey).Select(id => keys[id]).ToList();
            return (ordered, ordered.Count);
        }, cancellationToken);
    }

    public virtual Task<ArticleSummaries> FrontPageAsync(NewsDbContext db, ReadContext read, int skip, int take,
        CancellationToken cancellationToken) =>
        KeysThenCardsAsync(db, read, async () =>
        {
            var keys = await ArticleKeys.FrontPageAsync(db, read.Now, skip, take, cancellationToken);
            return (keys, keys.Count);
        }, cancellationToken);

    /// <summary>How a page's two statements share the connection: by default both run on one opening of it.</summary>
    protected virtual Task<T> TogetherAsync<T>(NewsDbContext db, Func<Task<T>> read, CancellationToken cancellationToken) =>
        db.OnOneOpeningAsync(read, cancellationToken);

    private Task<ArticleSummaries> KeysThenCardsAsync(NewsDbContext db, ReadContext read,
        Func<Task<(List<ArticleKey> Shown, int Found)>> keys, CancellationToken cancellationToken) =>
        TogetherAsync(db, async () =>
        {
            var (shown, found) = await keys();
            var json = await CardsAsync(db, shown.ConvertAll(k => k.Id), read.Now, cancellationToken);
            return ArticleSummaries.FromJson(shown, found, json);
        }, cancellationToken);
}
