using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NewsApi.Data;
using NewsApi.Data.Entities;
using NewsApi.Http;

namespace NewsApi.Sources;

public static class SourceEndpoints
{
    public static IEndpointRouteBuilder MapSources(this IEndpointRouteBuilder app)
    {
        var group = app.MapResourceGroup("sources", "Sources");
        group.MapGet("/", ListSources).WithName("listSources")
            .WithSummary("List sources")
            .WithDescription("Sources with the number of articles the caller may see from each (sort by -articleCount for a \"top sources\" box). Sort by name (default), articleCount or createdAt (prefix - for descending); q filters by name.");
        group.MapGet("/{id}", GetSource).WithName("getSource").WithSummary("Get a source by id");
        group.MapGet("/slug/{slug}", GetSourceBySlug).WithName("getSourceBySlug").WithSummary("Get a source by slug");
        group.MapPost("/", CreateSource).WithName("createSource")
            .WithSummary("Create a source")
            .WithDescription("The slug is generated from the name when omitted (with a numbered suffix if taken).");
        group.MapPut("/{id}", ReplaceSource).WithName("replaceSource")
            .WithSummary("Replace a source")
            .WithDescription("Replaces every writable field. An omitted slug keeps the current one. Needs If-Match.");
        group.MapPatch("/{id}", PatchSource).WithName("patchSource")
            .WithSummary("Change some fields of a source")
            .WithDescription("JSON Merge Patch (RFC 7396): the fields given replace the stored ones, null clears one. Needs If-Match.")
            .Accepts<MergePatchDocument<SourceRequest>>(MergePatch.ContentType);
        group.MapDelete("/{id}", DeleteSource).WithName("deleteSource")
            .WithSummary("Delete a source")
            .WithDescription("Refused with 409 while articles are still sourced from it (trashed ones included). Honours If-Match when sent.");
        return app;
    }

