using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NewsApi.Data;
using NewsApi.Data.Entities;
using NewsApi.Http;

namespace NewsApi.Articles;

/// <summary>Creating, changing and deleting articles.</summary>
public static partial class ArticleEndpoints
{
    public static async Task<Results<Created<ArticleResponse>, ValidationProblem, Conflict<ProblemDetails>>> CreateArticle(
        ArticleRequest request, HttpContext httpContext, NewsDbContext db, CancellationToken cancellationToken)
    {
        var article = new Article();
        var refused = await Write(article, request, isNew: true, db, cancellationToken);
        if (refused is not null)
        {
            return refused.Result switch
            {
                ValidationProblem invalid => invalid,
                Conflict<ProblemDetails> conflict => conflict,
                _ => throw new InvalidOperationException("Unexpected write result."),
            };
        }
        var created = await Find(db.Articles.Where(a => a.Id == article.Id), ReadContext.ForWriter(httpContext), cancellationToken);
        return TypedResults.Created($"{ApiGroups.Prefix}/articles/{article.Id}", created);
    }

    public static async Task<Results<Ok<ArticleResponse>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> ReplaceArticle(
        Guid id, ArticleRequest request, HttpContext httpContext, NewsDbContext db, CancellationToken cancellationToken)
    {
        if (await LoadForUpdate(id, db, cancellationToken) is not { } article)
        {
            return NotFound($"No article has the id {id}.");
        }
        return await Update(article, request, ReadContext.ForWriter(httpContext), db, cancellationToken);
    }

    public static async Task<Results<Ok<ArticleResponse>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> PatchArticle(
        Guid id, HttpRequest httpRequest, IValidator<ArticleRequest> validator, NewsDbContext db, CancellationToken cancellationToken)
    {
        if (await LoadForUpdate(id, db, cancellationToken) is not { } article)
        {
            return NotFound($"No article has the id {id}.");
        }
        var request = await MergePatch.ApplyAsync(httpRequest, article.ToRequest(), cancellationToken);
        if (await ValidationFilter.ValidateAsync(validator, request, cancellationToken) is { } invalid)
        {
            return invalid;
        }
        return await Update(article, request, ReadContext.ForWriter(httpRequest.HttpContext), db, cancellationToken);
    }

    public static async Task<Results<NoContent, NotFound<ProblemDetails>>> DeleteArticle(
        Guid id, NewsDbContext db, CancellationToken cancellationToken)
    {
        if (await db.Articles.SingleOrDefaultAsync(a => a.Id == id, cancellationToken) is not { } article)
        {
            return NotFound($"No article has the id {id}.");
        }
        // Links from other articles point here; they go in the same transaction as the article
        // (its own byline, tag and related links cascade in the database).
        db.RelatedArticles.RemoveRange(await db.RelatedArticles.Where(r => r.RelatedId == id).ToListAsync(cancellationToken));
        db.Articles.Remove(article);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static Task<Article?> LoadForUpdate(Guid id, NewsDbContext db, CancellationToken cancellationToken) =>
        db.Articles
            .Include(a => a.Authors)
            .Include(a => a.Tags)
            .Include(a => a.Related)
            .AsSplitQuery()
            .SingleOrDefaultAsync(a => a.Id == id, cancellationToken);

    private static async Task<Results<Ok<ArticleResponse>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> Update(
        Article article, ArticleRequest request, ReadContext read, NewsDbContext db, CancellationToken cancellationToken)
    {
        var refused = await Write(article, request, isNew: false, db, cancellationToken);
        if (refused is not null)
        {
            return refused.Result switch
            {
                ValidationProblem invalid => invalid,
                Conflict<ProblemDetails> conflict => conflict,
                _ => throw new InvalidOperationException("Unexpected write result."),
            };
        }
        return TypedResults.Ok((await Find(db.Articles.Where(a => a.Id == article.Id), read, cancellationToken))!);
    }

    /// <summary>Checks references and the slug, applies the request and saves; answers the 400 or 409 when it refuses.</summary>
    private static async Task<Results<ValidationProblem, Conflict<ProblemDetails>>?> Write(
        Article article, ArticleRequest request, bool isNew, NewsDbContext db, CancellationToken cancellationToken)
    {
        var unknown = await ArticleLinks.FindUnknownAsync(request, isNew ? null : article.Id, db, cancellationToken);
        if (unknown.Count > 0)
        {
            return TypedResults.ValidationProblem(unknown);
        }
        var slug = await SlugResolution.ResolveAsync(db.Articles, article, request.Slug, request.Title, "article",
            FieldLimits.Article.Slug, isNew, cancellationToken);
        if (slug is null)
        {
            return TypedResults.Conflict(Problems.SlugTaken("article", request.Slug!));
        }

        request.ApplyTo(article);
        article.Slug = slug;
        ArticleLinks.Apply(article, request);
        if (isNew)
        {
            db.Articles.Add(article);
        }
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

}
