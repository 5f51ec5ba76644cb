using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NewsApi.Data;
using NewsApi.Data.Entities;
using NewsApi.Http;

namespace NewsApi.Articles;

/// <summary>The article routes, and reading articles: lists, search, single articles and related articles.</summary>
public static partial class ArticleEndpoints
{
    public const int DefaultRelatedLimit = 5;
    public const int MaxRelatedLimit = 20;

    public static IEndpointRouteBuilder MapArticles(this IEndpointRouteBuilder app)
    {
        var group = app.MapResourceGroup("articles", "Articles");
        group.MapGet("/", ListArticles).WithName("listArticles")
            .WithSummary("List and search articles")
            .WithDescription("Article summaries (no body). Offset paging with page/pageSize, or keyset paging with the "
                             + "nextCursor of the previous page. Filters combine; q searches the full text. Anonymous "
                             + "callers see published articles only. A Link header (RFC 8288) points to the other pages.");
        group.MapGet("/{id}", GetArticle).WithName("getArticle").WithSummary("Get an article by id");
        group.MapGet("/slug/{slug}", GetArticleBySlug).WithName("getArticleBySlug").WithSummary("Get an article by slug")
            .WithDescription("A slug the article had while published answers 301 with the Location of its current slug.")
            .Produces(StatusCodes.Status301MovedPermanently);
        group.MapGet("/{id}/related", GetRelatedArticles).WithName("getRelatedArticles")
            .WithSummary("Articles related to an article")
            .WithDescription("The editor's \"Also see\" links first, then the published articles sharing the most tags, newest first among equals.");
        group.MapPost("/", CreateArticle).WithName("createArticle")
            .WithSummary("Create an article")
            .WithDescription("New articles are drafts. The slug is generated from the title when omitted.");
        group.MapPut("/{id}", ReplaceArticle).WithName("replaceArticle")
            .WithSummary("Replace an article")
            .WithDescription("Replaces every writable field. An omitted slug keeps the current one.");
        group.MapPatch("/{id}", PatchArticle).WithName("patchArticle")
            .WithSummary("Change some fields of an article")
            .WithDescription("JSON Merge Patch (RFC 7396): the fields given replace the stored ones, null clears one; "
                             + "a list given replaces the whole list.")
            .Accepts<MergePatchDocument<ArticleRequest>>(MergePatch.ContentType);
        group.MapDelete("/{id}", DeleteArticle).WithName("deleteArticle")
            .WithSummary("Move an article to the trash, or delete it for good")
            .WithDescription("Without permanent=true the article goes to the trash (content:write). With it, the article, its "
                             + "revisions and the links other articles have to it are deleted for good (admin). Honours If-Match when sent.")
            .RequireAuthorization(Access.Policies.Delete);
        group.MapArticlePublishing();
        group.MapArticleHistory();
        group.MapArticleJsonLd();
        return app;
    }

    public static async Task<Results<Ok<ArticlePage>, ValidationProblem>> ListArticles(
        [AsParameters] ArticleListQuery query, HttpContext httpContext, NewsDbContext db, IArticleReadPath reads,
        CancellationToken cancellationToken)
    {
        var read = ReadContext.For(httpContext);
        if (query.Status is not null && !read.Editor)
        {
            return TypedResults.ValidationProblem(Problems.Error("status",
                "Only callers that may read unpublished content can filter by status; everyone else sees published articles only."));
        }

        if (!read.Editor)
        {
            // A scheduled article coming due changes what readers' lists hold with no write to forget their totals
            // and rankings; this forgets them then, whether or not the output cache (which does the same) is on.
            await httpContext.RequestServices.GetRequiredService<ScheduledPublications>()
                .FlushWhenDueAsync(httpContext.RequestServices, cancellationToken);
        }

        IQueryable<Article> Listed(ArticleListQuery filters, ArticleQueries.FilterPlan plan = ArticleQueries.FilterPlan.PerArticle) =>
            db.Articles.AsNoTracking().VisibleTo(read.Editor, read.Now).Filter(filters, read, db, plan);

        var articles = Listed(query);
        var sort = query.Sort is not null && ArticleSort.TryParse(query.Sort, out var explicitSort) ? explicitSort : null;
        OutputCaching.TagResponse(httpContext, ArticleListTags.Of(query, sort));
        var terms = SearchTerms.Parse(query.Q);
        if (terms.Count > 0)
        {
            // With a filter, every match is ranked: the best thousand overall may hold none of a tag's articles.
            if (sort is null && reads.BestHits(db, terms, query.HasFilters ? int.MaxValue : ArticleSearch.MaxRanked) is { } best)
            {
                return TypedResults.Ok(await RankedPage(articles, best, query, read, httpContext, db, reads, cancellationToken));
            }
            articles = reads.Matching(articles, db, terms);
        }

        sort ??= ArticleSort.Default;
        var counted = articles;
        if (terms.Count == 0 && (query.Tag is { Length: > 0 } || query.Author is not null)
            && reads.PlanFor(await IsLargeShareAsync(articles, Listed(query with { Tag = null, Author = null }), query, read, httpContext, cancellationToken))
                is var plan and not ArticleQueries.FilterPlan.PerArticle)
        {
            articles = Listed(query, plan);
        }
        if (query.Cursor is not null && ArticleCursor.TryDecode(query.Cursor, out var cursor))
        {
            var page = articles.After(sort, cursor, read.Editor).Order(sort, read.Editor).Take(query.PageSize + 1);
            var items = await reads.SummariesAsync(page, db, read, cancellationToken, limit: query.PageSize, sort: sort);
            var next = items.Found > query.PageSize
                ? ArticleQueries.CursorAfter(items.Keys[^1], sort, ArticleCursor.FingerprintOf(query)).Encode()
                : null;
            LinkHeader.AddCursorLink(httpContext.Response, next);
            return TypedResults.Ok(new ArticlePage
            {
                Items = items,
                Page = null,
                PageSize = query.PageSize,
                TotalItems = null,
                TotalPages = null,
                NextCursor = next,
            });
        }

        return TypedResults.Ok(await OffsetPage(counted, articles.Order(sort, read.Editor), query, sort, read, httpContext, db, reads,
            cancellationToken));
    }

