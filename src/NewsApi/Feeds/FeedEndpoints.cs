using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using NewsApi.Articles;
using NewsApi.Data;
using NewsApi.Http;
using NewsApi.Site;

namespace NewsApi.Feeds;

/// <summary>
/// RSS 2.0, Atom 1.0 and JSON Feed 1.1 of the newest public articles: site-wide, and per tag, author and source.
/// The format is the path's extension (<c>.rss</c>, <c>.atom</c>, <c>.json</c>).
/// </summary>
public static class FeedEndpoints
{
    private const string Format = "{format:regex(^(rss|atom|json)$)}";

    public static IEndpointRouteBuilder MapFeeds(this IEndpointRouteBuilder app)
    {
        var group = app.MapSiteGroup("/feeds", "Feeds");
        const string formats = " RSS 2.0 (application/rss+xml), Atom 1.0 (application/atom+xml) or JSON Feed 1.1 (application/feed+json), "
                               + "by the extension. Links point to the site (Site:BaseUrl); 404 while none is configured.";
        group.MapGet($"/articles.{Format}", GetArticlesFeed).WithName("getArticlesFeed")
            .WithSummary("Feed of the newest articles")
            .WithDescription($"The newest {FeedEntries.Size} published articles, whole (sanitised HTML), newest first, as" + formats);
        group.MapGet($"/tags/{{slug}}.{Format}", GetTagFeed).WithName("getTagFeed")
            .WithSummary("Feed of a tag's newest articles")
            .WithDescription($"The newest {FeedEntries.Size} published articles with the tag, as" + formats);
        group.MapGet($"/authors/{{slug}}.{Format}", GetAuthorFeed).WithName("getAuthorFeed")
            .WithSummary("Feed of an author's newest articles")
            .WithDescription($"The newest {FeedEntries.Size} published articles with the author in their byline, as" + formats);
        group.MapGet($"/sources/{{slug}}.{Format}", GetSourceFeed).WithName("getSourceFeed")
            .WithSummary("Feed of a source's newest articles")
            .WithDescription($"The newest {FeedEntries.Size} published articles sourced from the outlet, as" + formats);
        return app;
    }

    /// <param name="format">rss, atom or json.</param>
    public static Task<Results<FeedResult, NotFound<ProblemDetails>>> GetArticlesFeed(
        string format, SiteUrls urls, NewsDbContext db, ArticleCounts counts, IArticleReadPath reads, IFeedRows rows, TimeProvider time, CancellationToken cancellationToken) =>
        FeedAsync(format, FeedScope.Site, urls, db, counts, reads, rows, time, cancellationToken);

    /// <param name="slug">The tag's slug.</param>
    /// <param name="format">rss, atom or json.</param>
    public static Task<Results<FeedResult, NotFound<ProblemDetails>>> GetTagFeed(
        string slug, string format, SiteUrls urls, NewsDbContext db, ArticleCounts counts, IArticleReadPath reads, IFeedRows rows, TimeProvider time, CancellationToken cancellationToken) =>
        ScopedFeedAsync("tags", "Tag", slug, format, urls, db, counts, reads, rows, time, cancellationToken);

    /// <param name="slug">The author's slug.</param>
    /// <param name="format">rss, atom or json.</param>
    public static Task<Results<FeedResult, NotFound<ProblemDetails>>> GetAuthorFeed(
        string slug, string format, SiteUrls urls, NewsDbContext db, ArticleCounts counts, IArticleReadPath reads, IFeedRows rows, TimeProvider time, CancellationToken cancellationToken) =>
        ScopedFeedAsync("authors", "Author", slug, format, urls, db, counts, reads, rows, time, cancellationToken);

    /// <param name="slug">The source's slug.</param>
    /// <param name="format">rss, atom or json.</param>
    public static Task<Results<FeedResult, NotFound<ProblemDetails>>> GetSourceFeed(
        string slug, string format, SiteUrls urls, NewsDbContext db, ArticleCounts counts, IArticleReadPath reads, IFeedRows rows, TimeProvider time, CancellationToken cancellationToken) =>
        ScopedFeedAsync("sources", "Source", slug, format, urls, db, counts, reads, rows, time, cancellationToken);

    private static async Task<Results<FeedResult, NotFound<ProblemDetails>>> ScopedFeedAsync(string kind, string resource, string slug,
        string format, SiteUrls urls, NewsDbContext db, ArticleCounts counts, IArticleReadPath reads, IFeedRows rows, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!urls.Configured)
        {
            return TypedResults.NotFound(SiteGroups.NotConfigured("Feed"));
        }
        return await FeedEntries.ScopeAsync(db, kind, slug, cancellationToken) is { } scope
            ? await FeedAsync(format, scope, urls, db, counts, reads, rows, time, cancellationToken)
            : TypedResults.NotFound(Problems.NotFound(resource, $"No {resource.ToLowerInvariant()} has the slug '{slug}'."));
    }

    private static async Task<Results<FeedResult, NotFound<ProblemDetails>>> FeedAsync(string format, FeedScope scope, SiteUrls urls,
        NewsDbContext db, ArticleCounts counts, IArticleReadPath reads, IFeedRows rows, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!urls.Configured)
        {
            return TypedResults.NotFound(SiteGroups.NotConfigured("Feed"));
        }
        var feedFormat = format switch
        {
            "rss" => FeedFormat.Rss,
            "atom" => FeedFormat.Atom,
            _ => FeedFormat.Json,
        };
        var now = time.GetUtcNow().UtcDateTime;
        var entries = await FeedEntries.NewestAsync(db, reads, rows, scope, now, () => ArticleEndpoints.PublicTotalAsync(db, counts, now, cancellationToken), cancellationToken);
        return new FeedResult(feedFormat, scope, entries, urls, now);
    }
}

/// <summary>
/// A feed, with what it shows as output-cache tags: an edit evicts the feeds that show the article, and a write that
/// can move an article into or out of one (<see cref="Articles.ArticleListTags"/>) evicts every feed.
/// </summary>
public sealed class FeedResult(FeedFormat format, FeedScope scope, IReadOnlyList<FeedEntry> entries, SiteUrls urls, DateTime now)
    : BufferedDocumentResult(FeedWriters.ContentType(format), output => FeedWriters.Write(output, format, scope, entries, urls, now), TagsOf(scope, entries)),
      IEndpointMetadataProvider
{
    public static void PopulateMetadata(System.Reflection.MethodInfo method, EndpointBuilder builder) =>
        Produces(builder, FeedWriters.RssType, FeedWriters.AtomType, FeedWriters.JsonFeedType);

    private static IEnumerable<string> TagsOf(FeedScope scope, IReadOnlyList<FeedEntry> entries)
    {
        yield return CacheTags.ListOf<Articles.ArticleSummary>();
        if (scope.Subject is { } subject)
        {
            yield return scope.Kind switch
            {
                "tags" => CacheTags.Tag(subject.Id),
                "authors" => CacheTags.Author(subject.Id),
                _ => CacheTags.Source(subject.Id),
            };
        }
        foreach (var entry in entries)
        {
            yield return CacheTags.Article(entry.Id);
            foreach (var author in entry.Authors)
            {
                yield return CacheTags.Author(author.Id);
            }
            foreach (var tag in entry.Tags)
            {
                yield return CacheTags.Tag(tag.Id);
            }
            if (entry.Source is { } source)
            {
                yield return CacheTags.Source(source.Id);
            }
        }
    }
}
