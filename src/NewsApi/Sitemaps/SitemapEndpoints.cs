using System.Globalization;
using System.Reflection;
using System.Text;
using System.Xml;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using NewsApi.Articles;
using NewsApi.Data;
using NewsApi.Http;
using NewsApi.Site;

namespace NewsApi.Sitemaps;

/// <summary>
/// Sitemaps for search engines: an index, article pages of at most 50,000 URLs, one sitemap each for tags, authors
/// and sources, and a Google News sitemap. Written to the response as they are read (XmlWriter on the body).
/// </summary>
public static class SitemapEndpoints
{
    public const string SitemapNs = "http://www.sitemaps.org/schemas/sitemap/0.9";
    public const string NewsNs = "http://www.google.com/schemas/sitemap-news/0.9";
    private static readonly string[] Kinds = ["tags", "authors", "sources"];

    public static IEndpointRouteBuilder MapSitemaps(this IEndpointRouteBuilder app)
    {
        var group = app.MapSiteGroup("", "Sitemaps")
            .WithMetadata(new WithoutEntityTagAttribute("public, max-age=N: written as it is read, so sent without an ETag."));
        group.MapGet("/sitemap.xml", GetSitemapIndex).WithName("getSitemapIndex")
            .WithSummary("Sitemap index")
            .WithDescription("A sitemaps.org index of the article sitemaps (50,000 URLs each) and the tag, author and source sitemaps. "
                             + "404 while no site is configured (Site:BaseUrl).");
        group.MapGet("/sitemaps/articles-{page:int}.xml", GetArticleSitemap).WithName("getArticleSitemap")
            .WithSummary("A page of the article sitemap")
            .WithDescription("Up to 50,000 public articles in publication order, oldest first, with lastmod. Never kept in the output cache.")
            .WithMetadata(new NeverCachedAttribute());
        group.MapGet("/sitemaps/{kind:regex(^(tags|authors|sources)$)}.xml", GetPageSitemap).WithName("getPageSitemap")
            .WithSummary("The tag, author or source sitemap")
            .WithDescription("Every tag's, author's or source's page (kind: tags, authors or sources), with lastmod.");
        group.MapGet("/sitemap-news.xml", GetNewsSitemap).WithName("getNewsSitemap")
            .WithSummary("Google News sitemap")
            .WithDescription("The articles published in the last 48 hours, newest first, at most 1,000, each with its publication "
                             + "(Site:PublicationName and Site:Language), publication date and title.");
        return app;
    }

