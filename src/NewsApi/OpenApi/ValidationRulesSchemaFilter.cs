using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace NewsApi.OpenApi;

/// <summary>Puts each request body type's validation rules on its schema's properties.</summary>
internal sealed class ValidationRulesSchemaFilter(ValidationRules rules) : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema { Properties: { Count: > 0 } properties })
        {
            return;
        }
        var byMember = rules.For(context.Type);
        foreach (var (name, property) in properties)
        {
            ValidationRules.Apply(property, byMember[name]);
        }
    }
}
