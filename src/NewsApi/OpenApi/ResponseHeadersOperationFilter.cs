using Microsoft.OpenApi;
using NewsApi.Http;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace NewsApi.OpenApi;

/// <summary>
/// The conditional request headers an operation reads and the response headers it sends, as the shared pipeline
/// sends them: ETag and Cache-Control on every 200 to a GET (HttpCaching), ETag on what a write answers, Link on
/// paged lists, Location on 201 and 301, Retry-After on 429 and 503.
/// </summary>
internal sealed class ResponseHeadersOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var isGet = string.Equals(context.ApiDescription.HttpMethod, "GET", StringComparison.OrdinalIgnoreCase);
        var untagged = context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<WithoutEntityTagAttribute>().FirstOrDefault();
        operation.Parameters ??= [];
        foreach (var parameter in operation.Parameters.OfType<OpenApiParameter>().Where(p => p.In == ParameterLocation.Header))
        {
            if (string.Equals(parameter.Name, Preconditions.IfMatchHeader, StringComparison.OrdinalIgnoreCase))
            {
                parameter.Description = "The ETag of the version this change is based on, from a read or an earlier write. "
                                        + "Without it the change is refused with 428 (unless the server allows last-write-wins); "
                                        + "with a stale one, 412.";
            }
        }
        if (isGet && untagged is null)
        {
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = "If-None-Match",
                In = ParameterLocation.Header,
                Description = "ETags the client holds; the answer is 304 with no body when one is current.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
        }
        var isList = operation.Parameters.Any(p => p.In == ParameterLocation.Query && p.Name is "page" or "cursor");
        foreach (var (status, response) in operation.Responses ?? [])
        {
            if (response is not OpenApiResponse target)
            {
                continue;
            }
            switch (status)
            {
                case "200" when isGet && untagged is not null:
                    Add(target, "Cache-Control", untagged.CacheControl);
                    break;
                case "200" when isGet:
                    Add(target, "ETag", "A strong tag of this representation; send it as If-None-Match, or as If-Match to change the resource.");
                    Add(target, "Cache-Control", "public, max-age=N for anonymous readers; private, no-store when the key may read unpublished content.");
                    if (isList)
                    {
                        Add(target, "Link", "RFC 8288 links to the first, previous, next and last pages (next only, on a cursor page).");
                    }
                    break;
                case "200" or "201" when target.Content is { Count: > 0 }:
                    Add(target, "ETag", "The tag of the resource as now stored, ready for the next If-Match.");
                    if (status == "201")
                    {
                        Add(target, "Location", "The URL of the created resource.");
                    }
                    break;
                case "304":
                    Add(target, "ETag", "The current tag, the one the client sent.");
                    break;
                case "301":
                    Add(target, "Location", "Where the resource now lives.");
                    break;
                case "202":
                    Add(target, "Location", "Where to follow the accepted work (an import's progress, a test delivery).");
                    break;
                case "429" or "503":
                    Add(target, "Retry-After", "Seconds to wait before trying again.", JsonSchemaType.Integer);
                    break;
            }
        }
    }

    private static void Add(OpenApiResponse response, string name, string description, JsonSchemaType type = JsonSchemaType.String)
    {
        response.Headers ??= new Dictionary<string, IOpenApiHeader>();
        response.Headers.TryAdd(name, new OpenApiHeader { Description = description, Schema = new OpenApiSchema { Type = type } });
    }
}
