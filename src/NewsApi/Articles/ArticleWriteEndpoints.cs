using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NewsApi.Data;
using NewsApi.Data.Entities;
using NewsApi.Http;

namespace NewsApi.Articles;

/// <summary>Creating, changing, trashing and deleting articles.</summary>
public static partial class ArticleEndpoints
{
    public static async Task<Results<Created<ArticleResponse>, ValidationProblem, Conflict<ProblemDetails>>> CreateArticle(
        ArticleRequest request, HttpContext httpContext, ArticleEditor editor, NewsDbContext db, CancellationToken cancellationToken)
    {
        var article = new Article();
        var refused = await editor.ApplyAsync(article, request, isNew: true, cancellationToken);
        if (refused is not null)
        {
            return refused.Result switch
            {
                ValidationProblem invalid => invalid,
                Conflict<ProblemDetails> conflict => conflict,
                _ => throw new InvalidOperationException("Unexpected refusal."),
            };
        }
        await editor.RecordRevisionAsync(article, request, EditorName(httpContext), cancellationToken);
        await editor.SaveAsync(article, cancellationToken);
        var created = await Find(article.Id, db, ReadContext.ForWriter(httpContext), cancellationToken);
        return TypedResults.Created($"{ApiGroups.Prefix}/articles/{article.Id}", created);
    }

    [RequiresIfMatch]
    public static async Task<Results<Ok<ArticleResponse>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>, PreconditionProblem>> ReplaceArticle(
        Guid id, ArticleRequest request, [FromHeader(Name = Preconditions.IfMatchHeader)] string? ifMatch,
        HttpContext httpContext, ArticleEditor editor, NewsDbContext db, CancellationToken cancellationToken)
    {
        if (await editor.LoadAsync(id, cancellationToken) is not { } article)
        {
            return NotFound($"No article has the id {id}.");
        }
        var read = ReadContext.ForWriter(httpContext);
        var current = (await Find(id, db, read, cancellationToken))!;
        httpContext.Items[CacheEvictionFilter.BeforeKey] = current;
        if (Preconditions.Check(httpContext, ifMatch, current, required: true) is { } precondition)
        {
            return precondition;
        }
        return await Update(article, request, read, httpContext, editor, db, cancellationToken);
    }

    [RequiresIfMatch]
    public static async Task<Results<Ok<ArticleResponse>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>, PreconditionProblem>> PatchArticle(
        Guid id, HttpRequest httpRequest, [FromHeader(Name = Preconditions.IfMatchHeader)] string? ifMatch,
        IValidator<ArticleRequest> validator, ArticleEditor editor, NewsDbContext db, CancellationToken cancellationToken)
    {
        var httpContext = httpRequest.HttpContext;
        if (await editor.LoadAsync(id, cancellationToken) is not { } article)
        {
            return NotFound($"No article has the id {id}.");
        }
        var read = ReadContext.ForWriter(httpContext);
        var current = (await Find(id, db, read, cancellationToken))!;
        httpContext.Items[CacheEvictionFilter.BeforeKey] = current;
        if (Preconditions.Check(httpContext, ifMatch, current, required: true) is { } precondition)
        {
            return precondition;
        }
        var request = await MergePatch.ApplyAsync(httpRequest, article.ToRequest(), cancellationToken);
        if (await ValidationFilter.ValidateAsync(validator, request, cancellationToken) is { } invalid)
        {
            return invalid;
        }
        return await Update(article, request, read, httpContext, editor, db, cancellationToken);
    }

    /// <param name="id">The article.</param>
    /// <param name="permanent">true: delete for good, with its revisions; otherwise the article goes to the trash.</param>
    public static async Task<Results<NoContent, NotFound<ProblemDetails>, PreconditionProblem>> DeleteArticle(
        Guid id, bool? permanent, [FromHeader(Name = Preconditions.IfMatchHeader)] string? ifMatch,
        HttpContext httpContext, NewsDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var forGood = permanent == true;
        var articles = forGood ? db.Articles.IgnoreQueryFilters() : db.Articles;
        if (await articles.SingleOrDefaultAsync(a => a.Id == id, cancellationToken) is not { } article)
        {
            return NotFound($"No article has the id {id}.");
        }
        if (article.DeletedAt is null)
        {
            // What the article showed goes from the output cache with it (its authors', tags' and source's counts move).
            var current = (await Find(id, db, ReadContext.ForWriter(httpContext), cancellationToken))!;
            httpContext.Items[CacheEvictionFilter.BeforeKey] = current;
            if (Preconditions.Check(httpContext, ifMatch, current, required: false) is { } precondition)
            {
                return precondition;
            }
        }

        if (forGood)
        {
            // Links from other articles point here; they go in the same transaction as the article. Its own links,
            // revisions and old slugs cascade in the database.
            db.RelatedArticles.RemoveRange(await db.RelatedArticles.IgnoreQueryFilters()
                .Where(r => r.RelatedId == id).ToListAsync(cancellationToken));
            db.Articles.Remove(article);
        }
        else
        {
            article.DeletedAt = time.GetUtcNow().UtcDateTime;
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return await Stale(id, httpContext, db, cancellationToken);
        }
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<ArticleResponse>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>, PreconditionProblem>> Update(
        Article article, ArticleRequest request, ReadContext read, HttpContext httpContext, ArticleEditor editor, NewsDbContext db,
        CancellationToken cancellationToken)
    {
        var refused = await editor.ApplyAsync(article, request, isNew: false, cancellationToken);
        if (refused is not null)
        {
            return refused.Result switch
            {
                ValidationProblem invalid => invalid,
                Conflict<ProblemDetails> conflict => conflict,
                _ => throw new InvalidOperationException("Unexpected refusal."),
            };
        }
        await editor.RecordRevisionAsync(article, request, EditorName(httpContext), cancellationToken);
        if (!await editor.SaveAsync(article, cancellationToken))
        {
            return await Stale(article.Id, httpContext, db, cancellationToken);
        }
        return TypedResults.Ok((await Find(article.Id, db, read, cancellationToken))!);
    }

    /// <summary>Another request won the race: 412 with the tag of what it wrote (404 if it deleted the article).</summary>
    private static async Task<PreconditionProblem> Stale(Guid id, HttpContext httpContext, NewsDbContext db, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var now = await Find(id, db, ReadContext.ForWriter(httpContext), cancellationToken);
        return PreconditionProblem.Failed(now is null ? "*" : Preconditions.CurrentETag(httpContext, now).ToString());
    }

    /// <summary>The name of the API key that made the change, once keys exist; null for now.</summary>
    private static string? EditorName(HttpContext httpContext) =>
        httpContext.User.Identity?.IsAuthenticated == true ? httpContext.User.Identity.Name : null;
}
