using Microsoft.EntityFrameworkCore;
using NewsApi.Data;
using NewsApi.Data.Entities;
using NewsApi.Http;

namespace NewsApi.Articles;

/// <summary>
/// Lists read as rows through LINQ alone, with no SQL of a database's own: the path of SQL Server, which has neither
/// a card statement nor a full-text index here. A page is two statements: the articles' own columns with their source
/// (<see cref="ArticleRows.Summary"/>), then the bylines and tags of all of them (<see cref="ArticleEmbeddedLists"/>).
/// Search is a LIKE scan. Tests run it on SQLite and PostgreSQL too (<c>Database:LinqReadPath</c>).
/// </summary>
public sealed class LinqArticleReadPath : IArticleReadPath
{
    public async Task<ArticleSummaries> SummariesAsync(IQueryable<Article> articles, NewsDbContext db, ReadContext read,
        CancellationToken cancellationToken, int? limit = null, ArticleSort? sort = null)
    {
        var rows = await articles.AsNoTracking().Select(ArticleRows.Summary(read.Now)).ToListAsync(cancellationToken);
        if (rows.Count == 0)
        {
            return ArticleSummaries.Empty;
        }
        var embedded = await ArticleEmbeddedLists.ReadAsync(db, rows.ConvertAll(r => r.Id), read, related: false, cancellationToken);
        var items = rows.ConvertAll(r => r with { Authors = embedded.AuthorsOf(r.Id), Tags = embedded.TagsOf(r.Id) });
        return ArticleSummaries.FromItems(items, limit, sort, read.Editor);
    }

    public async Task<ArticleSummaries> SummariesInOrderAsync(IQueryable<Article> articles, List<Guid> ids, NewsDbContext db,
        ReadContext read, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return ArticleSummaries.Empty;
        }
        var byId = (await SummariesAsync(articles.Where(a => ids.Contains(a.Id)), db, read, cancellationToken)).ToDictionary(s => s.Id);
        return ArticleSummaries.FromItems(ids.Where(byId.ContainsKey).Select(id => byId[id]).ToList());
    }

    public Task<ArticleSummaries> FrontPageAsync(NewsDbContext db, ReadContext read, int skip, int take, CancellationToken cancellationToken) =>
        SummariesAsync(db.Articles.AsNoTracking().VisibleTo(editor: false, read.Now).Order(ArticleSort.Default, editor: false).Skip(skip).Take(take),
            db, read, cancellationToken, sort: ArticleSort.Default);

    public IQueryable<SearchHit>? BestHits(NewsDbContext db, IReadOnlyList<string> terms, int limit = ArticleSearch.MaxRanked) => null;

    public IQueryable<Article> Matching(IQueryable<Article> articles, NewsDbContext db, IReadOnlyList<string> terms) =>
        ArticleSearch.LikeFallback(articles, terms);

    public ArticleQueries.FilterPlan PlanFor(bool largeShare) => ArticleQueries.FilterPlan.PerArticle;
}
