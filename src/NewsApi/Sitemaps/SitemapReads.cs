using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using NewsApi.Articles;
using NewsApi.Data;

namespace NewsApi.Sitemaps;

/// <summary>A public article as an article sitemap lists it: its address (from id, slug and date) and lastmod.</summary>
public sealed record SitemapArticle(Guid Id, string Slug, DateTime PublishedAt, DateTime UpdatedAt);

/// <summary>A public article as the News sitemap lists it: its address, publication date and title.</summary>
public sealed record NewsArticle(Guid Id, string Slug, string Title, DateTime PublishedAt);

/// <summary>A tag, author or source as a sitemap lists it.</summary>
public sealed record SitemapPage(Guid Id, string Slug, DateTime UpdatedAt);

/// <summary>
/// Reads for the sitemaps, in keyset batches: memory holds one batch whatever the size of the site. Article pages
/// are slices of the public articles in publication order (oldest first, ties by id), so a page's URLs only change
/// when an article in it is unpublished, and new articles go to the last page.
/// </summary>
public static class SitemapReads
{
    /// <summary>At most this many URLs in one sitemap (sitemaps.org).</summary>
    public const int UrlsPerSitemap = 50_000;

    /// <summary>Google News: at most 1,000 articles, from the last 48 hours.</summary>
    public const int MaxNews = 1_000;
    public static readonly TimeSpan NewsWindow = TimeSpan.FromHours(48);

    private const int Batch = 1_000;

    /// <summary>The articles of sitemap page <paramref name="page"/> (from 1), streamed in batches.</summary>
    public static async IAsyncEnumerable<SitemapArticle> ArticlePageAsync(NewsDbContext db, int page, DateTime now,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var visible = db.Articles.AsNoTracking().Where(ArticleVisibility.PublicAt(now));
        // The page's first article: the index on (Status, PublishedAt, Id) is walked to it, not the table.
        var start = await visible.OrderBy(a => a.PublishedAt).ThenBy(a => a.Id)
            .Skip((page - 1) * UrlsPerSitemap)
            .Select(a => new { PublishedAt = a.PublishedAt!.Value, a.Id })
            .FirstOrDefaultAsync(cancellationToken);
        if (start is null)
        {
            yield break;
        }
        var (at, id) = (start.PublishedAt, start.Id);
        var left = UrlsPerSitemap;
        var first = true;
        while (left > 0)
        {
            var from = first
                ? visible.Where(a => a.PublishedAt >= at && (a.PublishedAt > at || a.Id.CompareTo(id) >= 0))
                : visible.Where(a => a.PublishedAt >= at && (a.PublishedAt > at || a.Id.CompareTo(id) > 0));
            var batch = await from
                .OrderBy(a => a.PublishedAt).ThenBy(a => a.Id)
                .Take(Math.Min(Batch, left))
                .Select(a => new SitemapArticle(a.Id, a.Slug, a.PublishedAt!.Value, a.UpdatedAt))
                .ToListAsync(cancellationToken);
            foreach (var article in batch)
            {
                yield return article;
            }
            if (batch.Count < Batch)
            {
                yield break;
            }
            left -= batch.Count;
            (at, id, first) = (batch[^1].PublishedAt, batch[^1].Id, false);
        }
    }

    /// <summary>The newest public articles of the last 48 hours, newest first (at most 1,000).</summary>
    public static Task<List<NewsArticle>> NewsAsync(NewsDbContext db, DateTime now, CancellationToken cancellationToken)
    {
        var since = now - NewsWindow;
        return db.Articles.AsNoTracking().Where(ArticleVisibility.PublicAt(now))
            .Where(a => a.PublishedAt >= since)
            .OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id)
            .Take(MaxNews)
            .Select(a => new NewsArticle(a.Id, a.Slug, a.Title, a.PublishedAt!.Value))
            .ToListAsync(cancellationToken);
    }

    public static Task<bool> AnyPagesAsync(NewsDbContext db, string kind, CancellationToken cancellationToken) => kind switch
    {
        "tags" => db.Tags.AnyAsync(cancellationToken),
        "authors" => db.Authors.AnyAsync(cancellationToken),
        _ => db.Sources.AnyAsync(cancellationToken),
    };

    /// <summary>Every tag, author or source page (at most 50,000), by id, in keyset batches.</summary>
    public static async IAsyncEnumerable<SitemapPage> PagesAsync(NewsDbContext db, string kind,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Guid? after = null;
        var left = UrlsPerSitemap;
        while (left > 0)
        {
            var last = after ?? Guid.Empty;
            var skipFirst = after is not null;
            var take = Math.Min(Batch, left);
            var batch = kind switch
            {
                "tags" => await db.Tags.AsNoTracking().Where(x => !skipFirst || x.Id.CompareTo(last) > 0).OrderBy(x => x.Id).Take(take)
                    .Select(x => new SitemapPage(x.Id, x.Slug, x.UpdatedAt)).ToListAsync(cancellationToken),
                "authors" => await db.Authors.AsNoTracking().Where(x => !skipFirst || x.Id.CompareTo(last) > 0).OrderBy(x => x.Id).Take(take)
                    .Select(x => new SitemapPage(x.Id, x.Slug, x.UpdatedAt)).ToListAsync(cancellationToken),
                _ => await db.Sources.AsNoTracking().Where(x => !skipFirst || x.Id.CompareTo(last) > 0).OrderBy(x => x.Id).Take(take)
                    .Select(x => new SitemapPage(x.Id, x.Slug, x.UpdatedAt)).ToListAsync(cancellationToken),
            };
            foreach (var page in batch)
            {
                yield return page;
            }
            if (batch.Count < take)
            {
                yield break;
            }
            left -= batch.Count;
            after = batch[^1].Id;
        }
    }
}
