using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using NewsApi.Access;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace NewsApi.Http;

public sealed class HttpCachingOptions
{
    public const string Section = "HttpCaching";

    /// <summary>How long browsers and shared caches may reuse a public answer before asking again.</summary>
    [Range(0, int.MaxValue)]
    public int MaxAgeSeconds { get; set; } = 60;
}

public static class HttpCaching
{
    public static IServiceCollection AddHttpCaching(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<HttpCachingOptions>()
            .Bind(configuration.GetSection(HttpCachingOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        return services;
    }

    /// <summary>
    /// Gives every 200 answer to a GET a strong ETag and a Cache-Control, and answers a matching If-None-Match
    /// with 304. Other methods and statuses pass through.
    /// </summary>
    public static TBuilder WithHttpCaching<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter<TBuilder, HttpCachingFilter>();
}

/// <summary>
/// The ETag is a hash of the exact bytes sent, so it changes with anything in the representation, embedded data
/// included (an author's new name changes every article that shows it), with no version columns to keep in step.
/// The price is that a 304 still runs the query: it saves the transfer, not the database work.
/// </summary>
internal sealed class HttpCachingFilter(
    IOptions<JsonOptions> json, IOptions<HttpCachingOptions> caching, ContentAccess access) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var httpContext = context.HttpContext;
        var result = await next(context);
        var unwrapped = result;
        while (unwrapped is INestedHttpResult nested)
        {
            unwrapped = nested.Result;
        }
        if (!HttpMethods.IsGet(httpContext.Request.Method))
        {
            // A write answers with the resource as now stored, and its tag, ready for the next If-Match.
            if (unwrapped is IValueHttpResult { Value: { } written and not Microsoft.AspNetCore.Mvc.ProblemDetails }
                and IStatusCodeHttpResult { StatusCode: StatusCodes.Status200OK or StatusCodes.Status201Created })
            {
                httpContext.Response.Headers.ETag = ETags.Of(written, json.Value.SerializerOptions).ToString();
            }
            return result;
        }
        if (unwrapped is not (IValueHttpResult { Value: { } value } and IStatusCodeHttpResult { StatusCode: StatusCodes.Status200OK }))
        {
            return result;
        }
        if (httpContext.GetEndpoint()?.Metadata.GetMetadata<WithoutEntityTagAttribute>() is { } untagged)
        {
            // Read once and never the same twice (a change feed page): no tag, and the endpoint's own Cache-Control.
            httpContext.Response.Headers.CacheControl = untagged.CacheControl.Split(':')[0];
            return result;
        }

        OutputCaching.TagResponse(httpContext, value);
        // Serialized here, once: the bytes hashed are the bytes sent.
        var body = ETags.Serialize(value, json.Value.SerializerOptions);
        var etag = ETags.Of(body);
        // What an editor reads may be unpublished: no shared cache may keep it to hand to the public, nor a browser
        // to show after the editor has left.
        var cacheControl = access.CanReadUnpublished(httpContext)
            ? "private, no-store"
            : $"public, max-age={caching.Value.MaxAgeSeconds}";
        var mediaType = (value as IMediaTyped)?.MediaType ?? "application/json";
        return new CachedJsonResult(body, etag, cacheControl, Matches(httpContext.Request.Headers.IfNoneMatch, etag), mediaType);
    }

    /// <summary>If-None-Match compares weakly (RFC 9110 §13.1.2): <c>W/"x"</c> matches <c>"x"</c>.</summary>
    private static bool Matches(IList<string> ifNoneMatch, EntityTagHeaderValue current) =>
        EntityTagHeaderValue.TryParseList(ifNoneMatch, out var tags)
        && tags.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(current, useStrongComparison: false));

    private sealed class CachedJsonResult(byte[] body, EntityTagHeaderValue etag, string cacheControl, bool notModified, string mediaType) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.Headers.ETag = etag.ToString();
            response.Headers.CacheControl = cacheControl;
            // What a GET answers depends on the key sent: a shared cache must not hand one caller's answer to another.
            response.Headers.Vary = "X-Api-Key, Authorization";
            if (notModified)
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                return Task.CompletedTask;
            }
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = mediaType + "; charset=utf-8";
            response.ContentLength = body.Length;
            return response.Body.WriteAsync(body, httpContext.RequestAborted).AsTask();
        }
    }
}
