using System.Collections.Concurrent;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using NewsApi.Authors;
using NewsApi.Data;
using NewsApi.Data.Entities;
using NewsApi.Data.Providers;
using NewsApi.Http;
using NewsApi.Sources;
using NewsApi.Tags;

namespace NewsApi.Articles;

/// <summary>
/// Reads articles in two statements whatever the page size. List pages on SQLite and PostgreSQL: the page's keys, then
/// the cards the database writes as JSON (<see cref="ArticleCards"/>). A whole article, and lists on SQL Server: the
/// articles' own columns with their source joined (only the columns shown), then the bylines, tags and related links
/// of all of them at once, in the editor's order. EF's collection projections would issue a split query per
/// collection, each repeating the page query with its sorting and trash filter, and build a delegate per row; at the
/// front page's rate that was most of the cost of a read.
/// </summary>
public static class ArticleProjections
{
    /// <summary>
    /// Summaries of <paramref name="articles"/> (already filtered, ordered by <paramref name="sort"/> and paged), in
    /// their order: the first <paramref name="limit"/> of them when given (a page reads one more to learn whether
    /// another follows), with their keys in that sort order.
    /// </summary>
    public static async Task<ArticleSummaries> ToSummariesAsync(this IQueryable<Article> articles, NewsDbContext db,
        ReadContext read, CancellationToken cancellationToken, int? limit = null, ArticleSort? sort = null)
    {
        if (ArticleCards.Supported(db))
        {
            return await KeysThenCardsAsync(db, read, async () =>
            {
                var keys = await articles.AsNoTracking().Select(KeyOf(sort, read.Editor)).ToListAsync(cancellationToken);
                return (limit is { } n && keys.Count > n ? keys[..n] : keys, keys.Count);
            }, cancellationToken);
        }
        var rows = await articles.AsNoTracking().Select(Summary(read.Now)).ToListAsync(cancellationToken);
        if (rows.Count == 0)
        {
            return ArticleSummaries.Empty;
        }
        var embedded = await EmbeddedAsync(db, rows.ConvertAll(r => r.Id), read, related: false, cancellationToken);
        var items = rows.ConvertAll(r => r with { Authors = embedded.AuthorsOf(r.Id), Tags = embedded.TagsOf(r.Id) });
        return ArticleSummaries.FromItems(items, limit, sort, read.Editor);
    }

