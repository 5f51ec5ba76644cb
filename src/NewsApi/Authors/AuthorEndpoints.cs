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
            .WithDescription("Authors with the number of articles the caller may see on each byline. Sort by name (default), articleCount or createdAt (prefix - for descending); q filters by name.");
        group.MapGet("/{id}", GetAuthor).WithName("getAuthor").WithSummary("Get an author by id");
        group.MapGet("/slug/{slug}", GetAuthorBySlug).WithName("getAuthorBySlug").WithSummary("Get an author by slug");
        group.MapPost("/", CreateAuthor).WithName("createAuthor")
            .WithSummary("Create an author")
            .WithDescription("The slug is generated from the name when omitted (with a numbered suffix if taken).");
        group.MapPut("/{id}", ReplaceAuthor).WithName("replaceAuthor")
            .WithSummary("Replace an author")
            .WithDescription("Replaces every writable field. An omitted slug keeps the current one. Needs If-Match.");
        group.MapPatch("/{id}", PatchAuthor).WithName("patchAuthor")
            .WithSummary("Change some fields of an author")
            .WithDescription("JSON Merge Patch (RFC 7396): the fields given replace the stored ones, null clears one. Needs If-Match.")
            .Accepts<MergePatchDocument<AuthorRequest>>(MergePatch.ContentType);
        group.MapDelete("/{id}", DeleteAuthor).WithName("deleteAuthor")
            .WithSummary("Delete an author")
            .WithDescription("Refused with 409 while articles still carry the author on their byline (trashed ones included). Honours If-Match when sent.");
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
        await Find(db.Authors.Where(x => x.Id == id), ReadContext.For(httpContext), cancellationToken) is { } author
            ? TypedResults.Ok(author)
            : NotFound($"No author has the id {id}.");

    public static async Task<Results<Ok<AuthorResponse>, NotFound<ProblemDetails>>> GetAuthorBySlug(
        string slug, HttpContext httpContext, NewsDbContext db, CancellationToken cancellationToken)
    {
        var normalized = slug.ToLowerInvariant();
        return await Find(db.Authors.Where(x => x.Slug == normalized), ReadContext.For(httpContext), cancellationToken) is { } author
            ? TypedResults.Ok(author)
            : NotFound($"No author has the slug '{slug}'.");
    }

    public static async Task<Results<Created<AuthorResponse>, ValidationProblem, Conflict<ProblemDetails>>> CreateAuthor(
        AuthorRequest request, HttpContext httpContext, NewsDbContext db, CancellationToken cancellationToken)
    {
        var author = new Author();
        if (await Apply(author, request, isNew: true, db, cancellationToken) is { } conflict)
        {
            return conflict;
        }
        await db.SaveChangesAsync(cancellationToken);
        var created = await Find(db.Authors.Where(x => x.Id == author.Id), ReadContext.ForWriter(httpContext), cancellationToken);
        return TypedResults.Created($"{ApiGroups.Prefix}/authors/{author.Id}", created);
    }

    [RequiresIfMatch]
    public static async Task<Results<Ok<AuthorResponse>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>, PreconditionProblem>> ReplaceAuthor(
        Guid id, AuthorRequest request, [FromHeader(Name = Preconditions.IfMatchHeader)] string? ifMatch,
        HttpContext httpContext, NewsDbContext db, CancellationToken cancellationToken)
    {
        if (await db.Authors.SingleOrDefaultAsync(x => x.Id == id, cancellationToken) is not { } author)
        {
            return NotFound($"No author has the id {id}.");
        }
        var read = ReadContext.ForWriter(httpContext);
        var current = (await Find(db.Authors.Where(x => x.Id == id), read, cancellationToken))!;
        if (Preconditions.Check(httpContext, ifMatch, current, required: true) is { } precondition)
        {
            return precondition;
        }
        return await Update(author, request, read, httpContext, db, cancellationToken);
    }

    [RequiresIfMatch]
    public static async Task<Results<Ok<AuthorResponse>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>, PreconditionProblem>> PatchAuthor(
        Guid id, HttpRequest httpRequest, [FromHeader(Name = Preconditions.IfMatchHeader)] string? ifMatch,
        IValidator<AuthorRequest> validator, NewsDbContext db, CancellationToken cancellationToken)
    {
        var httpContext = httpRequest.HttpContext;
        if (await db.Authors.SingleOrDefaultAsync(x => x.Id == id, cancellationToken) is not { } author)
        {
            return NotFound($"No author has the id {id}.");
        }
        var read = ReadContext.ForWriter(httpContext);
        var current = (await Find(db.Authors.Where(x => x.Id == id), read, cancellationToken))!;
        if (Preconditions.Check(httpContext, ifMatch, current, required: true) is { } precondition)
        {
            return precondition;
        }
        var request = await MergePatch.ApplyAsync(httpRequest, author.ToRequest(), cancellationToken);
        if (await ValidationFilter.ValidateAsync(validator, request, cancellationToken) is { } invalid)
        {
            return invalid;
        }
        return await Update(author, request, read, httpContext, db, cancellationToken);
    }

    public static async Task<Results<NoContent, NotFound<ProblemDetails>, Conflict<ProblemDetails>, PreconditionProblem>> DeleteAuthor(
        Guid id, [FromHeader(Name = Preconditions.IfMatchHeader)] string? ifMatch,
        HttpContext httpContext, NewsDbContext db, CancellationToken cancellationToken)
    {
        var version = await db.Authors.Where(x => x.Id == id).Select(x => (Guid?)x.Version).SingleOrDefaultAsync(cancellationToken);
        if (version is null)
        {
            return NotFound($"No author has the id {id}.");
        }
        if (ifMatch is not null)
        {
            var current = (await Find(db.Authors.Where(x => x.Id == id && x.Version == version), ReadContext.ForWriter(httpContext), cancellationToken))!;
            if (Preconditions.Check(httpContext, ifMatch, current, required: false) is { } precondition)
            {
                return precondition;
            }
        }
        var articles = await db.ArticleAuthors.IgnoreQueryFilters().CountAsync(aa => aa.AuthorId == id, cancellationToken);
        if (articles > 0)
        {
            return TypedResults.Conflict(Problems.Conflict("Author still in use",
                $"The author is on the byline of {articles} article(s), counting any in the trash. Remove it from them before deleting it."));
        }

        // The version read above must still be current: a change in between makes this delete nothing.
        if (await Webhooks.Outbox.DeleteAndRecordAsync(db, db.Authors.Where(x => x.Id == id && x.Version == version), "author", id, cancellationToken))
        {
            return TypedResults.NoContent();
        }
        return await Find(db.Authors.Where(x => x.Id == id), ReadContext.ForWriter(httpContext), cancellationToken) is { } now
            ? PreconditionProblem.Failed(Preconditions.CurrentETag(httpContext, now).ToString())
            : NotFound($"No author has the id {id}.");
    }

    private static async Task<Results<Ok<AuthorResponse>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>, PreconditionProblem>> Update(
        Author author, AuthorRequest request, ReadContext read, HttpContext httpContext, NewsDbContext db, CancellationToken cancellationToken)
    {
        if (await Apply(author, request, isNew: false, db, cancellationToken) is { } conflict)
        {
            return conflict;
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var now = await Find(db.Authors.Where(x => x.Id == author.Id), read, cancellationToken);
            return now is null
                ? NotFound($"No author has the id {author.Id}.")
                : PreconditionProblem.Failed(Preconditions.CurrentETag(httpContext, now).ToString());
        }
        return TypedResults.Ok((await Find(db.Authors.Where(x => x.Id == author.Id), read, cancellationToken))!);
    }

    /// <summary>Applies the request; answers the 409 when the slug asked for belongs to another author. Saves nothing.</summary>
    private static async Task<Conflict<ProblemDetails>?> Apply(
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
        return null;
    }

    private static Task<AuthorResponse?> Find(IQueryable<Author> query, ReadContext read, CancellationToken cancellationToken) =>
        query.AsNoTracking().Select(AuthorProjections.ToResponse(read)).SingleOrDefaultAsync(cancellationToken);

    private static NotFound<ProblemDetails> NotFound(string detail) =>
        TypedResults.NotFound(Problems.NotFound("Author", detail));
}
