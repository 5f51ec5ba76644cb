using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CsCheck;

namespace NewsApi.Fuzz;

/// <summary>
/// CsCheck generators drawn from JSON Schemas: <see cref="Valid"/> values that satisfy a schema, and
/// <see cref="Invalid"/> ones that break exactly one of its constraints. Ids and slugs of existing resources are
/// generated as placeholders (<see cref="Placeholders"/>) that the runner fills in from what the API really holds.
/// </summary>
public sealed class SchemaGen(ApiDocument document)
{
    private const string Letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéüßøñ";
    private const string Text = Letters + "0123456789  -.,'!?&()";
    private const int MaxDepth = 4;

    private static readonly Gen<string> Word = Gen.Select(Gen.Char[Letters], Gen.String[Gen.Char[Text], 0, 30], (first, rest) => first + rest);

    /// <summary>The schema itself, references and single-element allOf followed.</summary>
    public JsonObject Resolve(JsonNode? schema)
    {
        for (var depth = 0; depth < 16; depth++)
        {
            if (schema is not JsonObject obj)
            {
                return new JsonObject();
            }
            if ((string?)obj["$ref"] is { } reference)
            {
                schema = document.Definition(reference);
                continue;
            }
            if (obj["allOf"] is JsonArray { Count: 1 } allOf && obj["properties"] is null && obj["type"] is null)
            {
                schema = allOf[0];
                continue;
            }
            return obj;
        }
        return new JsonObject();
    }

    /// <summary>The schema without its null alternative: <c>anyOf [null, X]</c> becomes X, <c>type: [T, null]</c> T.</summary>
    public JsonObject NonNull(JsonNode? schema)
    {
        var obj = Resolve(schema);
        if ((obj["anyOf"] ?? obj["oneOf"]) is JsonArray branches && branches.Count == 2
            && branches.FirstOrDefault(b => Types(Resolve(b)).SequenceEqual(["null"])) is { } nullBranch)
        {
            return NonNull(branches.First(b => !ReferenceEquals(b, nullBranch)));
        }
        return obj;
    }

    public static IReadOnlyList<string> Types(JsonObject schema) => schema["type"] switch
    {
        JsonArray types => types.Select(t => (string)t!).ToList(),
        JsonValue type => [(string)type!],
        _ => schema["properties"] is not null ? ["object"] : schema["items"] is not null ? ["array"] : [],
    };

    public static bool AllowsNull(JsonObject schema) => Types(schema).Contains("null");

    public Gen<JsonNode?> Valid(JsonNode? schemaNode, string? hint, int depth = 0)
    {
        var schema = Resolve(schemaNode);
        if (schema["const"] is { } constant)
        {
            return Gen.Const<JsonNode?>(() => constant.DeepClone());
        }
        if (schema["enum"] is JsonArray values && values.Count > 0)
        {
            return Gen.Int[0, values.Count - 1].Select(i => values[i]?.DeepClone());
        }
        if ((schema["anyOf"] ?? schema["oneOf"]) is JsonArray branches && branches.Count > 0)
        {
            var gens = branches.Select(b =>
                Types(Resolve(b)).SequenceEqual(["null"]) ? (1, Valid(b, hint, depth + 1)) : (5, Valid(b, hint, depth + 1))).ToArray();
            return G.Frequency(gens);
        }
        if (schema["allOf"] is JsonArray parts && parts.Count > 0)
        {
            return Valid(Merge(parts), hint, depth);
        }
        var types = Types(schema);
        if (types.Count == 0)
        {
            return Gen.Const<JsonNode?>(() => null).Select(_ => (JsonNode?)JsonValue.Create("any"));
        }
        var nonNull = types.Where(t => t != "null").ToList();
        if (nonNull.Count == 0)
        {
            return Gen.Const<JsonNode?>(() => null);
        }
        var gen = G.OneOf(nonNull.Select(t => ValidOfType(schema, t, hint, depth)).ToArray());
        return types.Contains("null") ? G.Frequency((1, Gen.Const<JsonNode?>(() => null)), (5, gen)) : gen;
    }

