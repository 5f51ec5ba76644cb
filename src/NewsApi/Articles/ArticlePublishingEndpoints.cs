using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NewsApi.Data;
using NewsApi.Data.Entities;
using NewsApi.Http;

namespace NewsApi.Articles;

/// <summary>
/// The publishing workflow. Stored statuses are draft, published and archived; a published article whose time
/// has not come reads as scheduled, so scheduling needs no background job.
/// </summary>
public static partial class ArticleEndpoints
{
    private static RouteGroupBuilder MapArticlePublishing(this RouteGroupBuilder group)
    {
        group.MapPost("/{id}/publish", PublishArticle).WithName("publishArticle")
            .WithSummary("Publish or schedule an article")
            .WithDescription("publishAt now or in the past publishes; in the future schedules. Refused (409) for archived "
                             + "articles; refused (400) while fields a public article needs are missing.");
        group.MapPost("/{id}/unpublish", UnpublishArticle).WithName("unpublishArticle")
            .WithSummary("Return a published or scheduled article to draft");
        group.MapPost("/{id}/archive", ArchiveArticle).WithName("archiveArticle")
            .WithSummary("Archive an article")
            .WithDescription("Hidden from the public; its slug stays reserved.");
        return group;
    }

    public static async Task<Results<Ok<ArticleResponse>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>, PreconditionProblem>> PublishArticle(
        Guid id, [FromBody] PublishRequest? request, [FromHeader(Name = Preconditions.IfMatchHeader)] string? ifMatch,
        HttpContext httpContext, NewsDbContext db, CancellationToken cancellationToken)
    {
        if (await db.Articles.Include(a => a.Authors).SingleOrDefaultAsync(a => a.Id == id, cancellationToken) is not { } article)
        {
            return NotFound($"No article has the id {id}.");
        }
        if (await CheckIfMatch(id, ifMatch, httpContext, db, cancellationToken) is { } precondition)
        {
            return precondition;
        }
        if (article.Status == ArticleStatus.Archived)
        {
            return ImpossibleTransition("publish", article, httpContext);
        }
        var missing = MissingForPublication(article);
        if (missing.Count > 0)
        {
            return TypedResults.ValidationProblem(missing, title: "The article is not ready to publish.");
        }

        var now = ReadContext.For(httpContext).Now;
        article.PublishedAt = request?.PublishAt?.UtcDateTime
                              ?? (article.PublishedAt is { } earlier && earlier <= now ? earlier : now);
        article.Status = ArticleStatus.Published;
        if (!await SaveTransition(db, cancellationToken))
        {
            return await Stale(id, httpContext, db, cancellationToken);
        }
        return TypedResults.Ok((await Find(id, db, ReadContext.ForWriter(httpContext), cancellationToken))!);
    }

    public static async Task<Results<Ok<ArticleResponse>, NotFound<ProblemDetails>, Conflict<ProblemDetails>, PreconditionProblem>> UnpublishArticle(
        Guid id, [FromHeader(Name = Preconditions.IfMatchHeader)] string? ifMatch, HttpContext httpContext, NewsDbContext db,
        CancellationToken cancellationToken)
    {
        if (await db.Articles.SingleOrDefaultAsync(a => a.Id == id, cancellationToken) is not { } article)
        {
            return NotFound($"No article has the id {id}.");
        }
        if (await CheckIfMatch(id, ifMatch, httpContext, db, cancellationToken) is { } precondition)
        {
            return precondition;
        }
        if (article.Status != ArticleStatus.Published)
        {
            return ImpossibleTransition("unpublish", article, httpContext);
        }
        // publishedAt is kept, so publishing again restores the original publication time.
        article.Status = ArticleStatus.Draft;
        if (!await SaveTransition(db, cancellationToken))
        {
            return await Stale(id, httpContext, db, cancellationToken);
        }
        return TypedResults.Ok((await Find(id, db, ReadContext.ForWriter(httpContext), cancellationToken))!);
    }

    public static async Task<Results<Ok<ArticleResponse>, NotFound<ProblemDetails>, PreconditionProblem>> ArchiveArticle(
        Guid id, [FromHeader(Name = Preconditions.IfMatchHeader)] string? ifMatch, HttpContext httpContext, NewsDbContext db,
        CancellationToken cancellationToken)
    {
        if (await db.Articles.SingleOrDefaultAsync(a => a.Id == id, cancellationToken) is not { } article)
        {
            return NotFound($"No article has the id {id}.");
        }
        if (await CheckIfMatch(id, ifMatch, httpContext, db, cancellationToken) is { } precondition)
        {
            return precondition;
        }
        article.Status = ArticleStatus.Archived;
        if (!await SaveTransition(db, cancellationToken))
        {
            return await Stale(id, httpContext, db, cancellationToken);
        }
        return TypedResults.Ok((await Find(id, db, ReadContext.ForWriter(httpContext), cancellationToken))!);
    }

    /// <summary>The publishing actions honour If-Match when it is sent, and do not demand it.</summary>
    private static async Task<PreconditionProblem?> CheckIfMatch(
        Guid id, string? ifMatch, HttpContext httpContext, NewsDbContext db, CancellationToken cancellationToken)
    {
        if (ifMatch is null)
        {
            return null;
        }
        var current = (await Find(id, db, ReadContext.ForWriter(httpContext), cancellationToken))!;
        return Preconditions.Check(httpContext, ifMatch, current, required: false);
    }

    private static async Task<bool> SaveTransition(NewsDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
    }

    /// <summary>Everything a public article needs that this one lacks, all at once.</summary>
    private static Dictionary<string, string[]> MissingForPublication(Article article)
    {
        var missing = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(article.Excerpt))
        {
            missing["excerpt"] = ["A published article needs an excerpt for cards and lists."];
        }
        if (string.IsNullOrWhiteSpace(article.Body))
        {
            missing["body"] = ["A published article needs a body."];
        }
        if (article.Authors.Count == 0)
        {
            missing["authorIds"] = ["A published article needs at least one author."];
        }
        // A media asset always has alt text of its own.
        if (article.FeaturedImageUrl is not null && article.FeaturedImageMediaId is null && string.IsNullOrWhiteSpace(article.FeaturedImageAlt))
        {
            missing["featuredImage.alt"] = ["A published article's featured image needs alt text."];
        }
        return missing;
    }

    private static Conflict<ProblemDetails> ImpossibleTransition(string action, Article article, HttpContext httpContext)
    {
        var status = ArticleVisibility.Effective(article.Status, article.PublishedAt, ReadContext.For(httpContext).Now);
        var name = System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(status.ToString());
        var problem = Problems.Conflict("Impossible status change", $"Cannot {action} an article that is {name}.");
        problem.Extensions["currentStatus"] = name;
        return TypedResults.Conflict(problem);
    }
}
