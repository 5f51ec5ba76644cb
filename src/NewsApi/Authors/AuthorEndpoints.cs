using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NewsApi.Data;
using NewsApi.Data.Entities;
using NewsApi.Http;

namespace NewsApi.Authors;

public static class AuthorEndpoints
{
    public static IEndpointRouteBuilder MapAuthors(this IEndpointRouteBuilder app)
    {
        var group = app.MapResourceGroup("authors", "Authors");
        group.MapGet("/", ListAuthors).WithName("listAuthors")
            .WithSummary("List authors")
            .WithDescription("Authors in name order, with the number of articles each is on.");
        group.MapGet("/{id}", GetAuthor).WithName("getAuthor").WithSummary("Get an author by id");
        group.MapGet("/slug/{slug}", GetAuthorBySlug).WithName("getAuthorBySlug").WithSummary("Get an author by slug");
        group.MapPost("/", CreateAuthor).WithName("createAuthor")
            .WithSummary("Create an author")
            .WithDescription("The slug is generated from the name when omitted (with a numbered suffix if taken).");
        group.MapPut("/{id}", ReplaceAuthor).WithName("replaceAuthor")
            .WithSummary("Replace an author")
            .WithDescription("Replaces every writable field. An omitted slug keeps the current one.");
        group.MapPatch("/{id}", PatchAuthor).WithName("patchAuthor")
            .WithSummary("Change some fields of an author")
            .WithDescription("JSON Merge Patch (RFC 7396): the fields given replace the stored ones, null clears one.")
            .Accepts<MergePatchDocument<AuthorRequest>>(MergePatch.ContentType);
        group.MapDelete("/{id}", DeleteAuthor).WithName("deleteAuthor")
            .WithSummary("Delete an author")
            .WithDescription("Refused with 409 while articles still carry the author's byline.");
        return app;
    }

    public static async Task<Ok<PagedResponse<AuthorResponse>>> ListAuthors(
        [AsParameters] NamedListQuery query, HttpContext httpContext, NewsDbContext db, CancellationToken cancellationToken)
    {
        var authors = db.Authors.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            authors = authors.Where(NamedListQuery.NameContains<Author>(x => x.Name, query.Q));
        }
        var projected = authors.Select(AuthorProjections.ToResponse(ReadContext.For(httpContext)));
        return TypedResults.Ok(await query.Order(projected).ToPageAsync(query.Paging, cancellationToken));
    }

    public static async Task<Results<Ok<AuthorResponse>, NotFound<ProblemDetails>>> GetAuthor(
        Guid id, HttpContext httpContext, NewsDbContext db, CancellationToken cancellationToken) =>
        await Find(db.Authors.Where(a => a.Id == id), ReadContext.For(httpContext), cancellationToken) is { } author
            ? TypedResults.Ok(author)
            : NotFound($"No author has the id {id}.");

    public static async Task<Results<Ok<AuthorResponse>, NotFound<ProblemDetails>>> GetAuthorBySlug(
        string slug, HttpContext httpContext, NewsDbContext db, CancellationToken cancellationToken)
    {
        var normalized = slug.ToLowerInvariant();
        return await Find(db.Authors.Where(a => a.Slug == normalized), ReadContext.For(httpContext), cancellationToken) is { } author
            ? TypedResults.Ok(author)
            : NotFound($"No author has the slug '{slug}'.");
    }

    public static async Task<Results<Created<AuthorResponse>, ValidationProblem, Conflict<ProblemDetails>>> CreateAuthor(
        AuthorRequest request, HttpContext httpContext, NewsDbContext db, CancellationToken cancellationToken)
    {
        var author = new Author();
        if (await Write(author, request, isNew: true, db, cancellationToken) is { } conflict)
        {
            return conflict;
        }
        var created = await Find(db.Authors.Where(a => a.Id == author.Id), ReadContext.ForWriter(httpContext), cancellationToken);
        return TypedResults.Created($"{ApiGroups.Prefix}/authors/{author.Id}", created);
    }

    public static async Task<Results<Ok<AuthorResponse>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> ReplaceAuthor(
        Guid id, AuthorRequest request, HttpContext httpContext, NewsDbContext db, CancellationToken cancellationToken)
    {
        if (await db.Authors.SingleOrDefaultAsync(a => a.Id == id, cancellationToken) is not { } author)
        {
            return NotFound($"No author has the id {id}.");
        }
        return await Update(author, request, ReadContext.ForWriter(httpContext), db, cancellationToken);
    }

    public static async Task<Results<Ok<AuthorResponse>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> PatchAuthor(
        Guid id, HttpRequest httpRequest, IValidator<AuthorRequest> validator, NewsDbContext db, CancellationToken cancellationToken)
    {
        if (await db.Authors.SingleOrDefaultAsync(a => a.Id == id, cancellationToken) is not { } author)
        {
            return NotFound($"No author has the id {id}.");
        }
        var request = await MergePatch.ApplyAsync(httpRequest, author.ToRequest(), cancellationToken);
        if (await ValidationFilter.ValidateAsync(validator, request, cancellationToken) is { } invalid)
        {
            return invalid;
        }
        return await Update(author, request, ReadContext.ForWriter(httpRequest.HttpContext), db, cancellationToken);
    }

    public static async Task<Results<NoContent, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> DeleteAuthor(
        Guid id, NewsDbContext db, CancellationToken cancellationToken)
    {
        var articles = await db.ArticleAuthors.CountAsync(aa => aa.AuthorId == id, cancellationToken);
        if (articles > 0)
        {
            return TypedResults.Conflict(Problems.Conflict("Author still in use",
                $"The author is on the byline of {articles} article(s). Remove it from them before deleting it."));
        }
        return await db.Authors.Where(a => a.Id == id).ExecuteDeleteAsync(cancellationToken) == 0
            ? NotFound($"No author has the id {id}.")
            : TypedResults.NoContent();
    }

    private static async Task<Results<Ok<AuthorResponse>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> Update(
        Author author, AuthorRequest request, ReadContext read, NewsDbContext db, CancellationToken cancellationToken)
    {
        if (await Write(author, request, isNew: false, db, cancellationToken) is { } conflict)
        {
            return conflict;
        }
        return TypedResults.Ok((await Find(db.Authors.Where(a => a.Id == author.Id), read, cancellationToken))!);
    }

    /// <summary>Applies the request and saves; answers the 409 when the slug asked for belongs to another author.</summary>
    private static async Task<Conflict<ProblemDetails>?> Write(
        Author author, AuthorRequest request, bool isNew, NewsDbContext db, CancellationToken cancellationToken)
    {
        var slug = await SlugResolution.ResolveAsync(db.Authors, author, request.Slug, request.Name, "author",
            FieldLimits.Author.Slug, isNew, cancellationToken);
        if (slug is null)
        {
            return TypedResults.Conflict(Problems.SlugTaken("author", request.Slug!));
        }
        request.ApplyTo(author);
        author.Slug = slug;
        if (isNew)
        {
            db.Authors.Add(author);
        }
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    private static Task<AuthorResponse?> Find(IQueryable<Author> query, ReadContext read, CancellationToken cancellationToken) =>
        query.AsNoTracking().Select(AuthorProjections.ToResponse(read)).SingleOrDefaultAsync(cancellationToken);

    private static NotFound<ProblemDetails> NotFound(string detail) =>
        TypedResults.NotFound(Problems.NotFound("Author", detail));
}
