using System.Collections.Concurrent;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using NewsApi.Authors;
using NewsApi.Data;
using NewsApi.Http;
using NewsApi.Tags;

namespace NewsApi.Articles;

/// <summary>
/// The lists inside an article read as rows: bylines, tags and related links of any number of articles at once, in
/// the editor's order. EF's collection projections would issue a split query per collection, each repeating the page
/// query with its sorting and trash filter, and build a delegate per row; at the front page's rate that was most of
/// the cost of a read.
/// </summary>
public static class ArticleEmbeddedLists
{
    /// <summary>
    /// Bylines, tags and (when asked) related links of the given articles, as one UNION ALL statement. The ids come
    /// from a query that already applied visibility and the trash, so the link tables' trash filter (a join back
    /// to the articles) is skipped; a related article is checked for itself. Compiled once: every read runs this,
    /// and EF would otherwise inspect, hash and look up the LINQ tree each time.
    /// </summary>
    public static async Task<Embedded> ReadAsync(NewsDbContext db, List<Guid> ids, ReadContext read, bool related,
        CancellationToken cancellationToken)
    {
        var rows = new List<EmbeddedRow>();
        var found = ids.Count == 1
            ? CompiledOfOne.GetOrAdd(db.GetType(), static _ => EF.CompileAsyncQuery(OfOne(Query)))(db, ids[0], related, read.Editor, read.Now)
            : Compiled.GetOrAdd(db.GetType(), static _ => EF.CompileAsyncQuery(Query))(db, ids, related, read.Editor, read.Now);
        await foreach (var row in found.WithCancellation(cancellationToken))
        {
            rows.Add(row);
        }
        return new Embedded(rows);
    }

    /// <summary>
    /// <paramref name="query"/> for one article (a whole article's read): <c>ArticleId = @id</c> in place of the
    /// array, which SQLite prepares in half the time (no table-valued function to plan in each branch).
    /// </summary>
    private static Expression<Func<NewsDbContext, Guid, bool, bool, DateTime, IQueryable<EmbeddedRow>>> OfOne(
        Expression<Func<NewsDbContext, List<Guid>, bool, bool, DateTime, IQueryable<EmbeddedRow>>> query)
    {
        var ids = query.Parameters[1];
        var id = Expression.Parameter(typeof(Guid), "id");
        var body = new ContainsToEquals(ids, id).Visit(query.Body);
        return Expression.Lambda<Func<NewsDbContext, Guid, bool, bool, DateTime, IQueryable<EmbeddedRow>>>(
            body, query.Parameters[0], id, query.Parameters[2], query.Parameters[3], query.Parameters[4]);
    }

    /// <summary>Turns <c>ids.Contains(x)</c> into <c>x == id</c>.</summary>
    private sealed class ContainsToEquals(ParameterExpression ids, ParameterExpression id) : ExpressionVisitor
    {
        protected override Expression VisitMethodCall(MethodCallExpression node) =>
            node is { Method.Name: nameof(List<Guid>.Contains), Object: { } list, Arguments: [var item] } && list == ids
                ? Expression.Equal(Visit(item), id)
                : base.VisitMethodCall(node);

        protected override Expression VisitParameter(ParameterExpression node) =>
            node == ids ? throw new InvalidOperationException("The ids are used other than by Contains.") : node;
    }

    /// <summary>The statement <see cref="ReadAsync"/> runs, as a query (to look at its SQL).</summary>
    public static IQueryable<EmbeddedRow> Rows(NewsDbContext db, List<Guid> ids, ReadContext read, bool related) =>
        Query.Compile()(db, ids, related, read.Editor, read.Now);

