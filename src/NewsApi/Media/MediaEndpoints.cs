using System.Security.Claims;
using System.Security.Cryptography;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsApi.Access;
using NewsApi.Data;
using NewsApi.Data.Entities;
using NewsApi.Http;

namespace NewsApi.Media;

public static class MediaEndpoints
{
    public static IEndpointRouteBuilder MapMedia(this IEndpointRouteBuilder app)
    {
        var options = app.ServiceProvider.GetRequiredService<IOptions<MediaOptions>>().Value;
        var group = app.MapResourceGroup("media", "Media");
        group.MapGet("/", ListMedia).WithName("listMedia")
            .WithSummary("List media")
            .WithDescription("Newest first; q searches alt text, caption and credit.");
        group.MapGet("/{id}", GetMedia).WithName("getMedia").WithSummary("Get a media asset by id");
        group.MapPost("/", UploadMedia).WithName("createMedia")
            .WithSummary("Upload an image")
            .WithDescription($"multipart/form-data with the image as 'file'. The type is read from the content: JPEG, PNG, WebP, GIF or AVIF; anything else, SVG included, is a 415. Larger than {options.MaxUploadBytes} bytes is a 413; more than {options.MaxPixels} pixels is a 422, refused from the header before any pixel is decoded. GPS and other metadata are removed from the stored original. The same file again answers 200 with the asset already stored.")
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(options.MaxUploadBytes + FormOverhead))
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .RequireAuthorization(Policies.MediaWrite);
        group.MapPut("/{id}", ReplaceMedia).WithName("replaceMedia")
            .WithSummary("Replace the editable fields of a media asset")
            .WithDescription("Alt, caption, credit, sourceUrl and focalPoint; the image itself never changes. Moving the focal point remakes the cropped renditions. Needs If-Match.")
            .RequireAuthorization(Policies.MediaWrite);
        group.MapPatch("/{id}", PatchMedia).WithName("patchMedia")
            .WithSummary("Change some fields of a media asset")
            .WithDescription("JSON Merge Patch (RFC 7396) of alt, caption, credit, sourceUrl and focalPoint. Moving the focal point remakes the cropped renditions. Needs If-Match.")
            .Accepts<MergePatchDocument<MediaRequest>>(MergePatch.ContentType)
            .RequireAuthorization(Policies.MediaWrite);
        group.MapDelete("/{id}", DeleteMedia).WithName("deleteMedia")
            .WithSummary("Delete a media asset")
            .WithDescription("Deletes the asset, its original and every rendition. Refused with 409, saying how many, while articles "
                + "(trashed ones included) feature it. Honours If-Match when sent.")
            .RequireAuthorization(Policies.MediaWrite);
        return app;
    }

    /// <summary>Room for the form's text fields and part headers on top of the file itself.</summary>
    private const long FormOverhead = 64 * 1024;

    public static async Task<Ok<PagedResponse<MediaResponse>>> ListMedia(
        [AsParameters] MediaListQuery query, HttpContext httpContext, NewsDbContext db, IOptions<MediaOptions> options,
        CancellationToken cancellationToken)
    {
        var assets = db.MediaAssets.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var q = query.Q.Trim().ToLowerInvariant();
            assets = assets.Where(m => m.Alt.ToLower().Contains(q)
                || (m.Caption != null && m.Caption.ToLower().Contains(q))
                || (m.Credit != null && m.Credit.ToLower().Contains(q)));
        }
        var page = await assets.OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id).ToPageAsync(query.Paging, cancellationToken);
        var links = MediaLinks.For(httpContext.Request, options.Value);
        return TypedResults.Ok(new PagedResponse<MediaResponse>
        {
            Items = [.. page.Items.Select(links.ToResponse)],
            Page = page.Page,
            PageSize = page.PageSize,
            TotalItems = page.TotalItems,
            TotalPages = page.TotalPages,
        });
    }

    public static async Task<Results<Ok<MediaResponse>, NotFound<ProblemDetails>>> GetMedia(
        Guid id, HttpContext httpContext, NewsDbContext db, IOptions<MediaOptions> options, CancellationToken cancellationToken) =>
        await db.MediaAssets.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, cancellationToken) is { } asset
            ? TypedResults.Ok(MediaLinks.For(httpContext.Request, options.Value).ToResponse(asset))
            : NotFound(id);

    public static async Task<Results<Created<MediaResponse>, Ok<MediaResponse>, ValidationProblem, ProblemHttpResult>> UploadMedia(
        [FromForm] MediaUploadForm form, HttpContext httpContext, NewsDbContext db, IMediaStore store, ImageWork work,
        IOptions<MediaOptions> options, TimeProvider clock, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var file = form.File!;
        if (file.Length > settings.MaxUploadBytes)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, "Image too large",
                $"The file is {file.Length} bytes; the limit is {settings.MaxUploadBytes} bytes.");
        }
        using var slot = await work.EnterAsync(cancellationToken);
        var bytes = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(bytes, cancellationToken);
        }

        var format = ImageSniffing.Detect(bytes.AsSpan(0, Math.Min(bytes.Length, 1024)));
        if (format is null or ImageSniffing.Svg)
        {
            return Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported image type",
                format == ImageSniffing.Svg
                    ? "SVG is refused: it can carry script. Upload a JPEG, PNG, WebP, GIF or AVIF."
                    : "The file is not a JPEG, PNG, WebP, GIF or AVIF image (its content decides, not its name or Content-Type).");
        }
        if (ImageProcessing.ReadSize(bytes) is not var (width, height))
        {
            return Problem(StatusCodes.Status415UnsupportedMediaType, "Unreadable image",
                $"The file starts like a {format} image but cannot be read as one.");
        }
        if ((long)width * height > settings.MaxPixels)
        {
            return Problem(StatusCodes.Status422UnprocessableEntity, "Image has too many pixels",
                $"The image is {width}×{height} ({(long)width * height} pixels); the limit is {settings.MaxPixels} pixels.");
        }

        var sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var links = MediaLinks.For(httpContext.Request, settings);
        if (await db.MediaAssets.AsNoTracking().SingleOrDefaultAsync(m => m.Sha256 == sha256, cancellationToken) is { } existing)
        {
            httpContext.Response.Headers.Location = $"{ApiGroups.Prefix}/media/{existing.Id}";
            return TypedResults.Ok(links.ToResponse(existing));
        }

        string placeholder;
        byte[] stored;
        try
        {
            placeholder = ImageProcessing.Placeholder(bytes);
            stored = settings.KeepOriginalMetadata
                ? bytes
                : (format == "jpeg" ? ImageProcessing.TurnedUpright(bytes) : null)
                  ?? MetadataStripping.Strip(bytes, format) ?? ImageProcessing.Reencode(bytes, format);
        }
        catch (NetVips.VipsException)
        {
            return Problem(StatusCodes.Status415UnsupportedMediaType, "Unreadable image",
                $"The file starts like a {format} image but its pixels cannot be decoded.");
        }
        slot.Dispose();

        var keyId = Guid.TryParse(httpContext.User.FindFirstValue(ClaimTypes.NameIdentifier), out var parsed) && parsed != Guid.Empty ? parsed : (Guid?)null;
        var asset = new MediaAsset
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()),
            Alt = form.Alt!.Trim(),
            Caption = Clean(form.Caption),
            Credit = Clean(form.Credit),
            SourceUrl = Clean(form.SourceUrl),
            FocalX = form.FocalX ?? 0.5,
            FocalY = form.FocalY ?? 0.5,
            Width = width,
            Height = height,
            Format = format,
            Bytes = stored.Length,
            Sha256 = sha256,
            Placeholder = placeholder,
            UploadedByKeyId = keyId,
        };
        // The bytes first: a row never points at an original that is not there.
        await store.PutAsync(MediaKeys.Original(asset.Id), stored, ImageSniffing.ContentType(format), cancellationToken);
        db.MediaAssets.Add(asset);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same file uploaded twice at once: the other upload won; this one's bytes go.
            db.ChangeTracker.Clear();
            await store.DeletePrefixAsync(MediaKeys.Prefix(asset.Id), CancellationToken.None);
            if (await db.MediaAssets.AsNoTracking().SingleOrDefaultAsync(m => m.Sha256 == sha256, CancellationToken.None) is not { } raced)
            {
                throw;
            }
            httpContext.Response.Headers.Location = $"{ApiGroups.Prefix}/media/{raced.Id}";
            return TypedResults.Ok(links.ToResponse(raced));
        }
        return TypedResults.Created($"{ApiGroups.Prefix}/media/{asset.Id}", links.ToResponse(asset));
    }

    [RequiresIfMatch]
    public static async Task<Results<Ok<MediaResponse>, ValidationProblem, NotFound<ProblemDetails>, PreconditionProblem>> ReplaceMedia(
        Guid id, MediaRequest request, [FromHeader(Name = Preconditions.IfMatchHeader)] string? ifMatch, HttpContext httpContext,
        NewsDbContext db, Renditions renditions, IOptions<MediaOptions> options, CancellationToken cancellationToken)
    {
        if (await db.MediaAssets.SingleOrDefaultAsync(m => m.Id == id, cancellationToken) is not { } asset)
        {
            return NotFound(id);
        }
        var links = MediaLinks.For(httpContext.Request, options.Value);
        if (Preconditions.Check(httpContext, ifMatch, links.ToResponse(asset), required: true) is { } precondition)
        {
            return precondition;
        }
        return await UpdateAsync(asset, request, links, httpContext, db, renditions, cancellationToken);
    }

    [RequiresIfMatch]
    public static async Task<Results<Ok<MediaResponse>, ValidationProblem, NotFound<ProblemDetails>, PreconditionProblem>> PatchMedia(
        Guid id, HttpRequest httpRequest, [FromHeader(Name = Preconditions.IfMatchHeader)] string? ifMatch,
        IValidator<MediaRequest> validator, NewsDbContext db, Renditions renditions, IOptions<MediaOptions> options,
        CancellationToken cancellationToken)
    {
        var httpContext = httpRequest.HttpContext;
        if (await db.MediaAssets.SingleOrDefaultAsync(m => m.Id == id, cancellationToken) is not { } asset)
        {
            return NotFound(id);
        }
        var links = MediaLinks.For(httpRequest, options.Value);
        if (Preconditions.Check(httpContext, ifMatch, links.ToResponse(asset), required: true) is { } precondition)
        {
            return precondition;
        }
        var current = new MediaRequest
        {
            Alt = asset.Alt,
            Caption = asset.Caption,
            Credit = asset.Credit,
            SourceUrl = asset.SourceUrl,
            FocalPoint = new FocalPoint { X = asset.FocalX, Y = asset.FocalY },
        };
        var request = await MergePatch.ApplyAsync(httpRequest, current, cancellationToken);
        if (await ValidationFilter.ValidateAsync(validator, request, cancellationToken) is { } invalid)
        {
            return invalid;
        }
        return await UpdateAsync(asset, request, links, httpContext, db, renditions, cancellationToken);
    }

    private static async Task<Results<Ok<MediaResponse>, ValidationProblem, NotFound<ProblemDetails>, PreconditionProblem>> UpdateAsync(
        MediaAsset asset, MediaRequest request, MediaLinks links, HttpContext httpContext, NewsDbContext db, Renditions renditions,
        CancellationToken cancellationToken)
    {
        var focalMoved = request.FocalPoint.X != asset.FocalX || request.FocalPoint.Y != asset.FocalY;
        var (alt, caption, credit) = (asset.Alt, asset.Caption, asset.Credit);
        asset.Alt = request.Alt.Trim();
        asset.Caption = Clean(request.Caption);
        asset.Credit = Clean(request.Credit);
        asset.SourceUrl = Clean(request.SourceUrl);
        asset.FocalX = request.FocalPoint.X;
        asset.FocalY = request.FocalPoint.Y;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return await db.MediaAssets.AsNoTracking().SingleOrDefaultAsync(m => m.Id == asset.Id, cancellationToken) is { } now
                ? PreconditionProblem.Failed(Preconditions.CurrentETag(httpContext, links.ToResponse(now)).ToString())
                : NotFound(asset.Id);
        }
        if (focalMoved)
        {
            await renditions.ForgetAsync(asset.Id, cancellationToken);
        }
        if ((alt, caption, credit) != (asset.Alt, asset.Caption, asset.Credit))
        {
            await EvictArticlesFeaturingAsync(asset.Id, httpContext, db);
        }
        return TypedResults.Ok(links.ToResponse(asset));
    }

    public static async Task<Results<NoContent, NotFound<ProblemDetails>, Conflict<ProblemDetails>, PreconditionProblem>> DeleteMedia(
        Guid id, [FromHeader(Name = Preconditions.IfMatchHeader)] string? ifMatch, HttpContext httpContext,
        NewsDbContext db, IMediaStore store, Renditions renditions, IOptions<MediaOptions> options, CancellationToken cancellationToken)
    {
        if (await db.MediaAssets.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, cancellationToken) is not { } asset)
        {
            return NotFound(id);
        }
        if (ifMatch is not null
            && Preconditions.Check(httpContext, ifMatch, MediaLinks.For(httpContext.Request, options.Value).ToResponse(asset), required: false) is { } precondition)
        {
            return precondition;
        }
        if (await InUseAsync(db, id, cancellationToken) is { } inUse)
        {
            return inUse;
        }
        int deleted;
        try
        {
            deleted = await db.MediaAssets.Where(m => m.Id == id && m.Version == asset.Version).ExecuteDeleteAsync(cancellationToken);
        }
        catch (System.Data.Common.DbException)
        {
            // An article took it as its featured image between the count and the delete; the foreign key refused.
            if (await InUseAsync(db, id, CancellationToken.None) is { } linked)
            {
                return linked;
            }
            throw;
        }
        if (deleted == 0)
        {
            return await db.MediaAssets.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, cancellationToken) is { } now
                ? PreconditionProblem.Failed(Preconditions.CurrentETag(httpContext, MediaLinks.For(httpContext.Request, options.Value).ToResponse(now)).ToString())
                : NotFound(id);
        }
        renditions.Evict(id);
        await store.DeletePrefixAsync(MediaKeys.Prefix(id), CancellationToken.None);
        return TypedResults.NoContent();
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>
    /// Articles show the asset's alt, caption and credit where they set none: their cached answers are stale, and
    /// with their tags every list that shows them. No list is filtered, sorted or searched by these.
    /// </summary>
    private static async Task EvictArticlesFeaturingAsync(Guid id, HttpContext httpContext, NewsDbContext db)
    {
        if (httpContext.RequestServices.GetService<Microsoft.AspNetCore.OutputCaching.IOutputCacheStore>() is not { } store)
        {
            return;
        }
        var articles = await db.Articles.IgnoreQueryFilters().Where(a => a.FeaturedImageMediaId == id).Select(a => a.Id)
            .ToListAsync(CancellationToken.None);
        if (articles.Count == 0)
        {
            return;
        }
        foreach (var article in articles)
        {
            await store.EvictByTagAsync(CacheTags.Article(article), CancellationToken.None);
        }
    }

    private static async Task<Conflict<ProblemDetails>?> InUseAsync(NewsDbContext db, Guid id, CancellationToken cancellationToken)
    {
        var articles = await db.Articles.IgnoreQueryFilters().CountAsync(a => a.FeaturedImageMediaId == id, cancellationToken);
        return articles == 0 ? null : TypedResults.Conflict(Problems.Conflict("Media still in use",
            $"{articles} article(s) use it as their featured image, counting any in the trash. Give them another image before deleting it."));
    }

    private static NotFound<ProblemDetails> NotFound(Guid id) =>
        TypedResults.NotFound(Problems.NotFound("Media", $"No media asset has the id {id}."));

    private static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(new ProblemDetails { Status = status, Title = title, Detail = detail });
}
