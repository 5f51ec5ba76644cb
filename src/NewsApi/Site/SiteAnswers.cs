using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using NewsApi.Http;

namespace NewsApi.Site;

/// <summary>
/// The open-web routes (feeds, sitemaps): outside <c>/api/v1</c>, where a front end can serve them on its own host,
/// public to everyone, with problem details and unknown query parameters refused like the API's.
/// </summary>
public static class SiteGroups
{
    public static RouteGroupBuilder MapSiteGroup(this IEndpointRouteBuilder app, string path, string tag) =>
        app.MapGroup(path)
            .WithTags(tag)
            .AddEndpointFilter<ProblemDetailsEnrichmentFilter>()
            .RejectUnknownQueryParameters();

    /// <summary>The 404 of a feed or sitemap asked for while no site is configured: it would have nothing to link to.</summary>
    public static Microsoft.AspNetCore.Mvc.ProblemDetails NotConfigured(string what) =>
        Problems.NotFound(what, $"No site is configured (Site:BaseUrl), so there is no {what.ToLowerInvariant()} to link to it.");
}

/// <summary>
/// A small document (a feed of the newest articles) written whole into memory, so its ETag is a hash of the exact
/// bytes, as for the API's JSON: 304 on a matching If-None-Match, public Cache-Control, and output-cache tags for
/// the eviction of every article, author, tag and source it shows.
/// </summary>
public abstract class BufferedDocumentResult(string contentType, Action<Stream> write, IEnumerable<string> cacheTags)
    : IResult, IStatusCodeHttpResult
{
    public int? StatusCode => StatusCodes.Status200OK;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        using var buffer = new PooledBufferStream();
        write(buffer);
        var etag = ETags.OfHash(buffer.Sha256());
        OutputCaching.TagResponse(httpContext, cacheTags);
        var response = httpContext.Response;
        response.Headers.ETag = etag.ToString();
        response.Headers.CacheControl = $"public, max-age={httpContext.RequestServices.GetRequiredService<IOptions<HttpCachingOptions>>().Value.MaxAgeSeconds}";
        if (EntityTagHeaderValue.TryParseList(httpContext.Request.Headers.IfNoneMatch, out var tags)
            && tags.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(etag, useStrongComparison: false)))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = contentType + "; charset=utf-8";
        response.ContentLength = buffer.Length;
        await buffer.WriteToAsync(response.Body, httpContext.RequestAborted);
    }

    /// <summary>Declares the 200 with its media types, a string schema each, for the OpenAPI document.</summary>
    protected static void Produces(EndpointBuilder builder, params string[] contentTypes) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(string), contentTypes));
}