    /// <summary>
    /// Whether the tag or author filter keeps at least 1% of what the reader can see, from the totals kept anyway
    /// (see <see cref="ArticleQueries.FilterPlan"/>).
    /// </summary>
    private static async Task<bool> IsLargeShareAsync(IQueryable<Article> filtered, IQueryable<Article> unfiltered,
        ArticleListQuery query, ReadContext read, HttpContext httpContext, CancellationToken cancellationToken)
    {
        var kept = await CountAsync(filtered, query, read, httpContext, cancellationToken);
        var visible = await CountAsync(unfiltered, query with { Tag = null, Author = null }, read, httpContext, cancellationToken);
        return kept * 100L >= visible;
    }

    /// <summary>
    /// Ranked by relevance: the engine's best matches (the best <see cref="ArticleSearch.MaxRanked"/> when no filter
    /// narrows the list, every match when one does), then those of them the caller may see and the filters keep, in
    /// rank order. The total counts exactly these, so it never promises a page that paging cannot reach or that
    /// would show a hidden article. One query per step: the best matches, the kept ones among them, then the page's
    /// summaries. Offset pages only: a rank is no stable position to resume from, so there is no cursor.
    /// Without filters the ranking is remembered until a write could change it (see <see cref="ArticleCounts"/>), so
    /// the pages of a search after its first cost what any page costs.
    /// </summary>
    private static async Task<ArticlePage> RankedPage(IQueryable<Article> articles, IQueryable<SearchHit> best,
        ArticleListQuery query, ReadContext read, HttpContext httpContext, NewsDbContext db, IArticleReadPath reads,
        CancellationToken cancellationToken)
    {
        var paging = query.Paging;
        var ranked = query.HasFilters
            ? await RankAsync(articles, best, cancellationToken)
            : await httpContext.RequestServices.GetRequiredService<ArticleCounts>()
                .RankingAsync(CountKey(query, read), () => RankAsync(articles, best, cancellationToken));
        var total = ranked.Count;
        var ids = ranked.Skip(paging.Skip).Take(paging.PageSize).ToList();
        var items = await reads.SummariesInOrderAsync(articles, ids, db, read, cancellationToken);
        var totalPages = (int)Math.Ceiling(total / (double)paging.PageSize);
        LinkHeader.AddOffsetLinks(httpContext.Response, paging.Page, totalPages, ArticleListQuery.MaxOffsetItems / paging.PageSize);
        return new ArticlePage
        {
            Items = items,
            Page = paging.Page,
            PageSize = paging.PageSize,
            TotalItems = total,
            TotalPages = totalPages,
            NextCursor = null,
        };
    }

    private static async Task<IReadOnlyList<Guid>> RankAsync(IQueryable<Article> articles, IQueryable<SearchHit> best,
        CancellationToken cancellationToken)
    {
        var matches = await KeptAsync(articles, await best.ToListAsync(cancellationToken), cancellationToken);
        return matches
            .OrderByDescending(m => m.Rank).ThenByDescending(m => m.PublishedAt).ThenByDescending(m => m.Id)
            .Select(m => m.Id)
            .ToList();
    }

