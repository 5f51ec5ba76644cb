using Microsoft.OpenApi;
using NewsApi.Http;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace NewsApi.OpenApi;

/// <summary>
/// Describes <see cref="MergePatchDocument{T}"/> as a merge patch of T: T's fields, none required, each nullable
/// (null clears a field), so a generated client can send just the fields it changes.
/// </summary>
internal sealed class MergePatchSchemaFilter : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (!context.Type.IsGenericType || context.Type.GetGenericTypeDefinition() != typeof(MergePatchDocument<>)
            || schema is not OpenApiSchema target)
        {
            return;
        }

        var writeModel = context.SchemaGenerator.GenerateSchema(context.Type.GetGenericArguments()[0], context.SchemaRepository);
        var resolved = writeModel is OpenApiSchemaReference reference
            ? context.SchemaRepository.Schemas[reference.Reference.Id!]
            : writeModel;

        target.Type = JsonSchemaType.Object;
        target.Description = "A JSON Merge Patch (RFC 7396): only the fields to change; null clears an optional field.";
        target.Required = new HashSet<string>();
        target.AdditionalPropertiesAllowed = false;
        target.Properties = new Dictionary<string, IOpenApiSchema>();
        foreach (var (name, property) in resolved.Properties ?? new Dictionary<string, IOpenApiSchema>())
        {
            // null removes a member (RFC 7396), which puts back an optional field's default; a required one's
            // absence is then refused by the validator, so only optional fields say they take null.
            target.Properties[name] = resolved.Required?.Contains(name) == true ? property : Nullable(property);
        }
    }

    private static IOpenApiSchema Nullable(IOpenApiSchema property) => property switch
    {
        OpenApiSchema { Type: { } type } inline when !type.HasFlag(JsonSchemaType.Null) =>
            WithType((OpenApiSchema)inline.CreateShallowCopy(), type | JsonSchemaType.Null),
        OpenApiSchemaReference reference => new OpenApiSchema { OneOf = [new OpenApiSchema { Type = JsonSchemaType.Null }, reference] },
        _ => property,
    };

    private static OpenApiSchema WithType(OpenApiSchema schema, JsonSchemaType type)
    {
        schema.Type = type;
        return schema;
    }
}
