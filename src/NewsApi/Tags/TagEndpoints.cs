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
            .WithDescription("Tags with the number of articles the caller may see carrying each (sort by -articleCount for a tag cloud). Sort by name (default), articleCount or createdAt (prefix - for descending); q filters by name.");
        group.MapGet("/{id}", GetTag).WithName("getTag").WithSummary("Get a tag by id");
        group.MapGet("/slug/{slug}", GetTagBySlug).WithName("getTagBySlug").WithSummary("Get a tag by slug");
        group.MapPost("/", CreateTag).WithName("createTag")
            .WithSummary("Create a tag")
            .WithDescription("The slug is generated from the name when omitted (with a numbered suffix if taken).");
        group.MapPut("/{id}", ReplaceTag).WithName("replaceTag")
            .WithSummary("Replace a tag")
            .WithDescription("Replaces every writable field. An omitted slug keeps the current one. Needs If-Match.");
        group.MapPatch("/{id}", PatchTag).WithName("patchTag")
            .WithSummary("Change some fields of a tag")
            .WithDescription("JSON Merge Patch (RFC 7396): the fields given replace the stored ones, null clears one. Needs If-Match.")
            .Accepts<MergePatchDocument<TagRequest>>(MergePatch.ContentType);
        group.MapDelete("/{id}", DeleteTag).WithName("deleteTag")
            .WithSummary("Delete a tag")
            .WithDescription("Detaches the tag from every article that carries it, then deletes it. Honours If-Match when sent.");
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
        await Find(db.Tags.Where(x => x.Id == id), ReadContext.For(httpContext), cancellationToken) is { } tag
            ? TypedResults.Ok(tag)
            : NotFound($"No tag has the id {id}.");

    public static async Task<Results<Ok<TagResponse>, NotFound<ProblemDetails>>> GetTagBySlug(
        string slug, HttpContext httpContext, NewsDbContext db, CancellationToken cancellationToken)
    {
        var normalized = slug.ToLowerInvariant();
        return await Find(db.Tags.Where(x => x.Slug == normalized), ReadContext.For(httpContext), cancellationToken) is { } tag
            ? TypedResults.Ok(tag)
            : NotFound($"No tag has the slug '{slug}'.");
    }

    public static async Task<Results<Created<TagResponse>, ValidationProblem, Conflict<ProblemDetails>>> CreateTag(
        TagRequest request, HttpContext httpContext, NewsDbContext db, CancellationToken cancellationToken)
    {
        var tag = new Tag();
        if (await Apply(tag, request, isNew: true, db, cancellationToken) is { } conflict)
        {
            return conflict;
        }
        await db.SaveChangesAsync(cancellationToken);
        var created = await Find(db.Tags.Where(x => x.Id == tag.Id), ReadContext.ForWriter(httpContext), cancellationToken);
        return TypedResults.Created($"{ApiGroups.Prefix}/tags/{tag.Id}", created);
    }

    [RequiresIfMatch]
    public static async Task<Results<Ok<TagResponse>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>, PreconditionProblem>> ReplaceTag(
        Guid id, TagRequest request, [FromHeader(Name = Preconditions.IfMatchHeader)] string? ifMatch,
        HttpContext httpContext, NewsDbContext db, CancellationToken cancellationToken)
    {
        if (await db.Tags.SingleOrDefaultAsync(x => x.Id == id, cancellationToken) is not { } tag)
        {
            return NotFound($"No tag has the id {id}.");
        }
        var read = ReadContext.ForWriter(httpContext);
        var current = (await Find(db.Tags.Where(x => x.Id == id), read, cancellationToken))!;
        if (Preconditions.Check(httpContext, ifMatch, current, required: true) is { } precondition)
        {
            return precondition;
        }
        return await Update(tag, request, read, httpContext, db, cancellationToken);
    }

    [RequiresIfMatch]
    public static async Task<Results<Ok<TagResponse>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>, PreconditionProblem>> PatchTag(
        Guid id, HttpRequest httpRequest, [FromHeader(Name = Preconditions.IfMatchHeader)] string? ifMatch,
        IValidator<TagRequest> validator, NewsDbContext db, CancellationToken cancellationToken)
    {
        var httpContext = httpRequest.HttpContext;
        if (await db.Tags.SingleOrDefaultAsync(x => x.Id == id, cancellationToken) is not { } tag)
        {
            return NotFound($"No tag has the id {id}.");
        }
        var read = ReadContext.ForWriter(httpContext);
        var current = (await Find(db.Tags.Where(x => x.Id == id), read, cancellationToken))!;
        if (Preconditions.Check(httpContext, ifMatch, current, required: true) is { } precondition)
        {
            return precondition;
        }
        var request = await MergePatch.ApplyAsync(httpRequest, tag.ToRequest(), cancellationToken);
        if (await ValidationFilter.ValidateAsync(validator, request, cancellationToken) is { } invalid)
        {
            return invalid;
        }
        return await Update(tag, request, read, httpContext, db, cancellationToken);
    }

    public static async Task<Results<NoContent, NotFound<ProblemDetails>, PreconditionProblem>> DeleteTag(
        Guid id, [FromHeader(Name = Preconditions.IfMatchHeader)] string? ifMatch,
        HttpContext httpContext, NewsDbContext db, CancellationToken cancellationToken)
    {
        var version = await db.Tags.Where(x => x.Id == id).Select(x => (Guid?)x.Version).SingleOrDefaultAsync(cancellationToken);
        if (version is null)
        {
            return NotFound($"No tag has the id {id}.");
        }
        if (ifMatch is not null)
        {
            var current = (await Find(db.Tags.Where(x => x.Id == id && x.Version == version), ReadContext.ForWriter(httpContext), cancellationToken))!;
            if (Preconditions.Check(httpContext, ifMatch, current, required: false) is { } precondition)
            {
                return precondition;
            }
        }

        // The version read above must still be current: a change in between makes this delete nothing.
        if (await Webhooks.Outbox.DeleteAndRecordAsync(db, db.Tags.Where(x => x.Id == id && x.Version == version), "tag", id, cancellationToken))
        {
            return TypedResults.NoContent();
        }
        return await Find(db.Tags.Where(x => x.Id == id), ReadContext.ForWriter(httpContext), cancellationToken) is { } now
            ? PreconditionProblem.Failed(Preconditions.CurrentETag(httpContext, now).ToString())
            : NotFound($"No tag has the id {id}.");
    }

    private static async Task<Results<Ok<TagResponse>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>, PreconditionProblem>> Update(
        Tag tag, TagRequest request, ReadContext read, HttpContext httpContext, NewsDbContext db, CancellationToken cancellationToken)
    {
        if (await Apply(tag, request, isNew: false, db, cancellationToken) is { } conflict)
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
            var now = await Find(db.Tags.Where(x => x.Id == tag.Id), read, cancellationToken);
            return now is null
                ? NotFound($"No tag has the id {tag.Id}.")
                : PreconditionProblem.Failed(Preconditions.CurrentETag(httpContext, now).ToString());
        }
        return TypedResults.Ok((await Find(db.Tags.Where(x => x.Id == tag.Id), read, cancellationToken))!);
    }

    /// <summary>Applies the request; answers the 409 when the slug asked for belongs to another tag. Saves nothing.</summary>
    private static async Task<Conflict<ProblemDetails>?> Apply(
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
        return null;
    }

    private static Task<TagResponse?> Find(IQueryable<Tag> query, ReadContext read, CancellationToken cancellationToken) =>
        query.AsNoTracking().Select(TagProjections.ToResponse(read)).SingleOrDefaultAsync(cancellationToken);

    private static NotFound<ProblemDetails> NotFound(string detail) =>
        TypedResults.NotFound(Problems.NotFound("Tag", detail));
}
