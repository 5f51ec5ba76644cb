using System.Reflection;
using System.Text.RegularExpressions;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace NewsApi.OpenApi;

/// <summary>
/// Query parameters bound from an <c>[AsParameters]</c> record: named in camelCase as the API documents and
/// accepts them (binding ignores case), with their defaults, the record validator's rules, and repeatable arrays
/// written as <c>?tag=a&amp;tag=b</c> (style form, exploded). Also what binding itself accepts: a time may be a
/// date alone, and a text path segment is never empty (an empty one routes elsewhere).
/// </summary>
internal sealed partial class ParametersOperationFilter(ValidationRules rules) : IOperationFilter
{
    [GeneratedRegex(@"\s*\n\s*")]
    private static partial Regex Indentation();

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (operation.Parameters is not { Count: > 0 } parameters)
        {
            return;
        }
        foreach (var parameter in parameters.OfType<OpenApiParameter>())
        {
            if (parameter.In == ParameterLocation.Path && parameter.Schema is OpenApiSchema { Type: JsonSchemaType.String, Format: null } text)
            {
                text.MinLength = 1;
            }
            if (parameter.In == ParameterLocation.Query && parameter.Schema is OpenApiSchema { Format: "date-time" } time)
            {
                parameter.Schema = new OpenApiSchema
                {
                    AnyOf =
                    [
                        new OpenApiSchema { Type = JsonSchemaType.String, Format = "date-time" },
                        new OpenApiSchema { Type = JsonSchemaType.String, Format = "date" },
                    ],
                };
                parameter.Description = (parameter.Description + " A date alone means its first moment.").Trim();
            }
        }
        foreach (var record in context.MethodInfo.GetParameters()
                     .Where(p => p.GetCustomAttribute<AsParametersAttribute>() is not null)
                     .Select(p => p.ParameterType))
        {
            var byMember = rules.For(record);
            var defaults = record.GetConstructors().SelectMany(c => c.GetParameters())
                .Where(p => p.HasDefaultValue && p.DefaultValue is not null)
                .GroupBy(p => p.Name!, StringComparer.OrdinalIgnoreCase)
                .ToDictionary(g => g.Key, g => g.First().DefaultValue, StringComparer.OrdinalIgnoreCase);
            foreach (var property in record.GetProperties())
            {
                var parameter = parameters.OfType<OpenApiParameter>().FirstOrDefault(p =>
                    p.In == ParameterLocation.Query && string.Equals(p.Name, property.Name, StringComparison.OrdinalIgnoreCase));
                if (parameter is null)
                {
                    continue;
                }
                parameter.Name = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
                if (parameter.Description is not null)
                {
                    // A <param> that spans lines keeps the source's indentation.
                    parameter.Description = Indentation().Replace(parameter.Description, " ");
                }
                if (parameter.Schema is OpenApiSchema schema)
                {
                    if (defaults.TryGetValue(property.Name, out var value))
                    {
                        schema.Default = JsonValue.Create(value);
                    }
                    ValidationRules.Apply(schema, byMember[property.Name]);
                    if (schema.Type?.HasFlag(JsonSchemaType.Array) == true)
                    {
                        // Form and exploded are the defaults for a query parameter, so the writer leaves both out.
                        parameter.Style = ParameterStyle.Form;
                        parameter.Explode = true;
                        parameter.Description = (parameter.Description + $" Repeated for several values: `?{parameter.Name}=a&{parameter.Name}=b`.").Trim();
                    }
                }
            }
        }
    }
}
