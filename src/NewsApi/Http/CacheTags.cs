namespace NewsApi.Http;

/// <summary>
/// A response that knows what it shows: one output-cache tag per resource it contains (embedded ones included),
/// and one per kind of list it is. A write evicts the tags of what it changed, so exactly the cached answers that
/// showed it are dropped.
/// </summary>
public interface ICacheTagged
{
    IEnumerable<string> CacheTags();
}

public static class CacheTags
{
    /// <summary>On every entry, to empty the cache at once (when a scheduled article comes due).</summary>
    public const string Everything = "all";

    public static string Article(Guid id) => $"article:{id}";
    public static string Author(Guid id) => $"author:{id}";
    public static string Tag(Guid id) => $"tag:{id}";
    public static string Source(Guid id) => $"source:{id}";

    /// <summary>
    /// Every list of that item type: a new, changed or removed item may move into or out of any of them (for
    /// articles, the feature's <see cref="IWriteEffects"/> says which writes can).
    /// </summary>
    public static string ListOf(Type itemType) => $"list:{itemType.Name}";

    public static string ListOf<TItem>() => ListOf(typeof(TItem));

    /// <summary>The tags of a response: its own, or for a bare list its items' and the list's.</summary>
    public static IEnumerable<string> Of(object value) => value switch
    {
        ICacheTagged tagged => tagged.CacheTags(),
        IEnumerable<ICacheTagged> items => items.SelectMany(i => i.CacheTags())
            .Prepend(ListOf(value.GetType().GetGenericArguments().FirstOrDefault() ?? typeof(object))),
        _ => [],
    };
}
