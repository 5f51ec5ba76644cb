using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NewsApi.Data;
using NewsApi.Data.Entities;
using NewsApi.Http;

namespace NewsApi.Tags;

public static class TagEndpoints
{
    public static IEndpointRouteBuilder MapTags(this IEndpointRouteBuilder app)
    {
        var group = app.MapResourceGroup("tags", "Tags");
        group.MapGet("/", ListTags).WithName("listTags")
            .WithSummary("List tags")
            .WithDescription("Tags in name order, with the number of articles carrying each.");
        group.MapGet("/{id}", GetTag).WithName("getTag").WithSummary("Get a tag by id");
        group.MapGet("/slug/{slug}", GetTagBySlug).WithName("getTagBySlug").WithSummary("Get a tag by slug");
        group.MapPost("/", CreateTag).WithName("createTag")
            .WithSummary("Create a tag")
            .WithDescription("The slug is generated from the name when omitted (with a numbered suffix if taken).");
        group.MapPut("/{id}", ReplaceTag).WithName("replaceTag")
            .WithSummary("Replace a tag")
            .WithDescription("Replaces every writable field. An omitted slug keeps the current one.");
        group.MapPatch("/{id}", PatchTag).WithName("patchTag")
            .WithSummary("Change some fields of a tag")
            .WithDescription("JSON Merge Patch (RFC 7396): the fields given replace the stored ones, null clears one.")
            .Accepts<MergePatchDocument<TagRequest>>(MergePatch.ContentType);
        group.MapDelete("/{id}", DeleteTag).WithName("deleteTag")
            .WithSummary("Delete a tag")
            .WithDescription("Detaches the tag from every article that carries it, then deletes it.");
        return app;
    }

    public static async Task<Ok<PagedResponse<TagResponse>>> ListTags(
        [AsParameters] NamedListQuery query, HttpContext httpContext, NewsDbContext db, CancellationToken cancellationToken)
    {
        var tags = db.Tags.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            tags = tags.Where(NamedListQuery.NameContains<Tag>(x => x.Name, query.Q));
        }
        var projected = tags.Select(TagProjections.ToResponse(ReadContext.For(httpContext)));
        return TypedResults.Ok(await query.Order(projected).ToPageAsync(query.Paging, cancellationToken));
    }

    public static async Task<Results<Ok<TagResponse>, NotFound<ProblemDetails>>> GetTag(
        Guid id, HttpContext httpContext, NewsDbContext db, CancellationToken cancellationToken) =>
        await Find(db.Tags.Where(a => a.Id == id), ReadContext.For(httpContext), cancellationToken) is { } tag
            ? TypedResults.Ok(tag)
            : NotFound($"No tag has the id {id}.");

    public static async Task<Results<Ok<TagResponse>, NotFound<ProblemDetails>>> GetTagBySlug(
        string slug, HttpContext httpContext, NewsDbContext db, CancellationToken cancellationToken)
    {
        var normalized = slug.ToLowerInvariant();
        return await Find(db.Tags.Where(a => a.Slug == normalized), ReadContext.For(httpContext), cancellationToken) is { } tag
            ? TypedResults.Ok(tag)
            : NotFound($"No tag has the slug '{slug}'.");
    }

    public static async Task<Results<Created<TagResponse>, ValidationProblem, Conflict<ProblemDetails>>> CreateTag(
        TagRequest request, HttpContext httpContext, NewsDbContext db, CancellationToken cancellationToken)
    {
        var tag = new Tag();
        if (await Write(tag, request, isNew: true, db, cancellationToken) is { } conflict)
        {
            return conflict;
        }
        var created = await Find(db.Tags.Where(a => a.Id == tag.Id), ReadContext.ForWriter(httpContext), cancellationToken);
        return TypedResults.Created($"{ApiGroups.Prefix}/tags/{tag.Id}", created);
    }

    public static async Task<Results<Ok<TagResponse>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> ReplaceTag(
        Guid id, TagRequest request, HttpContext httpContext, NewsDbContext db, CancellationToken cancellationToken)
    {
        if (await db.Tags.SingleOrDefaultAsync(a => a.Id == id, cancellationToken) is not { } tag)
        {
            return NotFound($"No tag has the id {id}.");
        }
        return await Update(tag, request, ReadContext.ForWriter(httpContext), db, cancellationToken);
    }

    public static async Task<Results<Ok<TagResponse>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> PatchTag(
        Guid id, HttpRequest httpRequest, IValidator<TagRequest> validator, NewsDbContext db, CancellationToken cancellationToken)
    {
        if (await db.Tags.SingleOrDefaultAsync(a => a.Id == id, cancellationToken) is not { } tag)
        {
            return NotFound($"No tag has the id {id}.");
        }
        var request = await MergePatch.ApplyAsync(httpRequest, tag.ToRequest(), cancellationToken);
        if (await ValidationFilter.ValidateAsync(validator, request, cancellationToken) is { } invalid)
        {
            return invalid;
        }
        return await Update(tag, request, ReadContext.ForWriter(httpRequest.HttpContext), db, cancellationToken);
    }

    public static async Task<Results<NoContent, NotFound<ProblemDetails>>> DeleteTag(
        Guid id, NewsDbContext db, CancellationToken cancellationToken)
    {
        // The article links go with the tag (cascade), so a tag can always be deleted.
        return await db.Tags.Where(t => t.Id == id).ExecuteDeleteAsync(cancellationToken) == 0
            ? NotFound($"No tag has the id {id}.")
            : TypedResults.NoContent();
    }

    private static async Task<Results<Ok<TagResponse>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> Update(
        Tag tag, TagRequest request, ReadContext read, NewsDbContext db, CancellationToken cancellationToken)
    {
        if (await Write(tag, request, isNew: false, db, cancellationToken) is { } conflict)
        {
            return conflict;
        }
        return TypedResults.Ok((await Find(db.Tags.Where(a => a.Id == tag.Id), read, cancellationToken))!);
    }

    /// <summary>Applies the request and saves; answers the 409 when the slug asked for belongs to another tag.</summary>
    private static async Task<Conflict<ProblemDetails>?> Write(
        Tag tag, TagRequest request, bool isNew, NewsDbContext db, CancellationToken cancellationToken)
    {
        var slug = await SlugResolution.ResolveAsync(db.Tags, tag, request.Slug, request.Name, "tag",
            FieldLimits.Tag.Slug, isNew, cancellationToken);
        if (slug is null)
        {
            return TypedResults.Conflict(Problems.SlugTaken("tag", request.Slug!));
        }
        request.ApplyTo(tag);
        tag.Slug = slug;
        if (isNew)
        {
            db.Tags.Add(tag);
        }
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    private static Task<TagResponse?> Find(IQueryable<Tag> query, ReadContext read, CancellationToken cancellationToken) =>
        query.AsNoTracking().Select(TagProjections.ToResponse(read)).SingleOrDefaultAsync(cancellationToken);

    private static NotFound<ProblemDetails> NotFound(string detail) =>
        TypedResults.NotFound(Problems.NotFound("Tag", detail));
}
