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
            .WithDescription("Sources in name order, with the number of articles sourced from each.");
        group.MapGet("/{id}", GetSource).WithName("getSource").WithSummary("Get a source by id");
        group.MapGet("/slug/{slug}", GetSourceBySlug).WithName("getSourceBySlug").WithSummary("Get a source by slug");
        group.MapPost("/", CreateSource).WithName("createSource")
            .WithSummary("Create a source")
            .WithDescription("The slug is generated from the name when omitted (with a numbered suffix if taken).");
        group.MapPut("/{id}", ReplaceSource).WithName("replaceSource")
            .WithSummary("Replace a source")
            .WithDescription("Replaces every writable field. An omitted slug keeps the current one.");
        group.MapPatch("/{id}", PatchSource).WithName("patchSource")
            .WithSummary("Change some fields of a source")
            .WithDescription("JSON Merge Patch (RFC 7396): the fields given replace the stored ones, null clears one.")
            .Accepts<MergePatchDocument<SourceRequest>>(MergePatch.ContentType);
        group.MapDelete("/{id}", DeleteSource).WithName("deleteSource")
            .WithSummary("Delete a source")
            .WithDescription("Refused with 409 while articles are still sourced from it.");
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
        await Find(db.Sources.Where(a => a.Id == id), ReadContext.For(httpContext), cancellationToken) is { } source
            ? TypedResults.Ok(source)
            : NotFound($"No source has the id {id}.");

    public static async Task<Results<Ok<SourceResponse>, NotFound<ProblemDetails>>> GetSourceBySlug(
        string slug, HttpContext httpContext, NewsDbContext db, CancellationToken cancellationToken)
    {
        var normalized = slug.ToLowerInvariant();
        return await Find(db.Sources.Where(a => a.Slug == normalized), ReadContext.For(httpContext), cancellationToken) is { } source
            ? TypedResults.Ok(source)
            : NotFound($"No source has the slug '{slug}'.");
    }

    public static async Task<Results<Created<SourceResponse>, ValidationProblem, Conflict<ProblemDetails>>> CreateSource(
        SourceRequest request, HttpContext httpContext, NewsDbContext db, CancellationToken cancellationToken)
    {
        var source = new Source();
        if (await Write(source, request, isNew: true, db, cancellationToken) is { } conflict)
        {
            return conflict;
        }
        var created = await Find(db.Sources.Where(a => a.Id == source.Id), ReadContext.ForWriter(httpContext), cancellationToken);
        return TypedResults.Created($"{ApiGroups.Prefix}/sources/{source.Id}", created);
    }

    public static async Task<Results<Ok<SourceResponse>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> ReplaceSource(
        Guid id, SourceRequest request, HttpContext httpContext, NewsDbContext db, CancellationToken cancellationToken)
    {
        if (await db.Sources.SingleOrDefaultAsync(a => a.Id == id, cancellationToken) is not { } source)
        {
            return NotFound($"No source has the id {id}.");
        }
        return await Update(source, request, ReadContext.ForWriter(httpContext), db, cancellationToken);
    }

    public static async Task<Results<Ok<SourceResponse>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> PatchSource(
        Guid id, HttpRequest httpRequest, IValidator<SourceRequest> validator, NewsDbContext db, CancellationToken cancellationToken)
    {
        if (await db.Sources.SingleOrDefaultAsync(a => a.Id == id, cancellationToken) is not { } source)
        {
            return NotFound($"No source has the id {id}.");
        }
        var request = await MergePatch.ApplyAsync(httpRequest, source.ToRequest(), cancellationToken);
        if (await ValidationFilter.ValidateAsync(validator, request, cancellationToken) is { } invalid)
        {
            return invalid;
        }
        return await Update(source, request, ReadContext.ForWriter(httpRequest.HttpContext), db, cancellationToken);
    }

    public static async Task<Results<NoContent, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> DeleteSource(
        Guid id, NewsDbContext db, CancellationToken cancellationToken)
    {
        var articles = await db.Articles.CountAsync(a => a.SourceId == id, cancellationToken);
        if (articles > 0)
        {
            return TypedResults.Conflict(Problems.Conflict("Source still in use",
                $"{articles} article(s) are still sourced from it. Change their source before deleting it."));
        }
        return await db.Sources.Where(a => a.Id == id).ExecuteDeleteAsync(cancellationToken) == 0
            ? NotFound($"No source has the id {id}.")
            : TypedResults.NoContent();
    }

    private static async Task<Results<Ok<SourceResponse>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> Update(
        Source source, SourceRequest request, ReadContext read, NewsDbContext db, CancellationToken cancellationToken)
    {
        if (await Write(source, request, isNew: false, db, cancellationToken) is { } conflict)
        {
            return conflict;
        }
        return TypedResults.Ok((await Find(db.Sources.Where(a => a.Id == source.Id), read, cancellationToken))!);
    }

    /// <summary>Applies the request and saves; answers the 409 when the slug asked for belongs to another source.</summary>
    private static async Task<Conflict<ProblemDetails>?> Write(
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
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    private static Task<SourceResponse?> Find(IQueryable<Source> query, ReadContext read, CancellationToken cancellationToken) =>
        query.AsNoTracking().Select(SourceProjections.ToResponse(read)).SingleOrDefaultAsync(cancellationToken);

    private static NotFound<ProblemDetails> NotFound(string detail) =>
        TypedResults.NotFound(Problems.NotFound("Source", detail));
}
