using Microsoft.OpenApi;
using NewsApi.Http;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace NewsApi.OpenApi;

/// <summary>
/// Describes <see cref="MergePatchDocument{T}"/> as a merge patch of T (RFC 7396): T's fields, none required; null
/// removes a member, which puts back an optional field's default, so optional fields take null; and a nested object
/// is merged too, so it is described by a patch of its own (<c>FeaturedImageMergePatch</c>).
/// </summary>
internal sealed class MergePatchSchemaFilter : ISchemaFilter
{
    private const string Suffix = "MergePatch";

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
        Describe(target, resolved, context.SchemaRepository);
        target.Description = "A JSON Merge Patch (RFC 7396): only the fields to change; null clears an optional field.";
    }

    private static void Describe(OpenApiSchema target, IOpenApiSchema model, SchemaRepository repository)
    {
        target.Type = JsonSchemaType.Object;
        target.Required = new HashSet<string>();
        target.AdditionalPropertiesAllowed = false;
        target.Properties = new Dictionary<string, IOpenApiSchema>();
        foreach (var (name, property) in model.Properties ?? new Dictionary<string, IOpenApiSchema>())
        {
            var required = model.Required?.Contains(name) == true;
            target.Properties[name] = ObjectReference(property) is { } id && repository.Schemas.TryGetValue(id, out var nested)
                                   && nested.Properties is { Count: > 0 }
                ? PatchOf(id, nested, property.Description, required, repository)
                : required ? property : Nullable(property);
        }
    }

    /// <summary>A nested object's own patch shape, registered once as a component.</summary>
    private static IOpenApiSchema PatchOf(string id, IOpenApiSchema nested, string? description, bool required, SchemaRepository repository)
    {
        var patchId = id + Suffix;
        if (!repository.Schemas.ContainsKey(patchId))
        {
            var patch = new OpenApiSchema();
            repository.AddDefinition(patchId, patch);
            Describe(patch, nested, repository);
            patch.Description = $"A merge patch of {id}: merged into the current one, field by field. With no current one, "
                                + $"it must hold what {id} requires.";
        }
        var reference = new OpenApiSchemaReference(patchId);
        return required
            ? reference
            : new OpenApiSchema { Description = description, OneOf = [new OpenApiSchema { Type = JsonSchemaType.Null }, reference] };
    }

    private static string? ObjectReference(IOpenApiSchema property) => property switch
    {
        OpenApiSchemaReference reference => reference.Reference.Id,
        OpenApiSchema { AllOf: [OpenApiSchemaReference reference] } => reference.Reference.Id,
        OpenApiSchema { OneOf: { } oneOf } => oneOf.OfType<OpenApiSchemaReference>().FirstOrDefault()?.Reference.Id,
        _ => null,
    } is { } id && !id.EndsWith(Suffix, StringComparison.Ordinal) ? id : null;

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
