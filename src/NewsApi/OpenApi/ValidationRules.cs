using System.Globalization;
using System.Text.Json.Nodes;
using FluentValidation;
using FluentValidation.Internal;
using FluentValidation.Validators;
using Microsoft.OpenApi;
using NewsApi.Http;

namespace NewsApi.OpenApi;

/// <summary>
/// States a type's FluentValidation rules in its OpenAPI schemas: the validators are the rules, and the document is
/// read from them, so the two cannot drift. Conditional rules (<c>When</c>) and rules that compare fields are left to
/// the descriptions, since JSON Schema cannot say them.
/// </summary>
internal sealed class ValidationRules(IServiceProvider services)
{
    /// <summary>The unconditional rules of each member of <paramref name="type"/>, and whether each applies to the items.</summary>
    public ILookup<string, (IPropertyValidator Validator, bool OnItems)> For(Type type)
    {
        if (services.GetService(typeof(IValidator<>).MakeGenericType(type)) is not IValidator validator)
        {
            return Array.Empty<(string, (IPropertyValidator, bool))>().ToLookup(r => r.Item1, r => r.Item2);
        }
        var descriptor = validator.CreateDescriptor();
        return descriptor.GetMembersWithValidators().Select(m => m.Key).Distinct()
            .SelectMany(member => descriptor.GetRulesForMember(member).SelectMany(rule => rule.Components
                .Where(c => !c.HasCondition && !c.HasAsyncCondition)
                .Select(c => (Member: member, Rule: (c.Validator, IsCollectionRule(rule))))))
            .ToLookup(r => r.Member, r => r.Rule, StringComparer.OrdinalIgnoreCase);
    }

    public static void Apply(IOpenApiSchema target, IEnumerable<(IPropertyValidator Validator, bool OnItems)> rules)
    {
        foreach (var (validator, onItems) in rules)
        {
            var schema = onItems ? (target as OpenApiSchema)?.Items : target;
            if (schema is OpenApiSchema inline)
            {
                Apply(inline, validator);
            }
        }
    }

    private static void Apply(OpenApiSchema schema, IPropertyValidator validator)
    {
        var isArray = schema.Type?.HasFlag(JsonSchemaType.Array) == true;
        switch (validator)
        {
            case INotEmptyValidator when isArray:
                schema.MinItems = Math.Max(schema.MinItems ?? 0, 1);
                break;
            case INotEmptyValidator when schema.Type?.HasFlag(JsonSchemaType.String) == true && schema.Format is null:
                schema.MinLength = Math.Max(schema.MinLength ?? 0, 1);
                // Blank text is empty to the validator too.
                schema.Pattern ??= @"\S";
                break;
            case ILengthValidator length:
                if (length.Min > 0)
                {
                    schema.MinLength = Math.Max(schema.MinLength ?? 0, length.Min);
                }
                if (length.Max > 0)
                {
                    schema.MaxLength = Math.Min(schema.MaxLength ?? int.MaxValue, length.Max);
                }
                break;
            case IBetweenValidator between:
                schema.Minimum = Number(between.From);
                schema.Maximum = Number(between.To);
                break;
            case IComparisonValidator { ValueToCompare: { } value } comparison:
                switch (comparison.Comparison)
                {
                    case Comparison.GreaterThanOrEqual:
                        schema.Minimum = Number(value);
                        break;
                    case Comparison.LessThanOrEqual:
                        schema.Maximum = Number(value);
                        break;
                }
                break;
            case IRegularExpressionValidator regex:
                schema.Pattern = regex.Expression;
                break;
            case IEmailValidator:
                schema.Format = "email";
                break;
            case IAbsoluteHttpUrlValidator:
                schema.Format = "uri";
                schema.Pattern = @"^[Hh][Tt][Tt][Pp][Ss]?://[^\s/?#]+";
                schema.Description = Sentence(schema.Description, "An absolute http or https URL.");
                break;
            case IHttpsUrlValidator:
                schema.Format = "uri";
                schema.Pattern = @"^[Hh][Tt][Tt][Pp][Ss]://[^\s/?#@]+";
                schema.Description = Sentence(schema.Description, "An absolute https URL (plain http only where the server allows it, in development).");
                break;
            case IOneOfValidator oneOf:
                schema.Enum = oneOf.Values.Select(v => (JsonNode)JsonValue.Create(v)).ToList();
                if (schema.Type?.HasFlag(JsonSchemaType.Null) == true)
                {
                    schema.Enum.Add(null!);
                }
                break;
            case IMaxItemsValidator maxItems:
                schema.MaxItems = maxItems.Max;
                break;
            case IUniqueItemsValidator:
                schema.UniqueItems = true;
                break;
        }
    }

    private static string Sentence(string? description, string sentence) =>
        string.IsNullOrEmpty(description) ? sentence
        : description.Contains(sentence, StringComparison.Ordinal) ? description
        : description.TrimEnd() + " " + sentence;

    private static string? Number(object? value) =>
        value is IFormattable formattable ? formattable.ToString(null, CultureInfo.InvariantCulture) : null;

    private static bool IsCollectionRule(IValidationRule rule) =>
        rule.GetType().GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ICollectionRule<,>));
}