    private static readonly Expression<Func<NewsDbContext, List<Guid>, bool, bool, DateTime, IQueryable<EmbeddedRow>>> Query =
        QueryTemplates.Expand<Func<NewsDbContext, List<Guid>, bool, bool, DateTime, IQueryable<EmbeddedRow>>>((db, ids, related, editor, now) =>
            db.ArticleAuthors.IgnoreQueryFilters().AsNoTracking()
                .Where(x => ids.Contains(x.ArticleId))
                .Select(x => new EmbeddedRow
                {
                    Kind = EmbeddedKind.Author, ArticleId = x.ArticleId, Position = x.Position, Id = x.Author.Id,
                    Slug = x.Author.Slug, Name = x.Author.Name, Url = x.Author.AvatarUrl,
                    Excerpt = null, Alt = null, Caption = null, Credit = null, PublishedAt = null,
                    MediaId = null, Width = null, Height = null,
                })
                .Concat(db.ArticleTags.IgnoreQueryFilters().AsNoTracking()
                    .Where(x => ids.Contains(x.ArticleId))
                    .Select(x => new EmbeddedRow
                    {
                        Kind = EmbeddedKind.Tag, ArticleId = x.ArticleId, Position = x.Position, Id = x.Tag.Id,
                        Slug = x.Tag.Slug, Name = x.Tag.Name, Url = null,
                        Excerpt = null, Alt = null, Caption = null, Credit = null, PublishedAt = null,
                        MediaId = null, Width = null, Height = null,
                    }))
                .Concat(db.RelatedArticles.IgnoreQueryFilters().AsNoTracking()
                    // "related" is a parameter the database tests once, before touching a row.
                    .Where(x => related && ids.Contains(x.ArticleId) && x.Related.DeletedAt == null
                                && (editor || QueryTemplates.IsPublic(x.Related, now)))
                    .Select(x => new EmbeddedRow
                    {
                        Kind = EmbeddedKind.Related, ArticleId = x.ArticleId, Position = x.Position, Id = x.Related.Id,
                        Slug = x.Related.Slug, Name = x.Related.Title, Url = x.Related.FeaturedImageUrl,
                        Excerpt = x.Related.Excerpt, Alt = x.Related.FeaturedImageAlt ?? x.Related.FeaturedMedia!.Alt,
                        Caption = x.Related.FeaturedImageCaption ?? x.Related.FeaturedMedia!.Caption,
                        Credit = x.Related.FeaturedImageCredit ?? x.Related.FeaturedMedia!.Credit, PublishedAt = x.Related.PublishedAt,
                        MediaId = x.Related.FeaturedImageMediaId, Width = (int?)x.Related.FeaturedMedia!.Width,
                        Height = (int?)x.Related.FeaturedMedia!.Height,
                    })));

    // One per provider: a compiled query keeps the SQL of the first database it ran against.
    private static readonly ConcurrentDictionary<Type, Func<NewsDbContext, List<Guid>, bool, bool, DateTime, IAsyncEnumerable<EmbeddedRow>>>
        Compiled = new();

    private static readonly ConcurrentDictionary<Type, Func<NewsDbContext, Guid, bool, bool, DateTime, IAsyncEnumerable<EmbeddedRow>>>
        CompiledOfOne = new();

    public enum EmbeddedKind
    {
        Author,
        Tag,
        Related,
    }

    /// <summary>One row of the embedded lists; which fields mean something depends on <see cref="Kind"/>.</summary>
    public sealed class EmbeddedRow
    {
        public required EmbeddedKind Kind { get; init; }
        public required Guid ArticleId { get; init; }
        public required int Position { get; init; }
        public required Guid Id { get; init; }
        public required string Slug { get; init; }
        public required string Name { get; init; }
        public required string? Url { get; init; }
        public required string? Excerpt { get; init; }
        public required string? Alt { get; init; }
        public required string? Caption { get; init; }
        public required string? Credit { get; init; }
        public required DateTime? PublishedAt { get; init; }
        public required Guid? MediaId { get; init; }
        public required int? Width { get; init; }
        public required int? Height { get; init; }
    }

    public sealed class Embedded(List<EmbeddedRow> rows)
    {
        private readonly ILookup<(Guid, EmbeddedKind), EmbeddedRow> _byArticle = rows
            .OrderBy(r => r.Position).ToLookup(r => (r.ArticleId, r.Kind));

        public IReadOnlyList<AuthorSummary> AuthorsOf(Guid article) => _byArticle[(article, EmbeddedKind.Author)]
            .Select(r => new AuthorSummary { Id = r.Id, Slug = r.Slug, Name = r.Name, AvatarUrl = r.Url }).ToList();

        public IReadOnlyList<TagSummary> TagsOf(Guid article) => _byArticle[(article, EmbeddedKind.Tag)]
            .Select(r => new TagSummary { Id = r.Id, Slug = r.Slug, Name = r.Name }).ToList();

        public IReadOnlyList<RelatedArticleSummary> RelatedOf(Guid article) => _byArticle[(article, EmbeddedKind.Related)]
            .Select(r => new RelatedArticleSummary
            {
                Id = r.Id,
                Slug = r.Slug,
                Title = r.Name,
                Excerpt = r.Excerpt,
                FeaturedImage = r.Url is null ? null : new ArticleImage
                {
                    Url = r.Url, Alt = r.Alt, Caption = r.Caption, Credit = r.Credit, MediaId = r.MediaId, Width = r.Width, Height = r.Height,
                },
                // The union's column takes its mapping from the first branch (a constant null), so the value
                // converter that marks timestamps UTC does not run here: SQLite's text came back unzoned.
                PublishedAt = r.PublishedAt is { } at ? DateTime.SpecifyKind(at, DateTimeKind.Utc) : null,
            }).ToList();
    }
}