    private sealed record RankedMatch(Guid Id, double Rank, DateTime? PublishedAt);

    /// <summary>The hits the caller may see and the filters keep: the best matches go to the database as one array.</summary>
    private static async Task<List<RankedMatch>> KeptAsync(IQueryable<Article> articles, List<SearchHit> hits, CancellationToken cancellationToken)
    {
        var candidates = hits.ConvertAll(h => h.ArticleId);
        var kept = candidates.Count == 0
            ? []
            : await articles.Where(a => candidates.Contains(a.Id))
                .Select(a => new { a.Id, a.PublishedAt })
                .ToDictionaryAsync(a => a.Id, a => a.PublishedAt, cancellationToken);
        return hits.Where(h => kept.ContainsKey(h.ArticleId)).Select(h => new RankedMatch(h.ArticleId, h.Rank, kept[h.ArticleId])).ToList();
    }

    private static Task<int> CountAsync(IQueryable<Article> articles, ArticleListQuery query, ReadContext read, HttpContext httpContext,
        CancellationToken cancellationToken) =>
        httpContext.RequestServices.GetRequiredService<ArticleCounts>()
            .GetAsync(CountKey(query, read), query.HasSearch, () => articles.CountAsync(cancellationToken));

    /// <summary>Everything a total depends on: the filters and search (not the sort or page), and who is asking.</summary>
    private static string CountKey(ArticleListQuery query, ReadContext read) => CountKey(query, read.Editor);

    private static string CountKey(ArticleListQuery query, bool editor) =>
        (editor ? "editor|" : "public|") + (query with { Sort = null, Page = 1, PageSize = 1, Cursor = null }).Fingerprint;

    /// <summary>
    /// How many articles the public sees: the total of the unfiltered public list, remembered with it (one count
    /// of the date index for the front page, the feeds and the sitemaps alike).
    /// </summary>
    public static Task<int> PublicTotalAsync(NewsDbContext db, ArticleCounts counts, DateTime now, CancellationToken cancellationToken) =>
        counts.GetAsync(CountKey(new ArticleListQuery(), editor: false), search: false,
            () => db.Articles.AsNoTracking().VisibleTo(false, now).CountAsync(cancellationToken));

    private static bool IsPublicFrontPage(ArticleListQuery query, ArticleSort sort, ReadContext read) =>
        !read.Editor && !query.HasFilters && !query.HasSearch && sort == ArticleSort.Default;

    /// <param name="counted">The list in the form to count it (the page's form may differ; see <see cref="ArticleQueries.Filter"/>).</param>
    private static async Task<ArticlePage> OffsetPage(IQueryable<Article> counted, IOrderedQueryable<Article> ordered, ArticleListQuery query,
        ArticleSort sort, ReadContext read, HttpContext httpContext, NewsDbContext db, IArticleReadPath reads, CancellationToken cancellationToken)
    {
        var paging = query.Paging;
        var total = await CountAsync(counted, query, read, httpContext, cancellationToken);
        var items = paging.Skip >= total
            ? ArticleSummaries.Empty
            : IsPublicFrontPage(query, sort, read)
                ? await reads.FrontPageAsync(db, read, paging.Skip, paging.PageSize, cancellationToken)
                : await reads.SummariesAsync(ordered.Skip(paging.Skip).Take(paging.PageSize), db, read, cancellationToken, sort: sort);
        var totalPages = (int)Math.Ceiling(total / (double)paging.PageSize);
        var next = paging.Page < totalPages && items.Count > 0
            ? ArticleQueries.CursorAfter(items.Keys[^1], sort, ArticleCursor.FingerprintOf(query with { Page = 1 })).Encode()
            : null;
        LinkHeader.AddOffsetLinks(httpContext.Response, paging.Page, totalPages, ArticleListQuery.MaxOffsetItems / paging.PageSize, next);
        return new ArticlePage
        {
            Items = items,
            Page = paging.Page,
            PageSize = paging.PageSize,
            TotalItems = total,
            TotalPages = totalPages,
            NextCursor = next,
        };
    }

    public static async Task<Results<Ok<ArticleResponse>, NotFound<ProblemDetails>>> GetArticle(
        Guid id, HttpContext httpContext, NewsDbContext db, CancellationToken cancellationToken) =>
        await Find(id, db, ReadContext.For(httpContext), cancellationToken) is { } article
            ? TypedResults.Ok(article)
            : NotFound($"No article has the id {id}.");

