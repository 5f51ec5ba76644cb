using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using NewsApi.Data;
using NewsApi.Http;

namespace NewsApi.Media;

public static class RenditionEndpoints
{
    public static IEndpointRouteBuilder MapRenditions(this IEndpointRouteBuilder app)
    {
        app.MapGet("/media/{id}/{preset}.{format}", GetRendition).WithName("getMediaRendition")
            .WithTags("Media")
            .AddEndpointFilter<ProblemDetailsEnrichmentFilter>()
            .RejectUnknownQueryParameters()
            .WithSummary("Get an image rendition")
            .WithDescription("A configured preset (by default thumb 320 wide, card 640, hero 1280, og 1200×630 cropped around the focal point) as webp, avif or jpg. Made on first request, then served from the store; immutable, so cache it for a year. Only presets exist: any other name is a 404.")
            .Produces(StatusCodes.Status200OK, contentType: "image/webp", additionalContentTypes: ["image/avif", "image/jpeg"])
            .Produces(StatusCodes.Status304NotModified);
        return app;
    }

    public static async Task<Results<FileContentHttpResult, StatusCodeHttpResult, NotFound<ProblemDetails>>> GetRendition(
        Guid id, string preset, string format, HttpContext httpContext, NewsDbContext db, Renditions renditions,
        CancellationToken cancellationToken)
    {
        if (renditions.Preset(preset) is not { } settings)
        {
            return NotFound($"There is no preset '{preset}'.");
        }
        if (RenditionFormats.Parse(format) is not { } kind || kind == RenditionFormat.Avif && !ImageProcessing.CanWriteAvif)
        {
            return NotFound($"Renditions are served as webp, {(ImageProcessing.CanWriteAvif ? "avif or " : "")}jpg, not '{format}'.");
        }
        if (renditions.Recent(id, preset, kind) is { } recent)
        {
            return Answer(httpContext, recent);
        }
        var asset = await db.MediaAssets.AsNoTracking().Where(m => m.Id == id)
            .Select(m => new { m.Sha256, m.Width, m.Height, m.FocalX, m.FocalY })
            .SingleOrDefaultAsync(cancellationToken);
        if (asset is null)
        {
            return NotFound($"No media asset has the id {id}.");
        }
        // The bytes follow from the original, the preset and the focal point: together they name the rendition.
        var (width, height) = ImageProcessing.RenditionSize(settings, asset.Width, asset.Height);
        var etag = new EntityTagHeaderValue($"\"{asset.Sha256[..20]}-{preset}-{width}x{height}-{Focal(asset.FocalX)}{Focal(asset.FocalY)}.{kind.Extension()}\"");
        if (NotModified(httpContext, etag))
        {
            return Answer(httpContext, new Renditions.Served(etag, [], kind.ContentType()));
        }
        var bytes = await renditions.GetAsync(id, preset, settings, kind, asset.FocalX, asset.FocalY, cancellationToken);
        if (bytes is null)
        {
            return NotFound($"The original of media asset {id} is missing from the store.");
        }
        var served = new Renditions.Served(etag, bytes, kind.ContentType());
        renditions.Remember(id, preset, kind, served);
        return Answer(httpContext, served);
    }

    private static bool NotModified(HttpContext httpContext, EntityTagHeaderValue etag) =>
        httpContext.Request.GetTypedHeaders().IfNoneMatch is { Count: > 0 } tags
        && tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(etag, useStrongComparison: false));

    private static Results<FileContentHttpResult, StatusCodeHttpResult, NotFound<ProblemDetails>> Answer(HttpContext httpContext, Renditions.Served served)
    {
        httpContext.Response.GetTypedHeaders().ETag = served.ETag;
        httpContext.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
        if (NotModified(httpContext, served.ETag))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }
        return TypedResults.File(served.Bytes, served.ContentType);
    }

    private static string Focal(double value) => ((int)Math.Round(value * 1000)).ToString("D4", System.Globalization.CultureInfo.InvariantCulture);

    private static NotFound<ProblemDetails> NotFound(string detail) =>
        TypedResults.NotFound(Problems.NotFound("Rendition", detail));
}
