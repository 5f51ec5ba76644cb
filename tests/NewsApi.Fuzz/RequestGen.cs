using System.Text.Json.Nodes;
using CsCheck;

namespace NewsApi.Fuzz;

/// <summary>One drawn request: the operation, what was varied, and its parameters and body before placeholders are filled.</summary>
public sealed record FuzzRequest(Operation Operation, string Variation, IReadOnlyDictionary<Parameter, JsonNode?> Parameters,
    bool HasBody, JsonNode? Body, string? RawBody);

/// <summary>
/// Requests for every operation of the document: schema-valid ones, and variations that break one documented
/// constraint (a required field or parameter missing, a wrong type, a number out of range, a string too long or off
/// its pattern or format, too many or too few items, duplicates, an unknown field, a malformed body).
/// </summary>
public sealed class RequestGen(ApiDocument document)
{
    public const string Valid = "valid";
    private readonly SchemaGen _schemas = new(document);

    public Gen<FuzzRequest> Any(bool admin)
    {
        var weighted = document.Operations.Select(op => (Weight(op, admin), For(op))).ToArray();
        return G.Frequency(weighted);
    }

    /// <summary>Reads are most of real traffic; writes still get a fair share; deletes a small one, so data remains.</summary>
    private static int Weight(Operation op, bool admin) => op.Method switch
    {
        "GET" => 4,
        "DELETE" => 1,
        _ => admin ? 4 : 2,
    };

    public Gen<FuzzRequest> For(Operation op)
    {
        var valid = ValidFor(op);
        var mutations = Mutations(op);
        if (mutations.Count == 0)
        {
            return valid;
        }
        var mutated = Gen.Select(valid, Gen.Int[0, mutations.Count - 1], (request, i) => (request, i))
            .SelectMany(t => mutations[t.i](t.request));
        return G.Frequency((1, valid), (1, mutated));
    }