    public static async Task<Ok<PagedResponse<SourceResponse>>> ListSources(
        [AsParameters] NamedListQuery query, HttpContext httpContext, NewsDbContext db, CancellationToken cancellationToken)
    {
        var sources = db.Sources.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            sources = sources.Where(NamedListQuery.NameContains<Source>(x => x.Name, query.Q));
        }
        var projected = sources.Select(SourceProjections.ToResponse(ReadContext.For(httpContext)));
        return TypedResults.Ok(await query.Order(projected).ToPageAsync(query.Paging, cancellationToken));
    }

    public static async Task<Results<Ok<SourceResponse>, NotFound<ProblemDetails>>> GetSource(
        Guid id, HttpContext httpContext, NewsDbContext db, CancellationToken cancellationToken) =>
        await Find(db.Sources.Where(x => x.Id == id), ReadContext.For(httpContext), cancellationToken) is { } source
            ? TypedResults.Ok(source)
            : NotFound($"No source has the id {id}.");

    public static async Task<Results<Ok<SourceResponse>, NotFound<ProblemDetails>>> GetSourceBySlug(
        string slug, HttpContext httpContext, NewsDbContext db, CancellationToken cancellationToken)
    {
        var normalized = slug.ToLowerInvariant();
        return await Find(db.Sources.Where(x => x.Slug == normalized), ReadContext.For(httpContext), cancellationToken) is { } source
            ? TypedResults.Ok(source)
            : NotFound($"No source has the slug '{slug}'.");
    }

    public static async Task<Results<Created<SourceResponse>, ValidationProblem, Conflict<ProblemDetails>>> CreateSource(
        SourceRequest request, HttpContext httpContext, NewsDbContext db, CancellationToken cancellationToken)
    {
        var source = new Source();
        if (await Apply(source, request, isNew: true, db, cancellationToken) is { } conflict)
        {
            return conflict;
        }
        await db.SaveChangesAsync(cancellationToken);
        var created = await Find(db.Sources.Where(x => x.Id == source.Id), ReadContext.ForWriter(httpContext), cancellationToken);
        return TypedResults.Created($"{ApiGroups.Prefix}/sources/{source.Id}", created);
    }

    [RequiresIfMatch]
    public static async Task<Results<Ok<SourceResponse>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>, PreconditionProblem>> ReplaceSource(
        Guid id, SourceRequest request, [FromHeader(Name = Preconditions.IfMatchHeader)] string? ifMatch,
        HttpContext httpContext, NewsDbContext db, CancellationToken cancellationToken)
    {
        if (await db.Sources.SingleOrDefaultAsync(x => x.Id == id, cancellationToken) is not { } source)
        {
            return NotFound($"No source has the id {id}.");
        }
        var read = ReadContext.ForWriter(httpContext);
        var current = (await Find(db.Sources.Where(x => x.Id == id), read, cancellationToken))!;
        if (Preconditions.Check(httpContext, ifMatch, current, required: true) is { } precondition)
        {
            return precondition;
        }
        return await Update(source, request, read, httpContext, db, cancellationToken);
    }

    [RequiresIfMatch]
    public static async Task<Results<Ok<SourceResponse>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>, PreconditionProblem>> PatchSource(
        Guid id, HttpRequest httpRequest, [FromHeader(Name = Preconditions.IfMatchHeader)] string? ifMatch,
        IValidator<SourceRequest> validator, NewsDbContext db, CancellationToken cancellationToken)
    {
        var httpContext = httpRequest.HttpContext;
        if (await db.Sources.SingleOrDefaultAsync(x => x.Id == id, cancellationToken) is not { } source)
        {
            return NotFound($"No source has the id {id}.");
        }
        var read = ReadContext.ForWriter(httpContext);
        var current = (await Find(db.Sources.Where(x => x.Id == id), read, cancellationToken))!;
        if (Preconditions.Check(httpContext, ifMatch, current, required: true) is { } precondition)
        {
            return precondition;
        }
        var request = await MergePatch.ApplyAsync(httpRequest, source.ToRequest(), cancellationToken);
        if (await ValidationFilter.ValidateAsync(validator, request, cancellationToken) is { } invalid)
        {
            return invalid;
        }
        return await Update(source, request, read, httpContext, db, cancellationToken);
    }

    public static async Task<Results<NoContent, NotFound<ProblemDetails>, Conflict<ProblemDetails>, PreconditionProblem>> DeleteSource(
        Guid id, [FromHeader(Name = Preconditions.IfMatchHeader)] string? ifMatch,
        HttpContext httpContext, NewsDbContext db, CancellationToken cancellationToken)
    {
        var version = await db.Sources.Where(x => x.Id == id).Select(x => (Guid?)x.Version).SingleOrDefaultAsync(cancellationToken);
        if (version is null)
        {
            return NotFound($"No source has the id {id}.");
        }
        if (ifMatch is not null)
        {
            var current = (await Find(db.Sources.Where(x => x.Id == id && x.Version == version), ReadContext.ForWriter(httpContext), cancellationToken))!;
            if (Preconditions.Check(httpContext, ifMatch, current, required: false) is { } precondition)
            {
                return precondition;
            }
        }
        var articles = await db.Articles.IgnoreQueryFilters().CountAsync(a => a.SourceId == id, cancellationToken);
        if (articles > 0)
        {
            return TypedResults.Conflict(Problems.Conflict("Source still in use",
                $"{articles} article(s) are still sourced from it, counting any in the trash. Change their source before deleting it."));
        }

        // The version read above must still be current: a change in between makes this delete nothing.
        if (await Webhooks.Outbox.DeleteAndRecordAsync(db, db.Sources.Where(x => x.Id == id && x.Version == version), "source", id, cancellationToken))
        {
            return TypedResults.NoContent();
        }
        return await Find(db.Sources.Where(x => x.Id == id), ReadContext.ForWriter(httpContext), cancellationToken) is { } now
            ? PreconditionProblem.Failed(Preconditions.CurrentETag(httpContext, now).ToString())
            : NotFound($"No source has the id {id}.");
    }

    private static async Task<Results<Ok<SourceResponse>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>, PreconditionProblem>> Update(
        Source source, SourceRequest request, ReadContext read, HttpContext httpContext, NewsDbContext db, CancellationToken cancellationToken)
    {
        if (await Apply(source, request, isNew: false, db, cancellationToken) is { } conflict)
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
            var now = await Find(db.Sources.Where(x => x.Id == source.Id), read, cancellationToken);
            return now is null
                ? NotFound($"No source has the id {source.Id}.")
                : PreconditionProblem.Failed(Preconditions.CurrentETag(httpContext, now).ToString());
        }
        return TypedResults.Ok((await Find(db.Sources.Where(x => x.Id == source.Id), read, cancellationToken))!);
    }

    /// <summary>Applies the request; answers the 409 when the slug asked for belongs to another source. Saves nothing.</summary>
    private static async Task<Conflict<ProblemDetails>?> Apply(
        Source source, SourceRequest request, bool isNew, NewsDbContext db, CancellationToken cancellationToken)
    {
        var slug = await SlugResolution.ResolveAsync(db.Sources, source, request.Slug, request.Name, "source",
            FieldLimits.Source.Slug, isNew, cancellationToken);
        if (slug is null)
        {
            return TypedResults.Conflict(Problems.SlugTaken("source", request.Slug!));
        }
        request.ApplyTo(source);
        source.Slug = slug;
        if (isNew)
        {
            db.Sources.Add(source);
        }
        return null;
    }

    private static Task<SourceResponse?> Find(IQueryable<Source> query, ReadContext read, CancellationToken cancellationToken) =>
        query.AsNoTracking().Select(SourceProjections.ToResponse(read)).SingleOrDefaultAsync(cancellationToken);

    private static NotFound<ProblemDetails> NotFound(string detail) =>
        TypedResults.NotFound(Problems.NotFound("Source", detail));
}
