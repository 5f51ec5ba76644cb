using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace NewsApi.OpenApi;

/// <summary>
/// A problem (RFC 9457) as this API sends every one: type, title, status, the request as its instance and a
/// traceId to quote, always; a validation problem also its errors keyed by camelCase field path.
/// </summary>
internal sealed class ProblemDetailsSchemaFilter : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (!typeof(ProblemDetails).IsAssignableFrom(context.Type) || schema is not OpenApiSchema { Properties: { } properties } target)
        {
            return;
        }
        properties["traceId"] = new OpenApiSchema
        {
            Type = JsonSchemaType.String,
            Description = "The W3C trace id of the request: quote it when reporting a problem.",
        };
        target.Required = new HashSet<string>(["type", "title", "status", "instance", "traceId"]);
        if (context.Type == typeof(HttpValidationProblemDetails))
        {
            target.Required.Add("errors");
        }
    }
}