    /// <summary>Summaries of the articles with these ids that the query leaves in, in the order of <paramref name="ids"/>.</summary>
    public static async Task<ArticleSummaries> ToSummariesInOrderAsync(this IQueryable<Article> articles, List<Guid> ids,
        NewsDbContext db, ReadContext read, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return ArticleSummaries.Empty;
        }
        var kept = articles.Where(a => ids.Contains(a.Id));
        if (ArticleCards.Supported(db))
        {
            return await KeysThenCardsAsync(db, read, async () =>
            {
                var keys = (await kept.AsNoTracking().Select(KeyOf(null, read.Editor)).ToListAsync(cancellationToken)).ToDictionary(k => k.Id);
                var ordered = ids.Where(keys.ContainsKey).Select(id => keys[id]).ToList();
                return (ordered, ordered.Count);
            }, cancellationToken);
        }
        var byId = (await kept.ToSummariesAsync(db, read, cancellationToken)).ToDictionary(s => s.Id);
        return ArticleSummaries.FromItems(ids.Where(byId.ContainsKey).Select(id => byId[id]).ToList());
    }

    /// <summary>
    /// A page's keys, then its cards. On PostgreSQL both run on one opening of the context's connection. On SQLite the
    /// cards come from <see cref="SqliteStatementCache"/>, so EF's connection is closed again first: held while the
    /// cards waited their turn, it made the connection pool (and its page caches) grow with the queue.
    /// </summary>
    private static async Task<ArticleSummaries> KeysThenCardsAsync(NewsDbContext db, ReadContext read,
        Func<Task<(List<ArticleKey> Shown, int Found)>> keys, CancellationToken cancellationToken)
    {
        return db is SqliteNewsDbContext ? await KeysAndCards() : await OnOneOpeningAsync(db, KeysAndCards, cancellationToken);

        async Task<ArticleSummaries> KeysAndCards()
        {
            var (shown, found) = await keys();
            return await RenderAsync(shown, found, db, read, cancellationToken);
        }
    }

    private static async Task<ArticleSummaries> RenderAsync(List<ArticleKey> keys, int found, NewsDbContext db, ReadContext read,
        CancellationToken cancellationToken)
    {
        var json = await ArticleCards.SummariesAsync(db, keys.ConvertAll(k => k.Id), read.Now, cancellationToken);
        return ArticleSummaries.FromJson(keys, found, json);
    }

    /// <summary>Only the id and the sorted column: on PostgreSQL a deep offset page is then read from the index alone.</summary>
    private static Expression<Func<Article, ArticleKey>> KeyOf(ArticleSort? sort, bool editor) => sort?.Field switch
    {
        ArticleSortField.Title => KeyByTitle,
        ArticleSortField.UpdatedAt => KeyByUpdate,
        ArticleSortField.PublishedAt => editor ? KeyByEditorialTime : KeyByPublication,
        _ => KeyById,
    };

    private static readonly Expression<Func<Article, ArticleKey>> KeyByTitle = a => new ArticleKey(a.Id, null, a.Title);
    private static readonly Expression<Func<Article, ArticleKey>> KeyByUpdate = a => new ArticleKey(a.Id, a.UpdatedAt, null);
    private static readonly Expression<Func<Article, ArticleKey>> KeyByEditorialTime = a => new ArticleKey(a.Id, a.PublishedAt ?? a.CreatedAt, null);
    private static readonly Expression<Func<Article, ArticleKey>> KeyByPublication = a => new ArticleKey(a.Id, a.PublishedAt, null);
    private static readonly Expression<Func<Article, ArticleKey>> KeyById = a => new ArticleKey(a.Id, null, null);

    /// <summary>
    /// The article with this slug (or id) whole, as <paramref name="read"/> may see it; null when there is none or it is
    /// hidden. Its own columns come from a query compiled once per provider (EF otherwise walks, hashes and looks up the
    /// large projection's tree on every read: a quarter of a slug read's CPU), then its lists from <see cref="Embedded"/>.
    /// </summary>
    public static Task<ArticleResponse?> BySlugAsync(NewsDbContext db, string slug, ReadContext read, CancellationToken cancellationToken) =>
        WholeAsync(db, read, () => CompiledBySlug.GetOrAdd(db.GetType(), static _ => EF.CompileAsyncQuery(WithTemplates(BySlugQuery)))
            (db, slug, read.Editor, read.Now, cancellationToken), cancellationToken);

    /// <inheritdoc cref="BySlugAsync"/>
    public static Task<ArticleResponse?> ByIdAsync(NewsDbContext db, Guid id, ReadContext read, CancellationToken cancellationToken) =>
        WholeAsync(db, read, () => CompiledById.GetOrAdd(db.GetType(), static _ => EF.CompileAsyncQuery(WithTemplates(ByIdQuery)))
            (db, id, read.Editor, read.Now, cancellationToken), cancellationToken);

    /// <summary>
    /// The articles with these ids whole, as <see cref="ByIdAsync"/> answers each, in two statements however many
    /// (the change feed's pages of up to 1,000); hidden and missing ones are left out.
    /// </summary>
    public static Task<List<ArticleResponse>> ManyByIdAsync(NewsDbContext db, List<Guid> ids, ReadContext read, CancellationToken cancellationToken) =>
        OnOneOpeningAsync(db, async () =>
        {
            var rows = await db.Articles.AsNoTracking().Where(a => ids.Contains(a.Id)).VisibleTo(read.Editor, read.Now)
                .Select(Response(read.Now)).ToListAsync(cancellationToken);
            if (rows.Count == 0)
            {
                return rows;
            }
            var embedded = await EmbeddedAsync(db, rows.ConvertAll(r => r.Id), read, related: true, cancellationToken);
            return rows.ConvertAll(row => row with
            {
                Authors = embedded.AuthorsOf(row.Id),
                Tags = embedded.TagsOf(row.Id),
                RelatedArticles = embedded.RelatedOf(row.Id),
            });
        }, cancellationToken);

    private static Task<ArticleResponse?> WholeAsync(NewsDbContext db, ReadContext read, Func<Task<ArticleResponse?>> find,
        CancellationToken cancellationToken) =>
        OnOneOpeningAsync(db, async () =>
        {
            var row = await find();
            if (row is null)
            {
                return null;
            }
            var embedded = await EmbeddedAsync(db, [row.Id], read, related: true, cancellationToken);
            return row with
            {
                Authors = embedded.AuthorsOf(row.Id),
                Tags = embedded.TagsOf(row.Id),
                RelatedArticles = embedded.RelatedOf(row.Id),
            };
        }, cancellationToken);

    private static readonly Expression<Func<NewsDbContext, string, bool, DateTime, CancellationToken, ArticleResponse?>> BySlugQuery =
        (db, slug, editor, now, _) => db.Articles.AsNoTracking()
            .Where(a => a.Slug == slug && (editor || Template.IsPublic(a, now)))
            .Select(a => Template.Response(a, now))
            .SingleOrDefault();

    private static readonly Expression<Func<NewsDbContext, Guid, bool, DateTime, CancellationToken, ArticleResponse?>> ByIdQuery =
        (db, id, editor, now, _) => db.Articles.AsNoTracking()
            .Where(a => a.Id == id && (editor || Template.IsPublic(a, now)))
            .Select(a => Template.Response(a, now))
            .SingleOrDefault();

    private static readonly ConcurrentDictionary<Type, Func<NewsDbContext, string, bool, DateTime, CancellationToken, Task<ArticleResponse?>>>
        CompiledBySlug = new();

    private static readonly ConcurrentDictionary<Type, Func<NewsDbContext, Guid, bool, DateTime, CancellationToken, Task<ArticleResponse?>>>
        CompiledById = new();

    /// <summary>
    /// The front page for the public (no filter, no search, newest first, by offset): as <see cref="ToSummariesAsync"/>,
    /// with the page's keys read by a query compiled once per provider. On SQLite, the first pages' keys and cards come
    /// from one prepared statement (<see cref="ArticleCards.SqliteFrontPageAsync"/>). It is the most read list of all.
    /// </summary>
    public static Task<ArticleSummaries> FrontPageAsync(NewsDbContext db, ReadContext read, int skip, int take,
        CancellationToken cancellationToken)
    {
        if (db is SqliteNewsDbContext sqlite && skip <= OneStatementDeepestOffset)
        {
            return ArticleCards.SqliteFrontPageAsync(sqlite, read.Now, skip, take, cancellationToken).AsTask();
        }
        return KeysThenCardsAsync(db, read, async () =>
        {
            var compiled = CompiledFrontPage.GetOrAdd(db.GetType(), static _ => EF.CompileAsyncQuery(WithTemplates(FrontPageQuery)));
            var keys = new List<ArticleKey>(take);
            await foreach (var key in compiled(db, read.Now, skip, take).WithCancellation(cancellationToken))
            {
                keys.Add(key);
            }
            return (keys, keys.Count);
        }, cancellationToken);
    }

    /// <summary>
    /// Statements from <see cref="SqliteStatementCache"/> take turns, one per core. A page deeper than this walks so
    /// many index entries that it would hold a turn for milliseconds and queue the front pages behind it, so its keys
    /// are read through EF, outside the turns, and only its cards take one.
    /// </summary>
    private const int OneStatementDeepestOffset = 1_000;

    /// <summary>The public front page's keys, in the order and form of <see cref="ArticleQueries.Order"/> and <see cref="KeyOf"/>.</summary>
    private static readonly Expression<Func<NewsDbContext, DateTime, int, int, IQueryable<ArticleKey>>> FrontPageQuery =
        (db, now, skip, take) => db.Articles.AsNoTracking()
            .Where(a => Template.IsPublic(a, now))
            .OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id)
            .Skip(skip).Take(take)
            .Select(a => new ArticleKey(a.Id, a.PublishedAt, null));

    private static readonly ConcurrentDictionary<Type, Func<NewsDbContext, DateTime, int, int, IAsyncEnumerable<ArticleKey>>>
        CompiledFrontPage = new();

    /// <summary>The query with <see cref="Template"/>'s stand-ins replaced by the visibility test and the projection.</summary>
    private static Expression<TDelegate> WithTemplates<TDelegate>(Expression<TDelegate> query) =>
        Expression.Lambda<TDelegate>(new TemplateInliner().Visit(query.Body), query.Parameters);

    /// <summary>Stand-ins in a query's source for the shared templates, replaced by <see cref="WithTemplates"/> before EF sees them.</summary>
    private static class Template
    {
        public static bool IsPublic(Article article, DateTime now) => throw new InvalidOperationException("Only for inlining.");

        public static ArticleResponse Response(Article article, DateTime now) => throw new InvalidOperationException("Only for inlining.");
    }

    private sealed class TemplateInliner : ExpressionVisitor
    {
        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (node.Method.DeclaringType != typeof(Template))
            {
                return base.VisitMethodCall(node);
            }
            LambdaExpression template = node.Method.Name == nameof(Template.IsPublic) ? ArticleVisibility.PublicTemplate : ResponseTemplate;
            var arguments = node.Arguments.Select(Visit).ToList();
            return new ParameterSubstitution(template.Parameters, arguments!).Visit(template.Body);
        }
    }

    /// <summary>
    /// A read's statements on one opening of the connection: EF would open and close it around each, and every
    /// opening takes a connection from the pool and hands it back.
    /// </summary>
    private static async Task<T> OnOneOpeningAsync<T>(NewsDbContext db, Func<Task<T>> read, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            return await read();
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>An article's own columns and its source; the lists are filled in afterwards from <see cref="Embedded"/>.</summary>
    public static Expression<Func<Article, ArticleSummary>> Summary(DateTime now) => QueryTime.Bind(SummaryTemplate, now);

    private static readonly Expression<Func<Article, DateTime, ArticleSummary>> SummaryTemplate = (a, now) => new ArticleSummary
    {
        Id = a.Id,
        Slug = a.Slug,
        Title = a.Title,
        Subtitle = a.Subtitle,
        Excerpt = a.Excerpt,
        Status = a.Status == ArticleStatus.Published && a.PublishedAt > now ? ArticleStatus.Scheduled : a.Status,
        Featured = a.Featured,
        FeaturedImage = a.FeaturedImageUrl == null ? null : new ArticleImage
        {
            Url = a.FeaturedImageUrl,
            Alt = a.FeaturedImageAlt ?? a.FeaturedMedia!.Alt,
            Caption = a.FeaturedImageCaption ?? a.FeaturedMedia!.Caption,
            Credit = a.FeaturedImageCredit ?? a.FeaturedMedia!.Credit,
            MediaId = a.FeaturedImageMediaId,
            Width = (int?)a.FeaturedMedia!.Width,
            Height = (int?)a.FeaturedMedia!.Height,
        },
        Authors = null!,
        Source = a.Source == null ? null : new SourceSummary
        {
            Id = a.Source.Id,
            Slug = a.Source.Slug,
            Name = a.Source.Name,
            HomepageUrl = a.Source.HomepageUrl,
        },
        Tags = null!,
        ReadingTimeMinutes = a.ReadingTimeMinutes,
        PublishedAt = a.PublishedAt,
        CreatedAt = a.CreatedAt,
        UpdatedAt = a.UpdatedAt,
    };

    /// <summary>As <see cref="Summary"/>, for a whole article.</summary>
    public static Expression<Func<Article, ArticleResponse>> Response(DateTime now) => QueryTime.Bind(ResponseTemplate, now);

    private static readonly Expression<Func<Article, DateTime, ArticleResponse>> ResponseTemplate = (a, now) => new ArticleResponse
    {
        Id = a.Id,
        Slug = a.Slug,
        Title = a.Title,
        Subtitle = a.Subtitle,
        Excerpt = a.Excerpt,
        Body = a.Body,
        BodyHtml = a.BodyHtml,
        WordCount = a.WordCount,
        ReadingTimeMinutes = a.ReadingTimeMinutes,
        Status = a.Status == ArticleStatus.Published && a.PublishedAt > now ? ArticleStatus.Scheduled : a.Status,
        Featured = a.Featured,
        FeaturedImage = a.FeaturedImageUrl == null ? null : new ArticleImage
        {
            Url = a.FeaturedImageUrl,
            Alt = a.FeaturedImageAlt ?? a.FeaturedMedia!.Alt,
            Caption = a.FeaturedImageCaption ?? a.FeaturedMedia!.Caption,
            Credit = a.FeaturedImageCredit ?? a.FeaturedMedia!.Credit,
            MediaId = a.FeaturedImageMediaId,
            Width = (int?)a.FeaturedMedia!.Width,
            Height = (int?)a.FeaturedMedia!.Height,
        },
        Authors = null!,
        Source = a.Source == null ? null : new SourceSummary
        {
            Id = a.Source.Id,
            Slug = a.Source.Slug,
            Name = a.Source.Name,
            HomepageUrl = a.Source.HomepageUrl,
        },
        SourceUrl = a.SourceUrl,
        Tags = null!,
        RelatedArticles = null!,
        CanonicalUrl = a.CanonicalUrl,
        MetaTitle = a.MetaTitle,
        MetaDescription = a.MetaDescription,
        PublishedAt = a.PublishedAt,
        CreatedAt = a.CreatedAt,
        UpdatedAt = a.UpdatedAt,
    };

    /// <summary>
    /// Bylines, tags and (when asked) related links of the given articles, as one UNION ALL statement. The ids come
    /// from a query that already applied visibility and the trash, so the link tables' trash filter (a join back
    /// to the articles) is skipped; a related article is checked for itself. Compiled once: every read runs this,
    /// and EF would otherwise inspect, hash and look up the LINQ tree each time.
    /// </summary>
    private static async Task<Embedded> EmbeddedAsync(NewsDbContext db, List<Guid> ids, ReadContext read, bool related,
        CancellationToken cancellationToken)
    {
        var rows = new List<EmbeddedRow>();
        var found = ids.Count == 1
            ? CompiledEmbeddedOfOne.GetOrAdd(db.GetType(), static _ => EF.CompileAsyncQuery(OfOne(EmbeddedQuery)))(db, ids[0], related, read.Editor, read.Now)
            : CompiledEmbedded.GetOrAdd(db.GetType(), static _ => EF.CompileAsyncQuery(EmbeddedQuery))(db, ids, related, read.Editor, read.Now);
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

    /// <summary>The statement <see cref="EmbeddedAsync"/> runs, as a query (to look at its SQL).</summary>
    public static IQueryable<EmbeddedRow> EmbeddedRows(NewsDbContext db, List<Guid> ids, ReadContext read, bool related) =>
        EmbeddedQuery.Compile()(db, ids, related, read.Editor, read.Now);

    private static readonly Expression<Func<NewsDbContext, List<Guid>, bool, bool, DateTime, IQueryable<EmbeddedRow>>> EmbeddedQuery =
        (db, ids, related, editor, now) =>
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
                                && (editor || (x.Related.Status == ArticleStatus.Published && x.Related.PublishedAt <= now)))
                    .Select(x => new EmbeddedRow
                    {
                        Kind = EmbeddedKind.Related, ArticleId = x.ArticleId, Position = x.Position, Id = x.Related.Id,
                        Slug = x.Related.Slug, Name = x.Related.Title, Url = x.Related.FeaturedImageUrl,
                        Excerpt = x.Related.Excerpt, Alt = x.Related.FeaturedImageAlt ?? x.Related.FeaturedMedia!.Alt,
                        Caption = x.Related.FeaturedImageCaption ?? x.Related.FeaturedMedia!.Caption,
                        Credit = x.Related.FeaturedImageCredit ?? x.Related.FeaturedMedia!.Credit, PublishedAt = x.Related.PublishedAt,
                        MediaId = x.Related.FeaturedImageMediaId, Width = (int?)x.Related.FeaturedMedia!.Width,
                        Height = (int?)x.Related.FeaturedMedia!.Height,
                    }));

    // One per provider: a compiled query keeps the SQL of the first database it ran against.
    private static readonly ConcurrentDictionary<Type, Func<NewsDbContext, List<Guid>, bool, bool, DateTime, IAsyncEnumerable<EmbeddedRow>>>
        CompiledEmbedded = new();

    private static readonly ConcurrentDictionary<Type, Func<NewsDbContext, Guid, bool, bool, DateTime, IAsyncEnumerable<EmbeddedRow>>>
        CompiledEmbeddedOfOne = new();

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

    private sealed class Embedded(List<EmbeddedRow> rows)
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
