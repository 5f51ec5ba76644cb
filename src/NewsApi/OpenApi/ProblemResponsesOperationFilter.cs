using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace NewsApi.OpenApi;

/// <summary>
/// Documents the problem answers that the shared pipeline gives on top of what each handler returns: 400 for a
/// malformed parameter or body, 413 and 415 for bodies, 500 for everything unexpected, 503 while the database is
/// unavailable; and gives every problem the
/// <c>application/problem+json</c> media type it is really sent with.
/// </summary>
internal sealed class ProblemResponsesOperationFilter : IOperationFilter
{
    private const string ProblemJson = "application/problem+json";

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        operation.Responses ??= new OpenApiResponses();
        var hasInput = context.ApiDescription.ParameterDescriptions.Count > 0 || operation.RequestBody is not null;
        if (hasInput)
        {
            Add(operation, context, StatusCodes.Status400BadRequest, "A parameter or the body is malformed or invalid.", typeof(HttpValidationProblemDetails));
        }
        if (operation.RequestBody is not null)
        {
            var limit = context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<Http.LargeBodyAttribute>().FirstOrDefault();
            Add(operation, context, StatusCodes.Status413PayloadTooLarge,
                limit is null ? "The body is over 1 MiB." : $"The body is over {limit.MaxBytes / (1024 * 1024 * 1024)} GiB.", typeof(ProblemDetails));
            Add(operation, context, StatusCodes.Status415UnsupportedMediaType, "The body's Content-Type is not the one this operation takes.", typeof(ProblemDetails));
        }
        if (string.Equals(context.ApiDescription.HttpMethod, "GET", StringComparison.OrdinalIgnoreCase)
            && !context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<Http.WithoutEntityTagAttribute>().Any())
        {
            operation.Responses.TryAdd("304", new OpenApiResponse
            {
                Description = "Not modified: the If-None-Match header names the current ETag. No body.",
            });
        }
        // A bad key is refused on every operation, public reads included; a key's budget can run out anywhere.
        Add(operation, context, StatusCodes.Status401Unauthorized, "The API key is missing (where one is needed), malformed, unknown, expired or revoked.", typeof(ProblemDetails));
        var scopes = SecurityOperationFilter.RequiredScopes(context);
        if (scopes.Count > 0)
        {
            Add(operation, context, StatusCodes.Status403Forbidden, "The API key lacks the scope: " + string.Join(", ", scopes) + ".", typeof(ProblemDetails));
        }
        Add(operation, context, StatusCodes.Status429TooManyRequests, "Over the request budget; see Retry-After.", typeof(ProblemDetails));
        Add(operation, context, StatusCodes.Status500InternalServerError, "An unexpected error; quote the traceId when reporting it.", typeof(ProblemDetails));
        Add(operation, context, StatusCodes.Status503ServiceUnavailable, "The database is unavailable for the moment; retry after Retry-After.", typeof(ProblemDetails));

        foreach (var (_, response) in operation.Responses)
        {
            if (response is not OpenApiResponse { Content: { } content })
            {
                continue;
            }
            if (content.TryGetValue("application/json", out var media) && IsProblem(media.Schema))
            {
                content.Remove("application/json");
                content[ProblemJson] = media;
            }
        }
    }

    private static bool IsProblem(IOpenApiSchema? schema) =>
        schema is OpenApiSchemaReference { Reference.Id: "ProblemDetails" or "HttpValidationProblemDetails" };

    private static void Add(OpenApiOperation operation, OperationFilterContext context, int status, string description, Type type)
    {
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (operation.Responses!.ContainsKey(key))
        {
            return;
        }
        operation.Responses[key] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, IOpenApiMediaType>
            {
                [ProblemJson] = new OpenApiMediaType { Schema = context.SchemaGenerator.GenerateSchema(type, context.SchemaRepository) },
            },
        };
    }
}