    private static string Resource(Operation op) => op.Path.Split('/', StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(2) ?? "";

    private static bool IsSecurityHeader(Parameter p) =>
        p.In == "header" && p.Name is "X-Api-Key" or "Authorization";

    private static bool IsOpaqueCursor(Parameter p) => p.In == "query" && p.Name.Equals("cursor", StringComparison.OrdinalIgnoreCase);

    private Gen<JsonNode?> ValidParameter(Operation op, Parameter p)
    {
        if (p.In == "header" && p.Name.Equals("If-Match", StringComparison.OrdinalIgnoreCase))
        {
            // Mostly the resource's current ETag (fetched just before), so writes get past the precondition.
            return G.Frequency((8, Gen.Const<JsonNode?>(() => JsonValue.Create(Placeholders.CurrentETag))),
                (1, Gen.Const<JsonNode?>(() => JsonValue.Create("*"))),
                (1, Gen.Const<JsonNode?>(() => JsonValue.Create("\"stale-etag\""))));
        }
        if (p.In == "header" && p.Name.Equals("If-None-Match", StringComparison.OrdinalIgnoreCase))
        {
            return G.Frequency((1, Gen.Const<JsonNode?>(() => JsonValue.Create(Placeholders.CurrentETag))),
                (1, Gen.Const<JsonNode?>(() => JsonValue.Create("\"another-etag\""))));
        }
        var hint = p.In == "path" && p.Name is "id" or "slug" ? "@" + Resource(op) : p.Name;
        var gen = _schemas.Valid(p.Schema, hint);
        if (p.In == "path" && SchemaGen.Types(_schemas.NonNull(p.Schema)).Contains("integer"))
        {
            // Revision numbers: small ones exist.
            gen = G.Frequency((3, Gen.Int[1, 4].Select(n => (JsonNode?)JsonValue.Create(n))), (1, gen));
        }
        if (p.In is "path" or "query")
        {
            // A null has no place in a URL: an omitted optional parameter is how a client says "none".
            gen = gen.Select(v => v is null || p.In == "path" && Wire.Text(v).Length == 0 ? (JsonNode?)JsonValue.Create("x") : v);
        }
        return gen;
    }

    private Gen<FuzzRequest> ValidFor(Operation op)
    {
        var parameters = op.Parameters.Where(p => !IsSecurityHeader(p) && !IsOpaqueCursor(p)).ToList();
        var gens = parameters.Select(p => p.Required
            ? ValidParameter(op, p).Select(v => (p, Include: true, Value: v))
            : Gen.Select(Gen.Int[0, 9], ValidParameter(op, p), (roll, v) => (p, Include: roll < 4, Value: v))).ToList();
        var all = gens.Aggregate(Gen.Const(() => new List<(Parameter, bool, JsonNode?)>()),
            (acc, g) => acc.Select(g, (list, item) => { list.Add(item); return list; }));
        Gen<(bool, JsonNode?)> body = op.Body is null
            ? Gen.Const<(bool, JsonNode?)>((false, null))
            : Gen.Select(Gen.Int[0, 9], _schemas.Valid(op.Body.Schema, null), (roll, b) => (op.Body.Required || roll < 7, b));
        return Gen.Select(all, body, (list, b) => new FuzzRequest(op, Valid,
            list.Where(x => x.Item2).ToDictionary(x => x.Item1, x => x.Item3), b.Item1, b.Item1 ? b.Item2 : null, null));
    }

    private List<Func<FuzzRequest, Gen<FuzzRequest>>> Mutations(Operation op)
    {
        var result = new List<Func<FuzzRequest, Gen<FuzzRequest>>>();
        foreach (var p in op.Parameters.Where(p => !IsSecurityHeader(p) && p.In != "header"))
        {
            if (p.Required && p.In != "path")
            {
                result.Add(r => Gen.Const(r with { Variation = $"required {p.In} parameter {p.Name} omitted", Parameters = Without(r.Parameters, p) }));
            }
            var hint = p.In == "path" && p.Name is "id" or "slug" ? "@" + Resource(op) : p.Name;
            foreach (var (broken, value) in _schemas.Invalid(p.Schema, hint))
            {
                if (broken.StartsWith("null", StringComparison.Ordinal) || broken.StartsWith("a number where a string", StringComparison.Ordinal))
                {
                    continue; // neither exists on the wire: a URL carries strings, and no value is an omission
                }
                if (p.In == "path" && broken == "a string under minLength 1")
                {
                    continue; // an empty segment is another route, not this operation with a short value
                }
                result.Add(r => value.Where(v => p.In != "path" || Wire.Text(v) is { Length: > 0 } s && !s.Contains('/', StringComparison.Ordinal))
                    .Select(v => r with { Variation = $"{p.In} parameter {p.Name}: {broken}", Parameters = With(r.Parameters, p, v) }));
            }
        }
        if (op.Body is { } body)
        {
            if (body.Required)
            {
                result.Add(r => Gen.Const(r with { Variation = "required body omitted", HasBody = false, Body = null, RawBody = null }));
            }
            result.Add(r => Gen.Const(r with { Variation = "malformed JSON body", HasBody = true, Body = null, RawBody = "{\"title\": \"unterminated" }));
            result.Add(r => Gen.Const(r with { Variation = "a JSON array where the body is an object", HasBody = true, Body = new JsonArray(), RawBody = null }));
            AddBodyMutations(result, body.Schema, []);
        }
        return result;
    }

    private void AddBodyMutations(List<Func<FuzzRequest, Gen<FuzzRequest>>> result, JsonNode schemaNode, string[] path)
    {
        var schema = _schemas.NonNull(schemaNode);
        if (schema["allOf"] is JsonArray { Count: > 0 })
        {
            schema = _schemas.Resolve(schema);
            if (schema["allOf"] is JsonArray parts)
            {
                schema = _schemas.NonNull(parts[0]);
            }
        }
        if (schema["properties"] is not JsonObject properties)
        {
            return;
        }
        var where = path.Length == 0 ? "" : string.Join('.', path) + ".";
        foreach (var required in (schema["required"] as JsonArray ?? []).Select(r => (string)r!))
        {
            result.Add(r => Gen.Const(r with { Variation = $"required field {where}{required} omitted", HasBody = true, Body = Edit(r.Body, path, o => o.Remove(required)) }));
        }
        if (schema["additionalProperties"] is JsonValue extra && extra.TryGetValue<bool>(out var allowed) && !allowed)
        {
            result.Add(r => Gen.Const(r with { Variation = $"unknown field in {where}(additionalProperties: false)", HasBody = true, Body = Edit(r.Body, path, o => o["unexpectedField"] = 1) }));
        }
        foreach (var (name, propertySchema) in properties)
        {
            foreach (var (broken, value) in _schemas.Invalid(propertySchema, name))
            {
                result.Add(r => value.Select(v => r with { Variation = $"field {where}{name}: {broken}", HasBody = true, Body = Edit(r.Body, path, o => o[name] = v?.DeepClone()) }));
            }
            if (path.Length == 0 && _schemas.NonNull(propertySchema) is var nested && nested["properties"] is JsonObject)
            {
                AddBodyMutations(result, propertySchema!, [name]);
            }
        }
    }

    /// <summary>A copy of the body with one object in it edited (made when missing, so the edit applies).</summary>
    private static JsonNode Edit(JsonNode? body, string[] path, Action<JsonObject> edit)
    {
        var copy = body?.DeepClone() as JsonObject ?? new JsonObject();
        var target = copy;
        foreach (var name in path)
        {
            if (target[name] is not JsonObject next)
            {
                next = new JsonObject();
                target[name] = next;
            }
            target = next;
        }
        edit(target);
        return copy;
    }

    private static Dictionary<Parameter, JsonNode?> Without(IReadOnlyDictionary<Parameter, JsonNode?> parameters, Parameter p) =>
        parameters.Where(x => x.Key != p).ToDictionary(x => x.Key, x => x.Value);

    private static Dictionary<Parameter, JsonNode?> With(IReadOnlyDictionary<Parameter, JsonNode?> parameters, Parameter p, JsonNode? value)
    {
        var copy = parameters.ToDictionary(x => x.Key, x => x.Value);
        copy[p] = value;
        return copy;
    }
}
