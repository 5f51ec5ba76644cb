using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace NewsApi.Fuzz;

public sealed record Parameter(string Name, string In, bool Required, JsonNode Schema);

public sealed record RequestBody(string ContentType, bool Required, JsonNode Schema);

public sealed record Operation(string Id, string Method, string Path, IReadOnlyList<Parameter> Parameters, RequestBody? Body,
    JsonObject Responses, bool NeedsKey);

/// <summary>
/// The served OpenAPI document, read once: its operations, and its schemas as JSON Schema 2020-12. A 3.0 document
/// is translated on the way in (<c>nullable</c>, boolean exclusive bounds), so the fuzzer reads either version.
/// Every schema is validated with <c>#/components/schemas/X</c> rewritten to <c>#/$defs/X</c> over a copy of the
/// components, which keeps each validator a single self-contained schema.
/// </summary>
public sealed class ApiDocument
{
    private static readonly EvaluationOptions Evaluation = new() { RequireFormatValidation = true, OutputFormat = OutputFormat.List };
    private readonly ConcurrentDictionary<string, JsonSchema> _validators = new();
    private int _built;

    public ApiDocument(JsonNode document)
    {
        Version = (string?)document["openapi"] ?? "";
        Definitions = (JsonObject)Normalize(document["components"]?["schemas"]?.DeepClone() ?? new JsonObject())!;
        var globalSecurity = document["security"] as JsonArray;
        var operations = new List<Operation>();
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            var shared = item!["parameters"] as JsonArray ?? [];
            foreach (var (method, node) in item.AsObject())
            {
                if (method is "parameters" or "summary" or "description" or "servers")
                {
                    continue;
                }
                var op = node!.AsObject();
                var parameters = shared.Concat(op["parameters"] as JsonArray ?? [])
                    .Select(p => Resolve(document, p!))
                    .Select(p => new Parameter((string)p["name"]!, (string)p["in"]!, (bool?)p["required"] ?? false,
                        Normalize(p["schema"]?.DeepClone() ?? new JsonObject())!))
                    .ToList();
                RequestBody? body = null;
                if (op["requestBody"] is { } requestBody)
                {
                    var resolved = Resolve(document, requestBody);
                    var (contentType, media) = resolved["content"]!.AsObject().First();
                    body = new RequestBody(contentType, (bool?)resolved["required"] ?? false, Normalize(media!["schema"]?.DeepClone() ?? new JsonObject())!);
                }
                var security = op["security"] as JsonArray ?? globalSecurity;
                // A key is needed when no alternative of the security requirement is the empty one.
                var needsKey = security is { Count: > 0 } && security.All(s => s is JsonObject { Count: > 0 });
                operations.Add(new Operation((string)op["operationId"]!, method.ToUpperInvariant(), path, parameters, body,
                    ResolveResponses(document, op["responses"]!.AsObject()), needsKey));
            }
        }
        Operations = operations;
    }

    public string Version { get; }

    public IReadOnlyList<Operation> Operations { get; }

    /// <summary>The components' schemas in 2020-12 form, for the generators to follow references.</summary>
    public JsonObject Definitions { get; }

    public JsonNode? Definition(string reference) =>
        reference.StartsWith("#/$defs/", StringComparison.Ordinal) ? Definitions[reference["#/$defs/".Length..]] : null;

    /// <summary>Validates <paramref name="instance"/> against a (normalized) schema; null when valid, else why not.</summary>
    public string? Validate(JsonNode schema, JsonNode? instance)
    {
        var key = schema.ToJsonString();
        var validator = _validators.GetOrAdd(key, _ =>
        {
            var root = new JsonObject
            {
                ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
                ["$defs"] = Definitions.DeepClone(),
            };
            if (schema is JsonObject obj)
            {
                foreach (var (name, value) in obj)
                {
                    root[name] = value?.DeepClone();
                }
            }
            else
            {
                root["allOf"] = new JsonArray(schema.DeepClone());
            }
            using var json = JsonDocument.Parse(root.ToJsonString());
            var id = Interlocked.Increment(ref _built);
            return JsonSchema.Build(json.RootElement.Clone(), new BuildOptions { SchemaRegistry = new SchemaRegistry() },
                new Uri($"https://fuzz.invalid/schema/{id}"));
        });
        using var instanceDocument = JsonDocument.Parse(instance?.ToJsonString() ?? "null");
        var result = validator.Evaluate(instanceDocument.RootElement, Evaluation);
        if (result.IsValid)
        {
            return null;
        }
        // Errors inside an alternative (anyOf, oneOf) are only the branches that did not match: the others come first.
        var failed = (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).ToList();
        var direct = failed.Where(d => !d.EvaluationPath.ToString().Contains("Of/", StringComparison.Ordinal)).ToList();
        var errors = (direct.Count > 0 ? direct : failed)
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))
            .Distinct()
            .Take(4);
        return string.Join("; ", errors) is { Length: > 0 } message ? message : "does not match the schema";
    }

    private static JsonObject ResolveResponses(JsonNode document, JsonObject responses)
    {
        var result = new JsonObject();
        foreach (var (status, response) in responses)
        {
            var resolved = Resolve(document, response!).DeepClone().AsObject();
            if (resolved["content"] is JsonObject content)
            {
                foreach (var (_, media) in content)
                {
                    if (media?["schema"] is { } schema)
                    {
                        media["schema"] = Normalize(schema.DeepClone());
                    }
                }
            }
            if (resolved["headers"] is JsonObject headers)
            {
                foreach (var (name, header) in headers.ToList())
                {
                    var h = Resolve(document, header!).DeepClone().AsObject();
                    if (h["schema"] is { } schema)
                    {
                        h["schema"] = Normalize(schema.DeepClone());
                    }
                    headers[name] = h;
                }
            }
            result[status] = resolved;
        }
        return result;
    }

    private static JsonNode Resolve(JsonNode document, JsonNode node)
    {
        while (node is JsonObject obj && (string?)obj["$ref"] is { } reference && reference.StartsWith("#/components/", StringComparison.Ordinal)
               && !reference.StartsWith("#/components/schemas/", StringComparison.Ordinal))
        {
            var target = document;
            foreach (var part in reference[2..].Split('/'))
            {
                target = target![part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)];
            }
            node = target!;
        }
        return node;
    }

    /// <summary>OpenAPI 3.0 schema keywords in their JSON Schema 2020-12 form; 3.1 schemas pass through unchanged.</summary>
    public static JsonNode? Normalize(JsonNode? node)
    {
        switch (node)
        {
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    var item = Normalize(array[i]?.DeepClone());
                    array[i] = item;
                }
                return array;
            case JsonObject obj:
                foreach (var (name, value) in obj.ToList())
                {
                    // Property maps hold schemas under arbitrary names, including ones that look like keywords.
                    if (name is "properties" or "$defs" or "definitions" or "patternProperties" or "dependentSchemas" && value is JsonObject map)
                    {
                        foreach (var (property, schema) in map.ToList())
                        {
                            map[property] = Normalize(schema?.DeepClone());
                        }
                        continue;
                    }
                    if (value is JsonObject or JsonArray && name is not ("enum" or "const" or "required" or "example" or "examples" or "default"))
                    {
                        obj[name] = Normalize(value.DeepClone());
                    }
                }
                if ((string?)obj["$ref"] is { } reference && reference.StartsWith("#/components/schemas/", StringComparison.Ordinal))
                {
                    obj["$ref"] = "#/$defs/" + reference["#/components/schemas/".Length..];
                }
                foreach (var (bound, exclusive) in new[] { ("minimum", "exclusiveMinimum"), ("maximum", "exclusiveMaximum") })
                {
                    if (obj[exclusive] is JsonValue flag && flag.TryGetValue<bool>(out var isExclusive))
                    {
                        obj.Remove(exclusive);
                        if (isExclusive && obj[bound] is { } limit)
                        {
                            obj[exclusive] = limit.DeepClone();
                            obj.Remove(bound);
                        }
                    }
                }
                obj.Remove("example");
                // OpenAPI's integer formats are ranges; JSON Schema validators treat them as annotations only.
                if ((string?)obj["format"] is "int32" or "int64" && obj["type"] is not null)
                {
                    var int32 = (string?)obj["format"] == "int32";
                    if (obj["minimum"] is null && obj["exclusiveMinimum"] is null)
                    {
                        obj["minimum"] = int32 ? int.MinValue : long.MinValue;
                    }
                    if (obj["maximum"] is null && obj["exclusiveMaximum"] is null)
                    {
                        obj["maximum"] = int32 ? int.MaxValue : long.MaxValue;
                    }
                }
                if (obj["nullable"] is JsonValue nullable)
                {
                    obj.Remove("nullable");
                    if (nullable.TryGetValue<bool>(out var isNullable) && isNullable)
                    {
                        return AllowNull(obj);
                    }
                }
                return obj;
            default:
                return node;
        }
    }

    private static JsonObject AllowNull(JsonObject schema)
    {
        if (schema["type"] is JsonValue type && (string?)type is { } single && schema["$ref"] is null && schema["allOf"] is null)
        {
            schema["type"] = new JsonArray(single, "null");
            if (schema["enum"] is JsonArray values && !values.Any(v => v is null))
            {
                values.Add(null);
            }
            return schema;
        }
        return new JsonObject { ["anyOf"] = new JsonArray(new JsonObject { ["type"] = "null" }, schema) };
    }
}