    private JsonObject Merge(JsonArray parts)
    {
        var merged = new JsonObject();
        var properties = new JsonObject();
        var required = new JsonArray();
        foreach (var part in parts.Select(Resolve))
        {
            foreach (var (name, value) in part)
            {
                if (name == "properties" && value is JsonObject props)
                {
                    foreach (var (p, s) in props)
                    {
                        properties[p] = s?.DeepClone();
                    }
                }
                else if (name == "required" && value is JsonArray r)
                {
                    foreach (var item in r)
                    {
                        required.Add(item?.DeepClone());
                    }
                }
                else
                {
                    merged[name] = value?.DeepClone();
                }
            }
        }
        if (properties.Count > 0)
        {
            merged["properties"] = properties;
        }
        if (required.Count > 0)
        {
            merged["required"] = required;
        }
        return merged;
    }

    private Gen<JsonNode?> ValidOfType(JsonObject schema, string type, string? hint, int depth) => type switch
    {
        "string" => ValidString(schema, hint).Select(s => (JsonNode?)JsonValue.Create(s)),
        "integer" => ValidInteger(schema).Select(n => (JsonNode?)JsonValue.Create(n)),
        "number" => ValidInteger(schema).Select(n => (JsonNode?)JsonValue.Create(n)),
        "boolean" => Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b)),
        "array" => ValidArray(schema, hint, depth),
        "object" => depth > MaxDepth ? Gen.Const<JsonNode?>(() => new JsonObject()) : ValidObject(schema, depth),
        _ => Gen.Const<JsonNode?>(() => null),
    };

    public Gen<string> ValidString(JsonObject schema, string? hint)
    {
        var min = (int?)schema["minLength"] ?? 0;
        var max = (int?)schema["maxLength"] ?? Math.Max(min, 60);
        var format = (string?)schema["format"];
        if (format == "uuid" && Placeholders.PoolFor(hint) is { } pool)
        {
            // A path's id is sometimes one that does not exist (a documented 404); a body's references always exist,
            // since naming a missing author is refused as invalid input, which no schema can tell.
            var existing = Gen.Int[0, 999].Select(i => Placeholders.Id(pool, i));
            return hint!.StartsWith('@') ? G.Frequency((9, existing), (1, Gen.Guid.Select(g => g.ToString()))) : existing;
        }
        Gen<string> gen = format switch
        {
            "uuid" => Gen.Guid.Select(g => g.ToString()),
            "date-time" => Gen.Long[DateTimeOffset.Parse("2000-01-01T00:00:00Z", CultureInfo.InvariantCulture).ToUnixTimeSeconds(),
                    DateTimeOffset.Parse("2035-12-31T00:00:00Z", CultureInfo.InvariantCulture).ToUnixTimeSeconds()]
                .Select(s => DateTimeOffset.FromUnixTimeSeconds(s).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
            "date" => Gen.Int[0, 10000].Select(d => new DateOnly(2000, 1, 1).AddDays(d).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            "email" => Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789"], 1, 12].Select(s => s + "@example.com"),
            "uri" or "url" => Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789-"], 0, 20]
                .Select(s => "https://news.example.com/" + s),
            _ => (string?)schema["pattern"] is { } pattern ? Patterned(pattern, min, max) : Sized(min, max),
        };
        if (Placeholders.SlugPoolFor(hint) is { } slugs && format is null)
        {
            gen = G.Frequency((4, Gen.Int[0, 999].Select(i => Placeholders.Slug(slugs, i))), (1, gen));
        }
        return gen;
    }

    private static Gen<string> Sized(int min, int max)
    {
        if (max < min)
        {
            return Gen.Const(new string('a', min));
        }
        var upper = Math.Min(max, Math.Max(min, 40));
        var body = Gen.Int[min, upper].SelectMany(length => length == 0
            ? Gen.Const("")
            : Gen.Select(Gen.Char[Letters], Gen.String[Gen.Char[Text], length - 1, length - 1], (first, rest) => first + rest));
        // The edges of the allowed lengths, where off-by-one refusals live.
        return G.Frequency((8, body), (1, Gen.Const(() => Edge(min))), (1, Gen.Const(() => Edge(max))));
    }

    private static string Edge(int length) => length == 0 ? "" : "E" + new string('x', length - 1);

    private static Gen<string> Patterned(string pattern, int min, int max)
    {
        var regex = new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
        Gen<string> gen;
        try
        {
            gen = PatternGen.For(pattern);
        }
        catch (Exception e) when (e is NotSupportedException or FormatException or ArgumentException or IndexOutOfRangeException)
        {
            gen = Word;
        }
        // A string that misses the pattern or the lengths becomes the fallback below, a value the runner then
        // recognises as invalid by validating it, so such a draw is never sent as "valid".
        return gen.Select(s => regex.IsMatch(s) && s.Length >= min && s.Length <= max ? s : Fallback(regex, min, max));
    }

    private static string Fallback(Regex regex, int min, int max)
    {
        string[] candidates = ["a", "a1", "news", "a-b", "x", "2026", "abc-123", "Aa1-_"];
        foreach (var candidate in candidates)
        {
            if (regex.IsMatch(candidate) && candidate.Length >= min && candidate.Length <= max)
            {
                return candidate;
            }
        }
        return "a";
    }

    private static Gen<long> ValidInteger(JsonObject schema)
    {
        long? Bound(string name) => schema[name] is JsonValue v && v.TryGetValue<double>(out var d) ? (long)Math.Ceiling(d) : null;
        var min = Bound("minimum") ?? (Bound("exclusiveMinimum") + 1);
        var max = schema["maximum"] is JsonValue mv && mv.TryGetValue<double>(out var m) ? (long)Math.Floor(m)
            : schema["exclusiveMaximum"] is JsonValue xv && xv.TryGetValue<double>(out var x) ? (long)Math.Ceiling(x) - 1 : (long?)null;
        var is32 = (string?)schema["format"] == "int32";
        var low = min ?? (is32 ? int.MinValue : -1_000_000_000L);
        var high = max ?? (is32 ? int.MaxValue : 1_000_000_000L);
        var small = Gen.Long[Math.Max(low, Math.Min(high, -5)), Math.Min(high, Math.Max(low, 120))];
        return G.Frequency((6, small), (1, Gen.Long[low, high]), (1, Gen.Const(low)), (1, Gen.Const(high)));
    }

    private Gen<JsonNode?> ValidArray(JsonObject schema, string? hint, int depth)
    {
        var min = (int?)schema["minItems"] ?? 0;
        var max = (int?)schema["maxItems"] ?? min + 4;
        var unique = (bool?)schema["uniqueItems"] ?? false;
        var item = Valid(schema["items"], hint, depth + 1);
        return item.Array[min, Math.Min(max, min + 5)].Select(items =>
        {
            var values = items.Select(v => v?.ToJsonString() ?? "null");
            var kept = unique ? items.Where((_, i) => !values.Take(i).Contains(values.ElementAt(i))).ToArray() : items;
            return (JsonNode?)new JsonArray(kept.Select(v => v?.DeepClone()).ToArray());
        });
    }

    private Gen<JsonNode?> ValidObject(JsonObject schema, int depth)
    {
        var required = (schema["required"] as JsonArray)?.Select(r => (string)r!).ToHashSet() ?? [];
        var properties = (schema["properties"] as JsonObject)?.ToList() ?? [];
        var gens = properties.Select(p =>
        {
            var value = Valid(p.Value, p.Key, depth + 1);
            return required.Contains(p.Key)
                ? value.Select(v => (p.Key, Include: true, Value: v))
                : Gen.Select(Gen.Bool, value, (include, v) => (p.Key, Include: include, Value: v));
        }).ToArray();
        if (gens.Length == 0)
        {
            return Gen.Const<JsonNode?>(() => new JsonObject());
        }
        return gens.Aggregate(Gen.Const(() => new List<(string, bool, JsonNode?)>()),
                (acc, g) => acc.Select(g, (list, item) => { list.Add(item); return list; }))
            .Select(list =>
            {
                var obj = new JsonObject();
                foreach (var (name, include, value) in list)
                {
                    if (include)
                    {
                        obj[name] = value;
                    }
                }
                return (JsonNode?)obj;
            });
    }

    /// <summary>
    /// Values that break one constraint of <paramref name="schemaNode"/> each, with what they break. Empty when the
    /// schema constrains nothing that can be broken (a free string, say).
    /// </summary>
    public IReadOnlyList<(string Broken, Gen<JsonNode?> Value)> Invalid(JsonNode? schemaNode, string? hint)
    {
        var schema = NonNull(schemaNode);
        if (schema["allOf"] is JsonArray parts && parts.Count > 0)
        {
            schema = Merge(parts);
        }
        var result = new List<(string, Gen<JsonNode?>)>();
        var types = Types(schema);
        var allowsNull = AllowsNull(Resolve(schemaNode)) || types.Contains("null");
        void Add(string broken, Gen<JsonNode?> gen) => result.Add((broken, gen));
        JsonNode? Str(string s) => JsonValue.Create(s);

        if (schema["enum"] is JsonArray values)
        {
            Add("a value outside the enum", Gen.Const<JsonNode?>(() => types.Contains("integer") ? JsonValue.Create(987654) : Str("not-one-of-the-values")));
        }
        if (!types.Contains("null") && !allowsNull)
        {
            Add("null where a value is needed", Gen.Const<JsonNode?>(() => null));
        }
        if (types.Contains("string") && !types.Contains("integer") && !types.Contains("number"))
        {
            Add("a number where a string is needed", Gen.Const<JsonNode?>(() => JsonValue.Create(12345)));
        }
        if ((types.Contains("integer") || types.Contains("number")) && !types.Contains("string"))
        {
            Add("a string where a number is needed", Gen.Const<JsonNode?>(() => Str("twelve")));
        }
        if (types.Contains("integer") && !types.Contains("number"))
        {
            Add("a fraction where an integer is needed", Gen.Const<JsonNode?>(() => JsonValue.Create(1.5)));
        }
        if (types.Contains("boolean") && !types.Contains("string"))
        {
            Add("a string where a boolean is needed", Gen.Const<JsonNode?>(() => Str("perhaps")));
        }
        if (types.Contains("array") && !types.Contains("string"))
        {
            Add("a string where an array is needed", Gen.Const<JsonNode?>(() => Str("not-an-array")));
        }
        if (types.Contains("object") && !types.Contains("string"))
        {
            Add("a string where an object is needed", Gen.Const<JsonNode?>(() => Str("not-an-object")));
        }
        if (types.Contains("string"))
        {
            if ((int?)schema["maxLength"] is { } maxLength)
            {
                Add($"a string over maxLength {maxLength}", Gen.Int[maxLength + 1, maxLength + 50]
                    .Select(n => (JsonNode?)JsonValue.Create(Overlong(schema, n))));
            }
            if ((int?)schema["minLength"] is > 0 and var minLength)
            {
                Add($"a string under minLength {minLength}", Gen.Const<JsonNode?>(() => Str(new string('a', minLength - 1))));
            }
            if ((string?)schema["pattern"] is { } pattern)
            {
                var regex = new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
                string[] misses = ["Not A Slug!", "UPPER", "a--b", "-a", "a-", "a b", "ä", "_", "a/b", "%00"];
                var miss = misses.Where(m => !regex.IsMatch(m)).ToArray();
                if (miss.Length > 0)
                {
                    Add($"a string outside the pattern {pattern}", Gen.OneOf(miss).Select(s => (JsonNode?)JsonValue.Create(s)));
                }
            }
            if ((string?)schema["format"] is { } format && BadFormat(format) is { Length: > 0 } bad)
            {
                Add($"a string that is not a {format}", Gen.OneOf(bad).Select(s => (JsonNode?)JsonValue.Create(s)));
            }
        }
        if (types.Contains("integer") || types.Contains("number"))
        {
            if (schema["minimum"] is JsonValue min && min.TryGetValue<double>(out var minimum))
            {
                Add($"a number under minimum {minimum}", Gen.Long[1, 1000].Select(d => (JsonNode?)JsonValue.Create((long)minimum - d)));
            }
            if (schema["maximum"] is JsonValue max && max.TryGetValue<double>(out var maximum))
            {
                Add($"a number over maximum {maximum}", Gen.Long[1, 1000].Select(d => (JsonNode?)JsonValue.Create((long)maximum + d)));
            }
            if ((string?)schema["format"] == "int32")
            {
                Add("a number beyond int32", Gen.Const<JsonNode?>(() => JsonValue.Create(int.MaxValue + 1L)));
            }
        }
        if (types.Contains("array"))
        {
            var item = Valid(schema["items"], hint, 1);
            if ((int?)schema["maxItems"] is { } maxItems)
            {
                Add($"more than maxItems {maxItems}", item.Array[maxItems + 1, maxItems + 3]
                    .Select(items => (JsonNode?)new JsonArray(items.Select((v, i) => Distinct(v, i)).ToArray())));
            }
            if ((int?)schema["minItems"] is > 0 and var minItems)
            {
                Add($"fewer than minItems {minItems}", item.Array[minItems - 1, minItems - 1]
                    .Select(items => (JsonNode?)new JsonArray(items.Select(v => v?.DeepClone()).ToArray())));
            }
            if ((bool?)schema["uniqueItems"] == true)
            {
                Add("duplicate items where they must be unique", item.Select(v => (JsonNode?)new JsonArray(v?.DeepClone(), v?.DeepClone())));
            }
            foreach (var (broken, gen) in Invalid(schema["items"], hint).Where(i => !i.Broken.StartsWith("null", StringComparison.Ordinal)).Take(3))
            {
                Add("an item with " + broken, gen.Select(v => (JsonNode?)new JsonArray(v)));
            }
        }
        return result;
    }

    /// <summary>An array item made distinct from its neighbours where it can be, so uniqueness is not what fails.</summary>
    private static JsonNode? Distinct(JsonNode? value, int index) =>
        value is JsonValue v && v.TryGetValue<string>(out var s) && Guid.TryParse(s, out _) ? JsonValue.Create(Guid.NewGuid().ToString())
        : value is JsonValue w && w.TryGetValue<string>(out var t) && !t.StartsWith(Placeholders.Marker, StringComparison.Ordinal) ? JsonValue.Create(t + index.ToString(CultureInfo.InvariantCulture))
        : value?.DeepClone();

    private static string Overlong(JsonObject schema, int length)
    {
        // Keep the format and pattern satisfied where easy, so the length is what is wrong.
        return (string?)schema["format"] switch
        {
            "uri" or "url" => "https://news.example.com/" + new string('a', Math.Max(1, length - 25)),
            "email" => new string('a', Math.Max(1, length - 12)) + "@example.com",
            _ => (string?)schema["pattern"] is not null ? new string('a', length) : "L" + new string('o', length - 1),
        };
    }

    private static string[] BadFormat(string format) => format switch
    {
        "uuid" => ["not-a-uuid", "12345", "0000000-0000-0000-0000-000000000000"],
        "date-time" => ["yesterday", "2026-13-45T99:00:00Z", "2026-01-01"],
        "date" => ["tomorrow", "2026-02-30x"],
        "email" => ["not-an-email", "a@", "@example.com"],
        "uri" or "url" => ["not a uri", "://missing-scheme", "http//no-colon", ""],
        _ => [],
    };
}
