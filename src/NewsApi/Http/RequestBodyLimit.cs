using Microsoft.AspNetCore.Http.Features;

namespace NewsApi.Http;

/// <summary>
/// Bodies over 1 MiB are refused with 413 before anything reads them. Kestrel enforces the same limit on bodies
/// without a Content-Length as they stream in.
/// </summary>
public static class RequestBodyLimit
{
    public const long MaxBytes = 1024 * 1024;

    public static IApplicationBuilder UseRequestBodyLimit(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        // An endpoint that takes more says so: the import with LargeBody, the media upload with IRequestSizeLimitMetadata.
        var metadata = context.GetEndpoint()?.Metadata;
        var max = metadata?.GetMetadata<LargeBodyAttribute>()?.MaxBytes
                  ?? metadata?.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IRequestSizeLimitMetadata>()?.MaxRequestBodySize
                  ?? MaxBytes;
        if (context.Request.ContentLength > max)
        {
            throw new BadHttpRequestException(
                $"The request body is {context.Request.ContentLength} bytes; the limit is {max} bytes{(max == MaxBytes ? " (1 MiB)" : "")}.",
                StatusCodes.Status413PayloadTooLarge);
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = max;
        }
        await next(context);
    });
}

/// <summary>An endpoint that takes files (an import) rather than documents: its own body limit, streamed to disk.</summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
public sealed class LargeBodyAttribute(long maxBytes) : Attribute
{
    public long MaxBytes => maxBytes;
}