    public static async Task<Results<Ok<ArticleResponse>, RedirectHttpResult, NotFound<ProblemDetails>>> GetArticleBySlug(
        string slug, HttpContext httpContext, NewsDbContext db, CancellationToken cancellationToken)
    {
        var normalized = slug.ToLowerInvariant();
        var read = ReadContext.For(httpContext);
        if (await WholeArticles.BySlugAsync(db, normalized, read, cancellationToken) is { } article)
        {
            return TypedResults.Ok(article);
        }
        // Links in the wild keep working after a published article's slug changes.
        var current = await db.ArticleSlugRedirects.AsNoTracking()
            .Where(r => r.Slug == normalized)
            .Select(r => r.Article)
            .VisibleTo(read.Editor, read.Now)
            .Select(a => a.Slug)
            .SingleOrDefaultAsync(cancellationToken);
        return current is not null
            ? TypedResults.Redirect($"{ApiGroups.Prefix}/articles/slug/{current}", permanent: true)
            : NotFound($"No article has the slug '{slug}'.");
    }

    /// <param name="id">The article whose related articles to list.</param>
    /// <param name="limit">How many to return, 1 to 20 (default 5).</param>
    public static async Task<Results<Ok<IReadOnlyList<ArticleSummary>>, NotFound<ProblemDetails>, ValidationProblem>> GetRelatedArticles(
        Guid id, [Range(1, MaxRelatedLimit), DefaultValue(DefaultRelatedLimit)] int? limit, HttpContext httpContext,
        NewsDbContext db, IArticleReadPath reads, CancellationToken cancellationToken)
    {
        var take = limit ?? DefaultRelatedLimit;
        if (take is < 1 or > MaxRelatedLimit)
        {
            return TypedResults.ValidationProblem(Problems.Error("limit", $"'limit' must be between 1 and {MaxRelatedLimit}."));
        }
        var read = ReadContext.For(httpContext);
        var article = await db.Articles.AsNoTracking().VisibleTo(read.Editor, read.Now)
            .Where(a => a.Id == id)
            .Select(a => new
            {
                Explicit = a.Related.OrderBy(r => r.Position).Select(r => r.RelatedId).ToList(),
                Tags = a.Tags.Select(t => t.TagId).ToList(),
            })
            .AsSplitQuery()
            .SingleOrDefaultAsync(cancellationToken);
        if (article is null)
        {
            return NotFound($"No article has the id {id}.");
        }

        var visible = db.Articles.AsNoTracking().VisibleTo(read.Editor, read.Now);
        var explicitIds = await visible.Where(a => article.Explicit.Contains(a.Id)).Select(a => a.Id).ToListAsync(cancellationToken);
        var ordered = article.Explicit.Where(explicitIds.Contains).Take(take).ToList();
        if (ordered.Count < take && article.Tags.Count > 0)
        {
            // Tag neighbours are always published ones: "related" is a reader-facing list even for editors.
            var tagIds = article.Tags;
            var publicNow = db.Articles.AsNoTracking().VisibleTo(editor: false, read.Now);
            var sharing = db.ArticleTags
                .Where(at => tagIds.Contains(at.TagId))
                .GroupBy(at => at.ArticleId)
                .Select(g => new { ArticleId = g.Key, Shared = g.Count() });
            var neighbours = await (
                    from s in sharing
                    join a in publicNow on s.ArticleId equals a.Id
                    where a.Id != id && !ordered.Contains(a.Id)
                    orderby s.Shared descending, a.PublishedAt descending, a.Id descending
                    select a.Id)
                .Take(take - ordered.Count)
                .ToListAsync(cancellationToken);
            ordered.AddRange(neighbours);
        }

        // The editor's links are the article's own: a change to them evicts its tag, not every list.
        OutputCaching.TagResponse(httpContext, [CacheTags.Article(id)]);
        return TypedResults.Ok<IReadOnlyList<ArticleSummary>>(await reads.SummariesInOrderAsync(db.Articles, ordered, db, read, cancellationToken));
    }

    /// <summary>The article as <paramref name="read"/> may see it; null when it does not exist or is hidden.</summary>
    private static Task<ArticleResponse?> Find(Guid id, NewsDbContext db, ReadContext read, CancellationToken cancellationToken) =>
        WholeArticles.ByIdAsync(db, id, read, cancellationToken);

    private static NotFound<ProblemDetails> NotFound(string detail) =>
        TypedResults.NotFound(Problems.NotFound("Article", detail));
}
