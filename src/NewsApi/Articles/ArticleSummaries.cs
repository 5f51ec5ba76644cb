using System.Collections;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace NewsApi.Articles;

/// <summary>
/// What a page needs to know about each listed article besides its card: its place in the page's sort order, the
/// time sorted by (<see cref="At"/>) or the title. Only that column is read, so a page can come from the index alone.
/// </summary>
public sealed record ArticleKey(Guid Id, DateTime? At, string? Title)
{
    public static ArticleKey Of(ArticleSummary summary, ArticleSort? sort, bool editor) => sort?.Field switch
    {
        ArticleSortField.Title => new(summary.Id, null, summary.Title),
        ArticleSortField.UpdatedAt => new(summary.Id, summary.UpdatedAt, null),
        ArticleSortField.PublishedAt => new(summary.Id, editor ? summary.PublishedAt ?? summary.CreatedAt : summary.PublishedAt, null),
        _ => new(summary.Id, null, null),
    };
}

/// <summary>
/// The summaries of a page, either as objects or as the JSON array the database wrote (see <see cref="CardArticleReadPath"/>).
/// Written JSON goes to the response as it is; the objects are read from it only when something asks for them
/// (the output cache's tags), so a page served from the database path costs no materialisation or serialisation.
/// </summary>
[JsonConverter(typeof(ArticleSummariesConverter))]
public sealed class ArticleSummaries : IReadOnlyList<ArticleSummary>, Http.ICacheTagged
{
    private readonly Lazy<List<ArticleSummary>> _items;

    private ArticleSummaries(IReadOnlyList<ArticleKey> keys, int found, byte[]? json, Lazy<List<ArticleSummary>> items)
    {
        Keys = keys;
        Found = found;
        Json = json;
        _items = items;
    }

    public static readonly ArticleSummaries Empty = FromItems([]);

    /// <summary>The listed articles' sort keys, in the page's order.</summary>
    public IReadOnlyList<ArticleKey> Keys { get; }

    /// <summary>How many articles the query found: one more than <see cref="Count"/> when another page follows.</summary>
    public int Found { get; }

    /// <summary>The page's summaries as a UTF-8 JSON array, when the database wrote them.</summary>
    public byte[]? Json { get; }

    /// <param name="items">What the query found.</param>
    /// <param name="limit">How many of them the page shows; all when null.</param>
    /// <param name="sort">The order the keys are for; none when the page has no cursor.</param>
    /// <param name="editor">Whether an editor reads (drafts then take their place by creation time).</param>
    public static ArticleSummaries FromItems(List<ArticleSummary> items, int? limit = null, ArticleSort? sort = null, bool editor = false)
    {
        var shown = limit is { } n && items.Count > n ? items[..n] : items;
        return new(shown.ConvertAll(s => ArticleKey.Of(s, sort, editor)), items.Count, null, new(shown));
    }

    public static ArticleSummaries FromJson(IReadOnlyList<ArticleKey> keys, int found, byte[] json) =>
        new(keys, found, json, new(() => JsonSerializer.Deserialize<List<ArticleSummary>>(json, Http.ApiJson.Options)!));

    public int Count => Keys.Count;

    public ArticleSummary this[int index] => _items.Value[index];

    public IEnumerator<ArticleSummary> GetEnumerator() => _items.Value.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>As a bare list (related articles): its items' tags and the list's.</summary>
    public IEnumerable<string> CacheTags() =>
        this.SelectMany(i => i.CacheTags()).Prepend(Http.CacheTags.ListOf<ArticleSummary>());
}

/// <summary>Writes a page's summaries: the database's JSON as it is, or the objects as usual.</summary>
public sealed class ArticleSummariesConverter : JsonConverter<ArticleSummaries>
{
    internal static readonly ArticleSummariesConverter Instance = new();

    public override ArticleSummaries Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        ArticleSummaries.FromItems(JsonSerializer.Deserialize<List<ArticleSummary>>(ref reader, options) ?? []);

    public override void Write(Utf8JsonWriter writer, ArticleSummaries value, JsonSerializerOptions options)
    {
        if (value.Json is { } json)
        {
            // The database built it from the stored values with its own JSON functions; tests hold it to the
            // serializer's output.
            writer.WriteRawValue(json, skipInputValidation: true);
            return;
        }
        WriteItems(writer, value, options);
    }

    internal static void WriteItems(Utf8JsonWriter writer, IEnumerable<ArticleSummary> items, JsonSerializerOptions options)
    {
        var item = options.GetTypeInfo(typeof(ArticleSummary));
        writer.WriteStartArray();
        foreach (var summary in items)
        {
            JsonSerializer.Serialize(writer, summary, item);
        }
        writer.WriteEndArray();
    }
}

/// <summary>
/// Lets a property declared as a list of summaries write an <see cref="ArticleSummaries"/> through its converter
/// (a converter is chosen by the declared type).
/// </summary>
public sealed class SummaryListConverter : JsonConverter<IReadOnlyList<ArticleSummary>>
{
    public override IReadOnlyList<ArticleSummary> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        JsonSerializer.Deserialize<List<ArticleSummary>>(ref reader, options) ?? [];

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<ArticleSummary> value, JsonSerializerOptions options)
    {
        if (value is ArticleSummaries summaries)
        {
            ArticleSummariesConverter.Instance.Write(writer, summaries, options);
            return;
        }
        ArticleSummariesConverter.WriteItems(writer, value, options);
    }
}

public static class ArticleJsonServiceCollectionExtensions
{
    /// <summary>
    /// An endpoint that answers a list of summaries (related articles) writes it through <see cref="SummaryListConverter"/>
    /// too; a page's items name it on the property.
    /// </summary>
    public static IServiceCollection AddArticleJson(this IServiceCollection services) =>
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new SummaryListConverter()));
}
