using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace NewsApi.OpenApi;

/// <summary>
/// Two shapes Swashbuckle does not describe from minimal APIs by itself. A <c>[FromForm]</c> object arrives wrapped
/// as one property named after the parameter; the form is that object's fields, so the body becomes the object
/// itself, as multipart/form-data only (a file cannot travel url-encoded). And an endpoint that declares image
/// content types for its 200 (the renditions) gets them listed as binary bodies.
/// </summary>
internal sealed class FormAndImageOperationFilter : IOperationFilter
{
    private const string Multipart = "multipart/form-data";

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var formObject = context.ApiDescription.ParameterDescriptions
            .Where(p => p.Source == Microsoft.AspNetCore.Mvc.ModelBinding.BindingSource.Form || p.Source == Microsoft.AspNetCore.Mvc.ModelBinding.BindingSource.FormFile)
            .Select(p => p.ParameterDescriptor?.ParameterType)
            .FirstOrDefault(t => t is not null && t.IsClass && t != typeof(string) && !typeof(IFormFile).IsAssignableFrom(t));
        if (formObject is not null && operation.RequestBody is OpenApiRequestBody)
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, IOpenApiMediaType>
                {
                    [Multipart] = new OpenApiMediaType { Schema = context.SchemaGenerator.GenerateSchema(formObject, context.SchemaRepository) },
                },
            };
        }

        var images = context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<IProducesResponseTypeMetadata>()
            .Where(p => p.StatusCode == StatusCodes.Status200OK && (p.Type is null || p.Type == typeof(void)))
            .SelectMany(p => p.ContentTypes)
            .Where(c => c.StartsWith("image/", StringComparison.Ordinal))
            .ToList();
        if (images.Count > 0 && operation.Responses?.TryGetValue("200", out var ok) == true && ok is OpenApiResponse response)
        {
            response.Description = "The image.";
            response.Content = images.ToDictionary(c => c, IOpenApiMediaType (_) => new OpenApiMediaType
            {
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" },
            });
            if (response.Headers?.TryGetValue("Cache-Control", out var cacheControl) == true && cacheControl is OpenApiHeader header)
            {
                header.Description = "public, max-age=31536000, immutable: a rendition never changes under its URL and tag.";
            }
        }
    }
}
