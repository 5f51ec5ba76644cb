namespace NewsApi.Changes;

/// <summary>The resource types the feed reports, in the order a snapshot lists them (what articles refer to first).</summary>
public static class ChangeTypes
{
    public const string Articles = "articles";
    public const string Authors = "authors";
    public const string Tags = "tags";
    public const string Sources = "sources";

    public static readonly IReadOnlyList<string> All = [Authors, Tags, Sources, Articles];

    /// <summary>What a <c>types</c> query may say: one or more of them, comma-separated.</summary>
    public const string Pattern = "^(articles|authors|tags|sources)(,(articles|authors|tags|sources))*$";

    /// <summary>The outbox's resource type (<c>article</c>) as the feed names it (<c>articles</c>).</summary>
    public static string OfResource(string resourceType) => resourceType + "s";

    public static string ResourceOf(string type) => type[..^1];

    /// <summary>The types a <c>types</c> query asks for; null when one is unknown.</summary>
    public static HashSet<string>? Parse(string? types)
    {
        if (string.IsNullOrWhiteSpace(types))
        {
            return [.. All];
        }
        var parsed = types.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        return parsed.Count > 0 && parsed.All(All.Contains) ? parsed : null;
    }
}
