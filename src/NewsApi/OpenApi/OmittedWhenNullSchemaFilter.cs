using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace NewsApi.OpenApi;

/// <summary>
/// A member the serializer leaves out when it is null (<c>[JsonIgnore(Condition = WhenWritingNull)]</c>) may be
/// absent from an answer, so it is not required, whatever C#'s <c>required</c> says about constructing the record.
/// </summary>
internal sealed class OmittedWhenNullSchemaFilter : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema { Required: { Count: > 0 } required } || context.Type.IsPrimitive)
        {
            return;
        }
        foreach (var property in context.Type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetCustomAttribute<JsonIgnoreAttribute>() is { Condition: JsonIgnoreCondition.WhenWritingNull })
            {
                required.Remove(property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name
                                ?? JsonNamingPolicy.CamelCase.ConvertName(property.Name));
            }
        }
    }
}
