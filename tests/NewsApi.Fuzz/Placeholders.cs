using System.Globalization;
using System.Text.Json.Nodes;

namespace NewsApi.Fuzz;

/// <summary>
/// Generated values stand for "the i-th author id" or "the i-th tag slug" until a request is sent: the generators
/// are pure, while the resources the API holds change as the run creates and deletes them.
/// </summary>
public static class Placeholders
{
    public const string Marker = "\u0001";
    public const string CurrentETag = Marker + "etag";

    public static string Id(string pool, int index) => string.Create(CultureInfo.InvariantCulture, $"{Marker}id:{pool}:{index}");

    public static string Slug(string pool, int index) => string.Create(CultureInfo.InvariantCulture, $"{Marker}slug:{pool}:{index}");

    /// <summary>Which resource's ids a property or parameter holds: <c>authorIds</c> authors, <c>@tags</c> (a path's id) tags.</summary>
    public static string? PoolFor(string? hint)
    {
        if (hint is null)
        {
            return null;
        }
        if (hint.StartsWith('@'))
        {
            return hint[1..];
        }
        var name = hint.ToLowerInvariant();
        if (!name.EndsWith("id", StringComparison.Ordinal) && !name.EndsWith("ids", StringComparison.Ordinal))
        {
            return null;
        }
        return name.Contains("author", StringComparison.Ordinal) ? "authors"
            : name.Contains("tag", StringComparison.Ordinal) ? "tags"
            : name.Contains("source", StringComparison.Ordinal) ? "sources"
            : name.Contains("article", StringComparison.Ordinal) ? "articles"
            : name.Contains("media", StringComparison.Ordinal) ? "media"
            : null;
    }

    /// <summary>Which resource's slugs a parameter holds: a path's slug, or the <c>tag</c>, <c>author</c>, <c>source</c> filters.</summary>
    public static string? SlugPoolFor(string? hint) => hint?.ToLowerInvariant() switch
    {
        null => null,
        ['@', ..] h => h[1..],
        "tag" or "tags" => "tags",
        "author" => "authors",
        "source" => "sources",
        _ => null,
    };

    /// <summary>Fills the placeholders in a string from the pools (a fresh id when a pool is empty).</summary>
    public static string Fill(string value, Pools pools)
    {
        if (!value.StartsWith(Marker, StringComparison.Ordinal) || value == CurrentETag)
        {
            return value;
        }
        var parts = value[1..].Split(':');
        var index = int.Parse(parts[2], CultureInfo.InvariantCulture);
        return parts[0] == "id" ? pools.Id(parts[1], index) : pools.Slug(parts[1], index);
    }

    public static JsonNode? Fill(JsonNode? node, Pools pools)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj.ToList())
                {
                    obj[name] = Fill(value?.DeepClone(), pools);
                }
                return obj;
            case JsonArray array:
                // Two different placeholders can name the same resource (a small pool): keep the first, so only an
                // intended duplicate (the same placeholder twice) reaches the API.
                var filled = new JsonArray();
                var seen = new Dictionary<string, string>();
                foreach (var item in array)
                {
                    var original = item?.ToJsonString() ?? "null";
                    var isPlaceholder = item is JsonValue v && v.TryGetValue<string>(out var raw) && raw.StartsWith(Marker, StringComparison.Ordinal);
                    var value = Fill(item?.DeepClone(), pools);
                    var text = value?.ToJsonString() ?? "null";
                    if (seen.TryGetValue(text, out var first) && first != original && isPlaceholder)
                    {
                        continue;
                    }
                    seen.TryAdd(text, original);
                    filled.Add(value);
                }
                return filled;
            case JsonValue v when v.TryGetValue<string>(out var s) && s.StartsWith(Marker, StringComparison.Ordinal):
                return JsonValue.Create(Fill(s, pools));
            default:
                return node;
        }
    }
}

/// <summary>Ids and slugs of what the API holds, by resource; new ones join as the run creates them.</summary>
public sealed class Pools
{
    private readonly Dictionary<string, List<string>> _ids = [];
    private readonly Dictionary<string, List<string>> _slugs = [];

    public void Add(string pool, string id, string? slug)
    {
        Get(_ids, pool).Add(id);
        if (slug is not null)
        {
            Get(_slugs, pool).Add(slug);
        }
    }

    public int Count(string pool) => Get(_ids, pool).Count;

    public string Id(string pool, int index) =>
        Get(_ids, pool) is { Count: > 0 } ids ? ids[index % ids.Count] : new Guid(index, 0, 0, new byte[8]).ToString();

    public string Slug(string pool, int index) =>
        Get(_slugs, pool) is { Count: > 0 } slugs ? slugs[index % slugs.Count] : "no-such-slug-" + index.ToString(CultureInfo.InvariantCulture);

    private static List<string> Get(Dictionary<string, List<string>> map, string pool)
    {
        if (!map.TryGetValue(pool, out var list))
        {
            map[pool] = list = [];
        }
        return list;
    }
}
