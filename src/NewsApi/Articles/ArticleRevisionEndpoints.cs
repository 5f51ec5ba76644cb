using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsApi.Data;
using NewsApi.Data.Entities;
using NewsApi.Http;

namespace NewsApi.Articles;

public sealed record ArticleRevisionSummary
{
    public required int Number { get; init; }
    public required DateTime CreatedAt { get; init; }

    /// <summary>The name of the API key that made the change, when there was one.</summary>
    public required string? CreatedBy { get; init; }
}

public sealed record ArticleRevisionResponse
{
    public required int Number { get; init; }
    public required DateTime CreatedAt { get; init; }
    public required string? CreatedBy { get; init; }

    /// <summary>The article's editable fields as they were.</summary>
    public required ArticleRequest Snapshot { get; init; }
}

/// <summary>Revisions, restoring from the trash, and restoring an earlier revision.</summary>
public static partial class ArticleEndpoints
{
    private static RouteGroupBuilder MapArticleHistory(this RouteGroupBuilder group)
    {
        group.MapGet("/{id}/revisions", ListArticleRevisions).WithName("listArticleRevisions")
            .RequireAuthorization(Access.Policies.ContentRead)
            .WithSummary("List an article's revisions, newest first")
            .WithDescription("Every change to the article's content or metadata is a revision; the oldest go beyond the configured limit (50 by default).");
        group.MapGet("/{id}/revisions/{number}", GetArticleRevision).WithName("getArticleRevision")
            .RequireAuthorization(Access.Policies.ContentRead)
            .WithSummary("Get one revision of an article, with its snapshot");
        group.MapPost("/{id}/revisions/{number}/restore", RestoreArticleRevision).WithName("restoreArticleRevision")
            .WithSummary("Restore an earlier revision")
            .WithDescription("Writes that revision's snapshot back as a new revision. Honours If-Match when sent.");
        group.MapPost("/{id}/restore", RestoreArticle).WithName("restoreArticle")
            .WithSummary("Bring an article back from the trash")
            .WithDescription("It returns with the status it had.");
        return group;
    }

    public static async Task<Results<Ok<PagedResponse<ArticleRevisionSummary>>, NotFound<ProblemDetails>>> ListArticleRevisions(
        Guid id, [AsParameters] PageRequest paging, HttpContext httpContext, NewsDbContext db, CancellationToken cancellationToken)
    {
        if (!await ArticleExists(id, db, cancellationToken))
        {
            return NotFound($"No article has the id {id}.");
        }
        return TypedResults.Ok(await db.ArticleRevisions.AsNoTracking()
            .Where(r => r.ArticleId == id)
            .OrderByDescending(r => r.Number)
            .Select(r => new ArticleRevisionSummary { Number = r.Number, CreatedAt = r.CreatedAt, CreatedBy = r.CreatedBy })
            .ToPageAsync(paging, cancellationToken));
    }

    public static async Task<Results<Ok<ArticleRevisionResponse>, NotFound<ProblemDetails>>> GetArticleRevision(
        Guid id, int number, HttpContext httpContext, NewsDbContext db, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json,
        CancellationToken cancellationToken)
    {
        if (!await ArticleExists(id, db, cancellationToken)
            || await db.ArticleRevisions.AsNoTracking().SingleOrDefaultAsync(r => r.ArticleId == id && r.Number == number, cancellationToken) is not { } revision)
        {
            return TypedResults.NotFound(Problems.NotFound("Revision", $"Article {id} has no revision {number}."));
        }
        return TypedResults.Ok(new ArticleRevisionResponse
        {
            Number = revision.Number,
            CreatedAt = revision.CreatedAt,
            CreatedBy = revision.CreatedBy,
            Snapshot = JsonSerializer.Deserialize<ArticleRequest>(revision.Snapshot, json.Value.SerializerOptions)!,
        });
    }

    public static async Task<Results<Ok<ArticleResponse>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>, PreconditionProblem>> RestoreArticleRevision(
        Guid id, int number, [FromHeader(Name = Preconditions.IfMatchHeader)] string? ifMatch, HttpContext httpContext,
        ArticleEditor editor, NewsDbContext db, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, CancellationToken cancellationToken)
    {
        if (await editor.LoadAsync(id, cancellationToken) is not { } article
            || await db.ArticleRevisions.AsNoTracking().SingleOrDefaultAsync(r => r.ArticleId == id && r.Number == number, cancellationToken) is not { } revision)
        {
            return TypedResults.NotFound(Problems.NotFound("Revision", $"Article {id} has no revision {number}."));
        }
        var read = ReadContext.ForWriter(httpContext);
        var current = (await Find(id, db, read, cancellationToken))!;
        httpContext.Items[CacheEvictionFilter.BeforeKey] = current;
        if (Preconditions.Check(httpContext, ifMatch, current, required: false) is { } precondition)
        {
            return precondition;
        }
        // The snapshot goes through the same checks as any write: an author deleted since is a 400 naming it.
        var snapshot = JsonSerializer.Deserialize<ArticleRequest>(revision.Snapshot, json.Value.SerializerOptions)!;
        return await Update(article, snapshot, read, httpContext, editor, db, cancellationToken);
    }

    public static async Task<Results<Ok<ArticleResponse>, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> RestoreArticle(
        Guid id, HttpContext httpContext, NewsDbContext db, CancellationToken cancellationToken)
    {
        if (await db.Articles.IgnoreQueryFilters().SingleOrDefaultAsync(a => a.Id == id, cancellationToken) is not { } article)
        {
            return NotFound($"No article has the id {id}.");
        }
        if (article.DeletedAt is null)
        {
            return TypedResults.Conflict(Problems.Conflict("Not in the trash", "The article is not in the trash; there is nothing to restore."));
        }
        article.DeletedAt = null;
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok((await Find(id, db, ReadContext.ForWriter(httpContext), cancellationToken))!);
    }

    private static Task<bool> ArticleExists(Guid id, NewsDbContext db, CancellationToken cancellationToken) =>
        db.Articles.AnyAsync(a => a.Id == id, cancellationToken);
}