    public static async Task<Results<SitemapResult, NotFound<ProblemDetails>>> GetSitemapIndex(
        SiteUrls urls, NewsDbContext db, ArticleCounts counts, HttpContext httpContext, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!urls.Configured)
        {
            return TypedResults.NotFound(SiteGroups.NotConfigured("Sitemap"));
        }
        var count = await PublicTotalAsync(db, counts, httpContext, time.GetUtcNow().UtcDateTime, cancellationToken);
        var pages = Math.Max(1, (count + SitemapReads.UrlsPerSitemap - 1) / SitemapReads.UrlsPerSitemap);
        // A sitemap must hold at least one URL (sitemaps.org schema): empty ones are left out of the index.
        var kinds = new List<string>();
        foreach (var kind in Kinds)
        {
            if (await SitemapReads.AnyPagesAsync(db, kind, cancellationToken))
            {
                kinds.Add(kind);
            }
        }
        return new SitemapResult((sitemap, _) =>
        {
            var xml = sitemap.Xml;
            xml.WriteStartElement(null, "sitemapindex", SitemapNs);
            for (var page = 1; page <= pages; page++)
            {
                WriteEntry(xml, "sitemap", urls.Absolute($"/sitemaps/articles-{page}.xml")!, null);
            }
            foreach (var kind in kinds)
            {
                WriteEntry(xml, "sitemap", urls.Absolute($"/sitemaps/{kind}.xml")!, null);
            }
            xml.WriteEndElement();
            return Task.CompletedTask;
        }, [CacheTags.ListOf<ArticleSummary>(), CacheTags.ListOf<Tags.TagResponse>(), CacheTags.ListOf<Authors.AuthorResponse>(),
            CacheTags.ListOf<Sources.SourceResponse>()]);
    }

    /// <param name="page">The page, from 1.</param>
    public static async Task<Results<SitemapResult, NotFound<ProblemDetails>>> GetArticleSitemap(
        int page, SiteUrls urls, NewsDbContext db, ArticleCounts counts, HttpContext httpContext, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!urls.Configured)
        {
            return TypedResults.NotFound(SiteGroups.NotConfigured("Sitemap"));
        }
        var now = time.GetUtcNow().UtcDateTime;
        var count = await PublicTotalAsync(db, counts, httpContext, now, cancellationToken);
        var pages = Math.Max(1, (count + SitemapReads.UrlsPerSitemap - 1) / SitemapReads.UrlsPerSitemap);
        if (page < 1 || page > pages)
        {
            return TypedResults.NotFound(Problems.NotFound("Sitemap", $"The article sitemap has pages 1 to {pages}."));
        }
        return new SitemapResult(async (sitemap, cancellation) =>
        {
            var xml = sitemap.Xml;
            xml.WriteStartElement(null, "urlset", SitemapNs);
            var written = 0;
            await foreach (var article in SitemapReads.ArticlePageAsync(db, page, now, cancellation))
            {
                WriteEntry(xml, "url", urls.Article(article.Id, article.Slug, article.PublishedAt)!, article.UpdatedAt);
                if (++written % 1_000 == 0)
                {
                    await sitemap.FlushAsync(cancellation);
                }
            }
            xml.WriteEndElement();
        }, []);
    }

    /// <param name="kind">tags, authors or sources.</param>
    public static Task<Results<SitemapResult, NotFound<ProblemDetails>>> GetPageSitemap(
        string kind, SiteUrls urls, NewsDbContext db)
    {
        if (!urls.Configured)
        {
            return Task.FromResult<Results<SitemapResult, NotFound<ProblemDetails>>>(TypedResults.NotFound(SiteGroups.NotConfigured("Sitemap")));
        }
        Func<Guid, string, string?> url = kind switch
        {
            "tags" => urls.Tag,
            "authors" => urls.Author,
            _ => urls.Source,
        };
        return Task.FromResult<Results<SitemapResult, NotFound<ProblemDetails>>>(new SitemapResult(async (sitemap, cancellation) =>
        {
            var xml = sitemap.Xml;
            xml.WriteStartElement(null, "urlset", SitemapNs);
            var written = 0;
            await foreach (var page in SitemapReads.PagesAsync(db, kind, cancellation))
            {
                WriteEntry(xml, "url", url(page.Id, page.Slug)!, page.UpdatedAt);
                if (++written % 1_000 == 0)
                {
                    await sitemap.FlushAsync(cancellation);
                }
            }
            xml.WriteEndElement();
        }, [CacheTags.ListOf(kind switch
        {
            "tags" => typeof(Tags.TagResponse),
            "authors" => typeof(Authors.AuthorResponse),
            _ => typeof(Sources.SourceResponse),
        })]));
    }

    public static async Task<Results<SitemapResult, NotFound<ProblemDetails>>> GetNewsSitemap(
        SiteUrls urls, NewsDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!urls.Configured)
        {
            return TypedResults.NotFound(SiteGroups.NotConfigured("Sitemap"));
        }
        var now = time.GetUtcNow().UtcDateTime;
        var articles = await SitemapReads.NewsAsync(db, now, cancellationToken);
        var language = NewsLanguage(urls.Site.Language);
        return new SitemapResult((sitemap, _) =>
        {
            var xml = sitemap.Xml;
            xml.WriteStartElement(null, "urlset", SitemapNs);
            xml.WriteAttributeString("xmlns", "news", null, NewsNs);
            foreach (var article in articles)
            {
                xml.WriteStartElement(null, "url", SitemapNs);
                xml.WriteElementString(null, "loc", SitemapNs, urls.Article(article.Id, article.Slug, article.PublishedAt)!);
                xml.WriteStartElement("news", "news", NewsNs);
                xml.WriteStartElement("news", "publication", NewsNs);
                xml.WriteElementString("news", "name", NewsNs, urls.PublicationName);
                xml.WriteElementString("news", "language", NewsNs, language);
                xml.WriteEndElement();
                xml.WriteElementString("news", "publication_date", NewsNs, W3CDateTime(article.PublishedAt));
                xml.WriteElementString("news", "title", NewsNs, article.Title);
                xml.WriteEndElement();
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
            return Task.CompletedTask;
        }, [CacheTags.ListOf<ArticleSummary>(), .. articles.Select(a => CacheTags.Article(a.Id))], expires: articles.Count > 0
            ? articles[^1].PublishedAt + SitemapReads.NewsWindow - now
            : null);
    }

    /// <summary>
    /// The number of public articles, remembered with the front page's total (<see cref="ArticleCounts"/>): counting
    /// a million articles' index entries on each request was most of the index's time. An article coming due by the
    /// clock forgets it first, as for the lists.
    /// </summary>
    private static async Task<int> PublicTotalAsync(NewsDbContext db, ArticleCounts counts, HttpContext httpContext, DateTime now,
        CancellationToken cancellationToken)
    {
        await httpContext.RequestServices.GetRequiredService<ScheduledPublications>().FlushWhenDueAsync(httpContext.RequestServices, cancellationToken);
        return await ArticleEndpoints.PublicTotalAsync(db, counts, now, cancellationToken);
    }

    /// <summary>Google News takes ISO 639 codes alone (two or three letters), except zh-cn and zh-tw.</summary>
    public static string NewsLanguage(string language)
    {
        var lower = language.ToLowerInvariant();
        return lower is "zh-cn" or "zh-tw" ? lower : lower.Split('-')[0];
    }

    private static void WriteEntry(XmlWriter xml, string element, string loc, DateTime? lastModified)
    {
        xml.WriteStartElement(null, element, SitemapNs);
        xml.WriteElementString(null, "loc", SitemapNs, loc);
        if (lastModified is { } at)
        {
            xml.WriteElementString(null, "lastmod", SitemapNs, W3CDateTime(at));
        }
        xml.WriteEndElement();
    }

    private static string W3CDateTime(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}

