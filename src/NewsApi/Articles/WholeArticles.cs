using System.Collections.Concurrent;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using NewsApi.Data;
using NewsApi.Http;

namespace NewsApi.Articles;

/// <summary>
/// Whole articles, as rows on every database, in two statements whatever their number: the articles' own columns
/// with their source joined (<see cref="ArticleRows"/>), then the bylines, tags and related links of all of them at
/// once (<see cref="ArticleEmbeddedLists"/>).
/// </summary>
public static class WholeArticles
{
    /// <summary>
    /// The article with this slug (or id) whole, as <paramref name="read"/> may see it; null when there is none or it is
    /// hidden. Its own columns come from a query compiled once per provider (EF otherwise walks, hashes and looks up the
    /// large projection's tree on every read: a quarter of a slug read's CPU), then its lists.
    /// </summary>
    public static Task<ArticleResponse?> BySlugAsync(NewsDbContext db, string slug, ReadContext read, CancellationToken cancellationToken) =>
        WholeAsync(db, read, () => CompiledBySlug.GetOrAdd(db.GetType(), static _ => EF.CompileAsyncQuery(BySlugQuery))
            (db, slug, read.Editor, read.Now, cancellationToken), cancellationToken);

    /// <inheritdoc cref="BySlugAsync"/>
    public static Task<ArticleResponse?> ByIdAsync(NewsDbContext db, Guid id, ReadContext read, CancellationToken cancellationToken) =>
        WholeAsync(db, read, () => CompiledById.GetOrAdd(db.GetType(), static _ => EF.CompileAsyncQuery(ByIdQuery))
            (db, id, read.Editor, read.Now, cancellationToken), cancellationToken);

    /// <summary>
    /// The articles with these ids whole, as <see cref="ByIdAsync"/> answers each, in two statements however many
    /// (the change feed's pages of up to 1,000); hidden and missing ones are left out.
    /// </summary>
    public static Task<List<ArticleResponse>> ManyByIdAsync(NewsDbContext db, List<Guid> ids, ReadContext read, CancellationToken cancellationToken) =>
        db.OnOneOpeningAsync(async () =>
        {
            var rows = await db.Articles.AsNoTracking().Where(a => ids.Contains(a.Id)).VisibleTo(read.Editor, read.Now)
                .Select(ArticleRows.Response(read.Now)).ToListAsync(cancellationToken);
            if (rows.Count == 0)
            {
                return rows;
            }
            var embedded = await ArticleEmbeddedLists.ReadAsync(db, rows.ConvertAll(r => r.Id), read, related: true, cancellationToken);
            return rows.ConvertAll(row => row with
            {
                Authors = embedded.AuthorsOf(row.Id),
                Tags = embedded.TagsOf(row.Id),
                RelatedArticles = embedded.RelatedOf(row.Id),
            });
        }, cancellationToken);

    private static Task<ArticleResponse?> WholeAsync(NewsDbContext db, ReadContext read, Func<Task<ArticleResponse?>> find,
        CancellationToken cancellationToken) =>
        db.OnOneOpeningAsync(async () =>
        {
            var row = await find();
            if (row is null)
            {
                return null;
            }
            var embedded = await ArticleEmbeddedLists.ReadAsync(db, [row.Id], read, related: true, cancellationToken);
            return row with
            {
                Authors = embedded.AuthorsOf(row.Id),
                Tags = embedded.TagsOf(row.Id),
                RelatedArticles = embedded.RelatedOf(row.Id),
            };
        }, cancellationToken);

    private static readonly Expression<Func<NewsDbContext, string, bool, DateTime, CancellationToken, ArticleResponse?>> BySlugQuery =
        QueryTemplates.Expand<Func<NewsDbContext, string, bool, DateTime, CancellationToken, ArticleResponse?>>((db, slug, editor, now, _) =>
            db.Articles.AsNoTracking()
                .Where(a => a.Slug == slug && (editor || QueryTemplates.IsPublic(a, now)))
                .Select(a => QueryTemplates.Response(a, now))
                .SingleOrDefault());

    private static readonly Expression<Func<NewsDbContext, Guid, bool, DateTime, CancellationToken, ArticleResponse?>> ByIdQuery =
        QueryTemplates.Expand<Func<NewsDbContext, Guid, bool, DateTime, CancellationToken, ArticleResponse?>>((db, id, editor, now, _) =>
            db.Articles.AsNoTracking()
                .Where(a => a.Id == id && (editor || QueryTemplates.IsPublic(a, now)))
                .Select(a => QueryTemplates.Response(a, now))
                .SingleOrDefault());

    // One per provider: a compiled query keeps the SQL of the first database it ran against.
    private static readonly ConcurrentDictionary<Type, Func<NewsDbContext, string, bool, DateTime, CancellationToken, Task<ArticleResponse?>>>
        CompiledBySlug = new();

    private static readonly ConcurrentDictionary<Type, Func<NewsDbContext, Guid, bool, DateTime, CancellationToken, Task<ArticleResponse?>>>
        CompiledById = new();
}
