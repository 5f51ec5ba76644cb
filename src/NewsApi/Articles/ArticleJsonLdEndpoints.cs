using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using NewsApi.Data;
using NewsApi.Http;
using NewsApi.Site;

namespace NewsApi.Articles;

/// <summary>Structured data: an article as a schema.org NewsArticle (JSON-LD) for front ends to embed.</summary>
public static partial class ArticleEndpoints
{
    private static RouteGroupBuilder MapArticleJsonLd(this RouteGroupBuilder group)
    {
        const string description = "A schema.org NewsArticle (application/ld+json) to embed as it is: headline (at most 110 characters), "
                                   + "description, dates, image, authors (a desk byline such as \"News Desk\" is an Organization), "
                                   + "publisher (Site:PublicationName, Site:LogoUrl), isBasedOn (the source story), articleSection "
                                   + "(the first tag) and keywords. Links point to the site (Site:BaseUrl).";
        group.MapGet("/{id}/jsonld", GetArticleJsonLd).WithName("getArticleJsonLd")
            .WithSummary("An article as schema.org NewsArticle (JSON-LD)")
            .WithDescription(description)
            .Produces<NewsArticleJsonLd>(StatusCodes.Status200OK, NewsArticleJsonLd.MediaType);
        group.MapGet("/slug/{slug}/jsonld", GetArticleJsonLdBySlug).WithName("getArticleJsonLdBySlug")
            .WithSummary("An article as schema.org NewsArticle (JSON-LD), by slug")
            .WithDescription(description)
            .Produces<NewsArticleJsonLd>(StatusCodes.Status200OK, NewsArticleJsonLd.MediaType);
        return group;
    }

    public static async Task<Results<Ok<NewsArticleJsonLd>, NotFound<ProblemDetails>>> GetArticleJsonLd(
        Guid id, HttpContext httpContext, NewsDbContext db, SiteUrls urls, CancellationToken cancellationToken) =>
        await Find(id, db, ReadContext.For(httpContext), cancellationToken) is { } article
            ? TypedResults.Ok(NewsArticleJsonLd.From(article, urls))
            : NotFound($"No article has the id {id}.");

    public static async Task<Results<Ok<NewsArticleJsonLd>, NotFound<ProblemDetails>>> GetArticleJsonLdBySlug(
        string slug, HttpContext httpContext, NewsDbContext db, SiteUrls urls, CancellationToken cancellationToken) =>
        await WholeArticles.BySlugAsync(db, slug.ToLowerInvariant(), ReadContext.For(httpContext), cancellationToken) is { } article
            ? TypedResults.Ok(NewsArticleJsonLd.From(article, urls))
            : NotFound($"No article has the slug '{slug}'.");
}
