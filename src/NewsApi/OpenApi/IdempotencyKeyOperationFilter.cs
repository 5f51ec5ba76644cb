using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using NewsApi.Http;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace NewsApi.OpenApi;

/// <summary>
/// Every POST takes an Idempotency-Key (<see cref="Idempotency"/> applies it to all of them): the header, the 409 and
/// 422 it can answer, and the Idempotent-Replayed header of a replayed answer.
/// </summary>
internal sealed class IdempotencyKeyOperationFilter : IOperationFilter
{
    private const string ProblemJson = "application/problem+json";

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (!string.Equals(context.ApiDescription.HttpMethod, "POST", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }
        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = Idempotency.HeaderName,
            In = ParameterLocation.Header,
            Description = "Makes a retry safe (draft-ietf-httpapi-idempotency-key-header): a repeat with the same key and "
                          + "body, within the retention period, gets the first answer again with Idempotent-Replayed: true "
                          + "instead of being run twice. A quoted string, such as a UUID; keys belong to the API key sending them.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = Idempotency.MaxKeyLength + 2, Pattern = Idempotency.KeyPattern },
        });
        operation.Responses ??= new OpenApiResponses();
        Add(operation, context, StatusCodes.Status400BadRequest, "A parameter, a header or the body is malformed or invalid.", typeof(HttpValidationProblemDetails));
        Add(operation, context, StatusCodes.Status409Conflict, "A conflict, or a request with the same Idempotency-Key is still running.", typeof(ProblemDetails));
        Add(operation, context, StatusCodes.Status422UnprocessableEntity, "The Idempotency-Key was already used with another request.", typeof(ProblemDetails));
        foreach (var (status, response) in operation.Responses)
        {
            if (status.StartsWith('2') && response is OpenApiResponse target)
            {
                target.Headers ??= new Dictionary<string, IOpenApiHeader>();
                target.Headers.TryAdd(Idempotency.ReplayedHeader, new OpenApiHeader
                {
                    Description = "true when this is the stored answer to an earlier request with the same Idempotency-Key.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [System.Text.Json.Nodes.JsonValue.Create("true")] },
                });
            }
        }
    }

    private static void Add(OpenApiOperation operation, OperationFilterContext context, int status, string description, Type type) =>
        operation.Responses!.TryAdd(status.ToString(System.Globalization.CultureInfo.InvariantCulture), new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, IOpenApiMediaType>
            {
                [ProblemJson] = new OpenApiMediaType { Schema = context.SchemaGenerator.GenerateSchema(type, context.SchemaRepository) },
            },
        });
}