/// <summary>
/// A sitemap written as it is read: a synchronous XmlWriter into pooled memory, handed to the response every so often
/// (<see cref="SitemapWriter.FlushAsync"/>), so a 50,000-URL page never sits whole in memory and a short one costs no
/// asynchronous call per element. No ETag (it would need the whole body first); public Cache-Control, and
/// output-cache tags for the sitemaps small enough to keep.
/// </summary>
public sealed class SitemapResult(Func<SitemapWriter, CancellationToken, Task> write, IReadOnlyList<string> cacheTags, TimeSpan? expires = null)
    : IResult, IStatusCodeHttpResult, IEndpointMetadataProvider
{
    public const string ContentType = "application/xml";

    public int? StatusCode => StatusCodes.Status200OK;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        OutputCaching.TagResponse(httpContext, cacheTags);
        if (expires is { } lifetime && httpContext.Features.Get<Microsoft.AspNetCore.OutputCaching.IOutputCacheFeature>()?.Context is { } cache)
        {
            // The news sitemap changes by the clock alone when its oldest article leaves the 48-hour window.
            cache.ResponseExpirationTimeSpan = lifetime < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : lifetime;
        }
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType + "; charset=utf-8";
        response.Headers.CacheControl = $"public, max-age={httpContext.RequestServices.GetRequiredService<IOptions<HttpCachingOptions>>().Value.MaxAgeSeconds}";
        using var buffer = new PooledBufferStream();
        using (var xml = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false) }))
        {
            var sitemap = new SitemapWriter(xml, buffer, response.Body);
            xml.WriteStartDocument();
            await write(sitemap, httpContext.RequestAborted);
            xml.WriteEndDocument();
        }
        await buffer.WriteToAsync(response.Body, httpContext.RequestAborted);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(string), [ContentType]));
}

/// <summary>The XmlWriter a sitemap is written with, and the way to hand what it holds so far to the response.</summary>
public sealed class SitemapWriter(XmlWriter xml, PooledBufferStream buffer, Stream body)
{
    public XmlWriter Xml => xml;

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        xml.Flush();
        await buffer.WriteToAsync(body, cancellationToken);
        buffer.Clear();
    }
}
